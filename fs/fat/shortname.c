/*
 * fs/fat/shortname.c - 8.3 names (see dirent.h): whether a name can be
 * stored as a short entry alone, and the alias a long name gets, after the
 * FAT specification section 7.2 "Basis-Name Generation Algorithm" and the
 * numeric-tail rule. Characters outside ASCII become '_' in aliases
 * (mendax keeps no OEM code page), which the algorithm allows as a lossy
 * conversion.
 */
#include "fs/fat/dirent.h"

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static char to_upper(char c) { return is_lower(c) ? (char)(c - 'a' + 'A') : c; }

/* Valid in a short name once upper-cased (specification 6.1). */
static bool short_char_ok(char c)
{
	const char *extra = "!#$%&'()-@^_`{}~";
	if (is_upper(c) || is_lower(c) || (c >= '0' && c <= '9'))
		return true;
	for (const char *e = extra; *e; e++)
		if (c == *e)
			return true;
	return false;
}

static void blank(uint8_t raw[11])
{
	for (unsigned i = 0; i < 11; i++)
		raw[i] = ' ';
}

/* A part of at most max valid characters, all one case; its case bit. */
static bool short_part(const char *s, size_t len, size_t max, uint8_t *out, uint8_t lower_bit,
		       uint8_t *nt_case)
{
	bool upper = false, lower = false;
	if (len > max)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (!short_char_ok(s[i]))
			return false;
		upper |= is_upper(s[i]);
		lower |= is_lower(s[i]);
		out[i] = (uint8_t)to_upper(s[i]);
	}
	if (upper && lower)
		return false;
	if (lower)
		*nt_case |= lower_bit;
	return true;
}

static const char *last_dot(const char *name)
{
	const char *dot = NULL;
	for (const char *p = name; *p; p++)
		if (*p == '.')
			dot = p;
	return dot;
}

static size_t length(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

bool fat_name_is_short(const char *name, uint8_t raw[11], uint8_t *nt_case)
{
	const char *dot = last_dot(name);
	size_t len = length(name), base = dot ? (size_t)(dot - name) : len;
	*nt_case = 0;
	blank(raw);
	if (base == 0 || (dot && dot[1] == 0))
		return false;   /* ".x", "x.": not 8.3 (and "." / ".." are never file names) */
	return short_part(name, base, 8, raw, FAT_CASE_LOWER_BASE, nt_case) &&
	       (!dot || short_part(dot + 1, len - base - 1, 3, raw + 8, FAT_CASE_LOWER_EXT, nt_case));
}

/* One character of a long name as it goes into an alias: upper case,
 * '_' for anything not allowed (non-ASCII bytes included), 0 to drop it. */
static char alias_char(char c)
{
	if (c == ' ' || c == '.')
		return 0;
	return short_char_ok(c) ? to_upper(c) : '_';
}

/* Skips a UTF-8 character's continuation bytes, so each non-ASCII
 * character gives one '_'. */
static bool continuation(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

static size_t alias_part(const char *from, const char *to, uint8_t *out, size_t max)
{
	size_t n = 0;
	for (const char *p = from; p < to && n < max; p++) {
		char c = continuation(*p) ? 0 : alias_char(*p);
		if (c)
			out[n++] = (uint8_t)c;
	}
	return n;
}

/* "~n" written into base at the place the basis name allows. */
static void numeric_tail(uint8_t raw[11], size_t base_len, unsigned n)
{
	char digits[8];
	size_t d = 0;
	for (; n; n /= 10)
		digits[d++] = (char)('0' + n % 10);
	size_t at = base_len < 8 - (d + 1) ? base_len : 8 - (d + 1);
	raw[at++] = '~';
	while (d)
		raw[at++] = (uint8_t)digits[--d];
	while (at < 8)
		raw[at++] = ' ';
}

int fat_short_alias(const char *name, unsigned n, uint8_t raw[11])
{
	if (n < 1 || n > 999999)
		return -E_INVAL;
	const char *start = name;
	while (*start == ' ' || *start == '.')
		start++;   /* leading spaces and periods are stripped */
	const char *dot = last_dot(start), *end = start + length(start);
	blank(raw);
	size_t base = alias_part(start, dot ? dot : end, raw, 8);
	if (dot)
		alias_part(dot + 1, end, raw + 8, 3);
	if (base == 0)
		return -E_INVAL;
	numeric_tail(raw, base, n);
	return 0;
}
