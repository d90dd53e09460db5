/*
 * lib/kprintf.c - the formatting engine behind kprintf/ksnprintf.
 * Pure: it knows nothing of UARTs; output goes through a callback, so the
 * same code runs in the kernel and in the host unit tests.
 */
#include "lib/kprintf.h"

struct fmt_spec {
	bool left, zero, plus, space, alt;
	int width, precision;  /* precision < 0: none given */
	int length;            /* 0 int, 1 long, 2 long long, 3 size_t */
};

struct out {
	kput_fn put;
	void *ctx;
	int count;
};

static void out_char(struct out *o, char c)
{
	o->put(c, o->ctx);
	o->count++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

/* Emits prefix (sign or 0x) and digits with the spec's width and padding. */
static void out_number(struct out *o, const struct fmt_spec *s, const char *prefix,
		       const char *digits, int ndigits)
{
	int plen = 0;
	while (prefix[plen])
		plen++;
	int pad = s->width - plen - ndigits;
	if (!s->left && !s->zero)
		out_pad(o, ' ', pad);
	for (int i = 0; i < plen; i++)
		out_char(o, prefix[i]);
	if (!s->left && s->zero)
		out_pad(o, '0', pad);
	for (int i = 0; i < ndigits; i++)
		out_char(o, digits[i]);
	if (s->left)
		out_pad(o, ' ', pad);
}

static void format_unsigned(struct out *o, const struct fmt_spec *s, unsigned long long v,
			    unsigned base, bool upper, const char *prefix)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = set[v % base];
		v /= base;
	} while (v);
	char digits[24];
	for (int i = 0; i < n; i++)
		digits[i] = tmp[n - 1 - i];
	out_number(o, s, prefix, digits, n);
}

static void format_signed(struct out *o, const struct fmt_spec *s, long long v)
{
	const char *prefix = v < 0 ? "-" : s->plus ? "+" : s->space ? " " : "";
	/* Negate in unsigned arithmetic so LLONG_MIN does not overflow. */
	unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	format_unsigned(o, s, mag, 10, false, prefix);
}

static void format_string(struct out *o, const struct fmt_spec *s, const char *str)
{
	if (!str)
		str = "(null)";
	int len = 0;
	while (str[len] && (s->precision < 0 || len < s->precision))
		len++;
	if (!s->left)
		out_pad(o, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		out_char(o, str[i]);
	if (s->left)
		out_pad(o, ' ', s->width - len);
}

static const char *parse_spec(const char *p, struct fmt_spec *s, va_list *ap)
{
	*s = (struct fmt_spec){ .precision = -1 };
	for (;; p++) {
		if (*p == '-') s->left = true;
		else if (*p == '0') s->zero = true;
		else if (*p == '+') s->plus = true;
		else if (*p == ' ') s->space = true;
		else if (*p == '#') s->alt = true;
		else break;
	}
	if (*p == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->left = true;
			s->width = -s->width;
		}
		p++;
	}
	while (*p >= '0' && *p <= '9')
		s->width = s->width * 10 + (*p++ - '0');
	if (*p == '.') {
		s->precision = 0;
		p++;
		if (*p == '*') {
			s->precision = va_arg(*ap, int);
			p++;
		}
		while (*p >= '0' && *p <= '9')
			s->precision = s->precision * 10 + (*p++ - '0');
	}
	while (*p == 'h')
		p++;  /* short arguments are promoted to int anyway */
	if (*p == 'z') { s->length = 3; p++; }
	while (*p == 'l') { s->length++; p++; }
	return p;
}

static unsigned long long arg_unsigned(const struct fmt_spec *s, va_list *ap)
{
	switch (s->length) {
	case 0: return va_arg(*ap, unsigned int);
	case 1: return va_arg(*ap, unsigned long);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned long long);
	}
}

static long long arg_signed(const struct fmt_spec *s, va_list *ap)
{
	switch (s->length) {
	case 0: return va_arg(*ap, int);
	case 1: return va_arg(*ap, long);
	case 3: return (long long)va_arg(*ap, size_t);
	default: return va_arg(*ap, long long);
	}
}

static void format_one(struct out *o, char conv, struct fmt_spec *s, va_list *ap)
{
	switch (conv) {
	case 'd': case 'i': format_signed(o, s, arg_signed(s, ap)); break;
	case 'u': format_unsigned(o, s, arg_unsigned(s, ap), 10, false, ""); break;
	case 'x': format_unsigned(o, s, arg_unsigned(s, ap), 16, false, s->alt ? "0x" : ""); break;
	case 'X': format_unsigned(o, s, arg_unsigned(s, ap), 16, true, s->alt ? "0X" : ""); break;
	case 'o': format_unsigned(o, s, arg_unsigned(s, ap), 8, false, ""); break;
	case 'p':
		s->zero = true;
		s->width = 2 + 2 * (int)sizeof(void *);
		format_unsigned(o, s, (uintptr_t)va_arg(*ap, void *), 16, false, "0x");
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);
		s->precision = 1;
		char str[2] = { c, 0 };
		format_string(o, s, str);
		break;
	}
	case 's': format_string(o, s, va_arg(*ap, const char *)); break;
	case '%': out_char(o, '%'); break;
	default:  /* unknown conversion: show it rather than guess */
		out_char(o, '%');
		if (conv)
			out_char(o, conv);
	}
}

int kvformat(kput_fn put, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { put, ctx, 0 };
	va_list args;
	va_copy(args, ap);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			out_char(&o, *p);
			continue;
		}
		struct fmt_spec s;
		p = parse_spec(p + 1, &s, &args);
		format_one(&o, *p, &s, &args);
		if (!*p)
			break;
	}
	va_end(args);
	return o.count;
}

static void put_console(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	return kvformat(put_console, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

struct buf_ctx {
	char *buf;
	size_t size, len;
};

static void put_buf(char c, void *ctx)
{
	struct buf_ctx *b = ctx;
	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_ctx b = { buf, size, 0 };
	int n = kvformat(put_buf, &b, fmt, ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = 0;
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
