/* tests/layering/fs/pager.c - a file system's pager: it may use the heap,
 * and hands mm/ its operations at run time. */
#include "../fixture.h"

int fs_get_page(unsigned long n, void *frame)
{
	void *buf = kmalloc(512);
	(void)frame;
	kfree(buf);
	return (int)n;
}

static const struct pager_ops fs_pager = { .get_page = fs_get_page };

void fs_attach(void)
{
	vmm_set_pager(&fs_pager);
}
