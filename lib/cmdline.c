/*
 * lib/cmdline.c - the command line as space-separated key[=value] words.
 */
#include "lib/cmdline.h"

static bool word_matches(const char *w, size_t wlen, const char *key, size_t *vstart)
{
	size_t k = 0;
	while (key[k] && k < wlen && w[k] == key[k])
		k++;
	if (key[k])
		return false;
	if (k == wlen) {
		*vstart = wlen;
		return true;
	}
	if (w[k] != '=')
		return false;
	*vstart = k + 1;
	return true;
}

bool cmdline_get(const char *cmdline, const char *key, char *out, size_t size)
{
	const char *p = cmdline ? cmdline : "";
	while (*p) {
		while (*p == ' ')
			p++;
		size_t wlen = 0;
		while (p[wlen] && p[wlen] != ' ')
			wlen++;
		size_t v;
		if (wlen && word_matches(p, wlen, key, &v)) {
			size_t n = 0;
			for (; v + n < wlen && n + 1 < size; n++)
				out[n] = p[v + n];
			if (size)
				out[n] = 0;
			return true;
		}
		p += wlen;
	}
	return false;
}

static unsigned suffix_shift(char c)
{
	switch (c | 0x20) {   /* lower case */
	case 'k': return 10;
	case 'm': return 20;
	case 'g': return 30;
	default: return 0;
	}
}

int cmdline_parse_size(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	for (; s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > 0xffffffffull)
			return -E_INVAL;
	}
	unsigned shift = i ? suffix_shift(s[i]) : 0;
	if (i == 0 || (s[i] && (!shift || s[i + 1])))
		return -E_INVAL;
	v <<= shift;
	if (v > 0xffffffffull)
		return -E_INVAL;
	*out = v;
	return 0;
}
