/* tests/layering/kernel/helper_static.c - the heap two calls away, the
 * second to a static function the assembler resolves (no relocation). On
 * ARM this file is built as Thumb (R_ARM_THM_CALL). */
#include "../fixture.h"

static char *cache;

static __attribute__((noinline)) void release_all(void)
{
	kfree(cache);
	cache = 0;
}

int helper_y(int n)
{
	if (n < 0)
		release_all();
	return n;
}
