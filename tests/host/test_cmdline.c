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
