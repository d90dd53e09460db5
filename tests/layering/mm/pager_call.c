/* tests/layering/mm/pager_call.c - mm asks for a page through the pager
 * interface fs/ filled in: no direct edge, so the check passes. */
#include "../fixture.h"

static const struct pager_ops *pager;

void vmm_set_pager(const struct pager_ops *ops)
{
	pager = ops;
}

int vmm_page_in_via_pager(unsigned long n, void *frame)
{
	return pager ? pager->get_page(n, frame) : -1;
}
