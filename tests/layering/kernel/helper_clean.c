/* tests/layering/kernel/helper_clean.c - the same helper without the heap. */
#include "../fixture.h"

int helper_x(int n)
{
	return n * 3;
}
