/*
 * user/swapcheck/harness.c - the swap suite's verdicts: one "ok"/"FAIL"
 * line per check and the counts the closing line prints; mem(), the
 * meminfo figures every test reads.
 */
#include "user/swapcheck/swapcheck.h"

unsigned passed, failed;

void verdict(int ok, const char *what)
{
	printf("%s - swapcheck: %s\n", ok ? "ok" : "FAIL", what);
	ok ? passed++ : failed++;
}

struct mendax_meminfo mem(void)
{
	struct mendax_meminfo m;
	meminfo(&m);
	return m;
}
