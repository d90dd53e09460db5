/* tests/layering/kernel/helper_heap.c - a kernel helper that allocates on
 * the caller's behalf: reached from mm/fault.c, the check must fail. */
#include "../fixture.h"

int helper_x(int n)
{
	char *p = kmalloc((unsigned long)n);
	return p ? p[0] : 0;
}
