/* tests/layering/mm/fault.c - an "mm" fault path that calls a kernel
 * helper directly: clean or not depending on the helper linked beside it. */
#include "../fixture.h"

int vmm_fault(int n)
{
	return helper_x(n) + 1;
}
