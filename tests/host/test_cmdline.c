/*
 * tests/host/test_cmdline.c - key=value lookup on the kernel command line.
 */
#include "htest.h"
#include "lib/cmdline.h"

HTEST(cmdline_finds_values_and_flags)
{
	char v[16];
	HCHECK(cmdline_get("console=ttyS0 fault=undef  quiet", "fault", v, sizeof v));
	HCHECK_STR(v, "undef");
	HCHECK(cmdline_get("console=ttyS0 fault=undef quiet", "quiet", v, sizeof v));
	HCHECK_STR(v, "");
	HCHECK(!cmdline_get("faults=x fault2=y", "fault", v, sizeof v));
	HCHECK(!cmdline_get("", "fault", v, sizeof v));
	HCHECK(!cmdline_get(NULL, "fault", v, sizeof v));
}

HTEST(cmdline_truncates_long_values)
{
	char v[4];
	HCHECK(cmdline_get("k=abcdef", "k", v, sizeof v));
	HCHECK_STR(v, "abc");
}

HTEST(cmdline_sizes_take_k_m_g_suffixes_and_nothing_else)
{
	uint64_t v = 0;
	HCHECK_EQ(cmdline_parse_size("16M", &v), 0);
	HCHECK_EQ(v, 16u << 20);
	HCHECK_EQ(cmdline_parse_size("512k", &v), 0);
	HCHECK_EQ(v, 512u << 10);
	HCHECK_EQ(cmdline_parse_size("1G", &v), 0);
	HCHECK_EQ(v, 1ull << 30);
	HCHECK_EQ(cmdline_parse_size("65536", &v), 0);
	HCHECK_EQ(v, 65536);
	HCHECK_EQ(cmdline_parse_size("", &v), -E_INVAL);
	HCHECK_EQ(cmdline_parse_size("M", &v), -E_INVAL);
	HCHECK_EQ(cmdline_parse_size("16MB", &v), -E_INVAL);
	HCHECK_EQ(cmdline_parse_size("16X", &v), -E_INVAL);
	HCHECK_EQ(cmdline_parse_size("-1", &v), -E_INVAL);
	HCHECK_EQ(cmdline_parse_size("4G", &v), -E_INVAL);
	HCHECK_EQ(cmdline_parse_size("99999999999", &v), -E_INVAL);
}
