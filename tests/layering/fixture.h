/* tests/layering/fixture.h - the few declarations the layering fixtures
 * share (scripts/check-layering-fixtures.sh). The fixtures are compiled,
 * never linked or run: only their relocations and branches matter. */
#ifndef LAYERING_FIXTURE_H
#define LAYERING_FIXTURE_H

void *kmalloc(unsigned long size);
void kfree(void *p);
int helper_x(int n);
int helper_y(int n);
int fs_get_page(unsigned long n, void *frame);

/* The sanctioned indirect edge: fs/ fills this in, mm/ calls through it. */
struct pager_ops {
	int (*get_page)(unsigned long n, void *frame);
};
void vmm_set_pager(const struct pager_ops *ops);

#endif
