/*
 * mm/vmm_fault.c - the generic fault path: where the lies are called and
 * made true one page at a time. Policy comes from the region (what the
 * page is meant to be) and the frame's reference count (who else sees
 * it); the page tables are only ever touched through the arch contract.
 */
#include "mm/vmm.h"
#include "kernel/arch.h"
#include "mm/vmm_region.h"
#include "mm/pmm.h"
#include "kernel/string.h"

static int new_zeroed_frame(paddr_t *pa)
{
	if (pmm_alloc_frame(pa))
		return -E_NOMEM;
	arch_page_zero(arch_vmm_phys_to_virt(*pa));
	return 0;
}

/* A write where the zero page was: allocate-on-write. */
static int allocate_on_write(unsigned slot, vaddr_t va, unsigned prot)
{
	paddr_t pa;
	if (new_zeroed_frame(&pa))
		return -E_NOMEM;
	int rc = arch_vmm_map(slot, va, pa, prot);
	if (rc)
		pmm_free_frame(pa);
	return rc;
}

/* A write to a frame mapped read-only in a writable region: copy-on-write.
 * The last owner keeps the frame and only gets write access back. */
static int break_cow(unsigned slot, vaddr_t va, paddr_t old, unsigned prot)
{
	if (pmm_refcount(old) <= 1)
		return arch_vmm_protect(slot, va, prot);
	paddr_t pa;
	if (pmm_alloc_frame(&pa))
		return -E_NOMEM;
	arch_page_copy(arch_vmm_phys_to_virt(pa), arch_vmm_phys_to_virt(old));
	int rc = arch_vmm_map(slot, va, pa, prot);
	if (rc) {
		pmm_free_frame(pa);
		return rc;
	}
	pmm_unref_if_used(old);   /* the fast path: old is in use, shared */
	return 0;
}

static int fault_on_page(unsigned slot, vaddr_t va, bool write, unsigned prot)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	if (info.kind == VMM_PAGE_ZERO_TABLE) {
		if (!write)
			return 0;   /* a stale TLB entry: the table already says readable */
		if (arch_vmm_table_make_private(slot, va))
			return -E_NOMEM;
		return allocate_on_write(slot, va, prot);
	}
	if (info.kind == VMM_PAGE_UNMAPPED)
		return write ? allocate_on_write(slot, va, prot)
			     : arch_vmm_map(slot, va, vmm_zero_page(), prot & ~VMM_WRITE);
	if (!write || (info.prot & VMM_WRITE)) {
		/* The entry already allows it: the fault came from a stale TLB
		 * entry. Rewriting the entry flushes it, so the retry succeeds. */
		return arch_vmm_protect(slot, va, info.prot);
	}
	if (info.pa == vmm_zero_page())
		return allocate_on_write(slot, va, prot);
	return break_cow(slot, va, info.pa, prot);
}

int vmm_fault(vaddr_t addr, enum vmm_access access, bool user)
{
	(void)user;   /* both modes resolve alike: kernel writes break COW too */
	unsigned slot = arch_vmm_space_current();
	if (addr >= arch_vmm_user_end)
		return -E_FAULT;
	const struct vmm_region *r = vmm_region_find(slot, addr);
	if (!r)
		return -E_FAULT;
	if ((access == VMM_ACCESS_WRITE && !(r->prot & VMM_WRITE)) ||
	    (access == VMM_ACCESS_EXEC && !(r->prot & VMM_EXEC)))
		return -E_PERM;
	return fault_on_page(slot, ALIGN_DOWN(addr, PAGE_SIZE), access == VMM_ACCESS_WRITE, r->prot);
}
