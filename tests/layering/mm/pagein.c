/* tests/layering/mm/pagein.c - mm calls the file system by name instead of
 * through the pager interface: refused (docs/layering.md). */
#include "../fixture.h"

int vmm_page_in(unsigned long n, void *frame)
{
	return fs_get_page(n, frame);
}
