/*
 * tests/host/test_kprintf.c - the formatting engine behind kprintf.
 */
#include "htest.h"
#include "lib/kprintf.h"
#include <limits.h>

static char buf[256];

#define FMT(...) (ksnprintf(buf, sizeof buf, __VA_ARGS__), buf)

static void put_buf(char c, void *ctx)
{
	char **p = ctx;
	*(*p)++ = c;
	**p = 0;
}

/* Calls the engine without the printf attribute, so malformed formats compile. */
static const char *format_unchecked(const char *fmt, ...)
{
	char *p = buf;
	va_list ap;
	va_start(ap, fmt);
	kvformat(put_buf, &p, fmt, ap);
	va_end(ap);
	return buf;
}


HTEST(kprintf_integers)
{
	HCHECK_STR(FMT("%d %i %u", -42, 7, 4000000000u), "-42 7 4000000000");
	HCHECK_STR(FMT("%x %X %o", 0xbeefu, 0xbeefu, 8u), "beef BEEF 10");
	HCHECK_STR(FMT("%lld", LLONG_MIN), "-9223372036854775808");
	HCHECK_STR(FMT("%llu %llx", 18446744073709551615ull, 0x123456789abcdefull),
		   "18446744073709551615 123456789abcdef");
	HCHECK_STR(FMT("%ld %lu %zu", -5L, 5UL, (size_t)99), "-5 5 99");
	HCHECK_STR(FMT("%d", 0), "0");
}

HTEST(kprintf_width_and_flags)
{
	HCHECK_STR(FMT("[%5d][%-5d][%05d]", 42, 42, -42), "[   42][42   ][-0042]");
	HCHECK_STR(FMT("[%08x][%#010x][%#x]", 0xabcu, 0xabcu, 0u), "[00000abc][0x00000abc][0x0]");
	HCHECK_STR(FMT("[%+d][% d]", 3, 3), "[+3][ 3]");
	HCHECK_STR(FMT("[%*d][%-*d]", 4, 1, 4, 1), "[   1][1   ]");
}

HTEST(kprintf_strings_chars_pointers)
{
	HCHECK_STR(FMT("%s|%.3s|%-6s|%6s", "abc", "abcdef", "ab", "ab"), "abc|abc|ab    |    ab");
	HCHECK_STR(format_unchecked("%s", (char *)NULL), "(null)");
	HCHECK_STR(FMT("%c%c%%", 'o', 'k'), "ok%");
	char want[32];
	snprintf(want, sizeof want, "0x%0*lx", (int)(2 * sizeof(void *)), (unsigned long)0x1234);
	HCHECK_STR(FMT("%p", (void *)0x1234), want);
}

HTEST(ksnprintf_truncates_and_counts)
{
	char small[5];
	int n = ksnprintf(small, sizeof small, "%s", "abcdefgh");
	HCHECK_EQ(n, 8);
	HCHECK_STR(small, "abcd");
	HCHECK_EQ(ksnprintf(NULL, 0, "%d", 12345), 5);
}

HTEST(kprintf_reaches_console)
{
	kprintf("hello %s %d\n", "console", 1);
	HCHECK_STR(htest_console(), "hello console 1\n");
}

HTEST(kprintf_unknown_conversion_is_shown)
{
	HCHECK_STR(format_unchecked("a%qb"), "a%qb");
	HCHECK_STR(format_unchecked("end%"), "end%");
}
