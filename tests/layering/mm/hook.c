/* tests/layering/mm/hook.c - mm takes the address of a kernel helper (no
 * call in sight): an address reference in text is an edge too. */
#include "../fixture.h"

int (*vmm_hook)(int);

void vmm_hook_init(void)
{
	vmm_hook = helper_y;
}
