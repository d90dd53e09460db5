/*
 * mm/vmm_fork.c - copying an address space for fork(): tables, not frames.
 * Every mapped frame gains a reference and is shared read-only (writes
 * break copy-on-write in mm/vmm_fault.c); zero-table ranges are shared by
 * pointing the child at the same zero table; the zero page stays the zero
 * page.
 */
#include "mm/vmm.h"
#include "mm/vmm_region.h"
#include "mm/pmm.h"
#include "mm/swap.h"

static int copy_span(unsigned parent, unsigned child, vaddr_t base)
{
	switch (arch_vmm_table_kind(parent, base)) {
	case VMM_TABLE_NONE:
		return 0;
	case VMM_TABLE_ZERO:
		return arch_vmm_table_set_zero(child, base);
	case VMM_TABLE_PRIVATE:
		break;
	}
	/* The whole table at once: every entry copied read-only into the
	 * child and made read-only in the parent, one more reference on each
	 * frame - but never on the zero page, which is nobody's. */
	return arch_vmm_table_share_cow(parent, child, base, vmm_zero_page());
}

int vmm_space_fork(unsigned parent)
{
	vmm_reclaim_if_low();   /* the copied tables need frames */
	int child = vmm_space_create();
	if (child < 0)
		return child;
	if (vmm_region_copy((unsigned)child, parent)) {
		vmm_space_destroy((unsigned)child);
		return -E_NOMEM;
	}
	vaddr_t end = arch_vmm_user_end;
	for (vaddr_t va = 0; (va = arch_vmm_next_mapped(parent, va, end)) < end;) {
		vaddr_t base = va & ~(arch_vmm_table_span - 1);
		va = base + arch_vmm_table_span;
		if (copy_span(parent, (unsigned)child, base)) {
			/* What was shared so far is released with the child; the
			 * parent's pages left read-only become writable again at
			 * their next write (sole owner, no copy). */
			vmm_space_destroy((unsigned)child);
			return -E_NOMEM;
		}
	}
	return child;
}
