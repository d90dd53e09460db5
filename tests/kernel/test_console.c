/*
 * tests/kernel/test_console.c - the formatting engine as compiled for the
 * target (64-bit division goes through libgcc helpers on both ports).
 */
#include "tests/kernel/ktest.h"
#include "lib/string.h"

static char buf[96];

static void format_64bit_values(void)
{
	ksnprintf(buf, sizeof buf, "%llu %llx %lld", 18446744073709551615ull,
		  0xfedcba9876543210ull, -9000000000000000000ll);
	KCHECK(!strcmp(buf, "18446744073709551615 fedcba9876543210 -9000000000000000000"));
}

static void format_widths_and_strings(void)
{
	ksnprintf(buf, sizeof buf, "[%-4s|%4d|%#06x|%c]", "ab", -7, 0x2au, 'z');
	KCHECK(!strcmp(buf, "[ab  |  -7|0x002a|z]"));
}

const struct ktest ktests_console[] = {
	{ format_64bit_values, "kprintf formats 64-bit values" },
	{ format_widths_and_strings, "kprintf widths, flags and strings" },
	{ NULL, NULL },
};
