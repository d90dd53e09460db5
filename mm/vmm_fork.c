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

static int share_page(unsigned parent, unsigned child, vaddr_t va, const struct vmm_page_info *p)
{
	unsigned ro = p->prot & ~VMM_WRITE;
	if (p->pa != vmm_zero_page() && pmm_frame_state(p->pa) == FRAME_USED) {
		if (pmm_ref_frame(p->pa) < 0)
			return -E_NOMEM;
		if ((p->prot & VMM_WRITE) && arch_vmm_protect(parent, va, ro))
			return -E_NOMEM;
	}
	return arch_vmm_map(child, va, p->pa, ro);
}

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
	vaddr_t end = base + arch_vmm_table_span;
	for (vaddr_t va = base; (va = arch_vmm_next_mapped(parent, va, end)) < end; va += PAGE_SIZE) {
		struct vmm_page_info p;
		arch_vmm_query(parent, va, &p);
		if (p.kind == VMM_PAGE_MAPPED && share_page(parent, child, va, &p))
			return -E_NOMEM;
	}
	return 0;
}

int vmm_space_fork(unsigned parent)
{
	int child = vmm_space_create();
	if (child < 0)
		return child;
	vmm_region_copy((unsigned)child, parent);
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
