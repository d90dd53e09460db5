/* tests/layering/mm/kheap.c - the heap of the layering fixtures: what no
 * fixture of mm/ may reach. */
#include "../fixture.h"

static char arena[64];

void *kmalloc(unsigned long size)
{
	return size <= sizeof(arena) ? arena : 0;
}

void kfree(void *p)
{
	(void)p;
}
