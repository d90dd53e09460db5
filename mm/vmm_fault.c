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
#include "kernel/kprintf.h"

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

/* The VMM_* right an access needs. */
static unsigned access_right(enum vmm_access access)
{
	return access == VMM_ACCESS_WRITE ? VMM_WRITE :
	       access == VMM_ACCESS_EXEC ? VMM_EXEC : VMM_READ;
}

/* Does the region let the program make this access? A region without
 * VMM_READ (PROT_NONE) refuses reads too: nothing there may be seen. */
static bool region_allows(const struct vmm_region *r, enum vmm_access access)
{
	return (r->prot & access_right(access)) != 0;
}

/* Does a user entry granting prot already allow the access? */
static bool entry_allows(unsigned prot, enum vmm_access access)
{
	return (prot & access_right(access)) && (prot & VMM_USER);
}

/*
 * A fault whose entry already allows the access changed nothing: it came
 * from a stale TLB entry. The first one flushes that page, a second in a
 * row at the same address and access flushes the space's whole TLB, and a
 * third can no longer be a stale entry: a livelock, so the fault fails
 * (-E_AGAIN, the process is killed) instead of retrying forever.
 * One record per space: a space runs one thread, on one CPU at a time, so
 * no lock is needed; with threads sharing a space, make it per CPU.
 */
struct stale_retry {
	vaddr_t va;
	enum vmm_access access;
	unsigned count;
};
static struct stale_retry stale_retries[CONFIG_MAX_PROCS];

#define RETRIED_STALE 1   /* retry_stale's "retry", told apart from a change */

static int retry_stale(unsigned slot, vaddr_t va, enum vmm_access access)
{
	struct stale_retry *s = &stale_retries[slot];
	if (s->count == 0 || s->va != va || s->access != access)
		*s = (struct stale_retry){ va, access, 0 };
	switch (++s->count) {
	case 1:
		arch_vmm_flush_page(slot, va);
		return RETRIED_STALE;
	case 2:
		arch_vmm_flush_space(slot);
		return RETRIED_STALE;
	default:
		s->count = 0;
		kprintf("vmm: fault at %#x (%s) repeats after a full TLB flush with nothing to "
			"change: livelock refused\n", va,
			access == VMM_ACCESS_WRITE ? "write" : access == VMM_ACCESS_EXEC ? "fetch" : "read");
		return -E_AGAIN;
	}
}

void vmm_fault_forget(unsigned slot)
{
	stale_retries[slot].count = 0;
}

/* The zero page (read-only) mapped for a read or an instruction fetch. */
static int map_zero_page(unsigned slot, vaddr_t va, unsigned prot)
{
	return arch_vmm_map(slot, va, vmm_zero_page(), prot & ~VMM_WRITE);
}

static int fault_on_zero_table(unsigned slot, vaddr_t va, enum vmm_access access, unsigned prot)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	if (entry_allows(info.prot, access))
		return retry_stale(slot, va, access);
	/* A write, or a fetch (the zero table's entries are never executable):
	 * this page needs an entry of its own, so the range a table of its own. */
	if (arch_vmm_table_make_private(slot, va))
		return -E_NOMEM;
	return access == VMM_ACCESS_WRITE ? allocate_on_write(slot, va, prot)
					  : map_zero_page(slot, va, prot);
}

static int fault_on_page(unsigned slot, vaddr_t va, enum vmm_access access, unsigned prot)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	if (info.kind == VMM_PAGE_ZERO_TABLE)
		return fault_on_zero_table(slot, va, access, prot);
	if (info.kind == VMM_PAGE_UNMAPPED)
		return access == VMM_ACCESS_WRITE ? allocate_on_write(slot, va, prot)
						  : map_zero_page(slot, va, prot);
	if (entry_allows(info.prot, access))
		return retry_stale(slot, va, access);
	if (access != VMM_ACCESS_WRITE) {
		/* A read or fetch the entry does not grant but the region does
		 * (e.g. a fetch from a zero-page entry copied from the zero
		 * table): the region's rights, write kept as the entry had it
		 * (a zero page or a shared frame stays read-only). */
		return arch_vmm_protect(slot, va, (prot & ~VMM_WRITE) | (info.prot & VMM_WRITE));
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
	if (!region_allows(r, access))
		return -E_PERM;
	vaddr_t va = ALIGN_DOWN(addr, PAGE_SIZE);
	int rc = fault_on_page(slot, va, access, r->prot);
	if (rc == RETRIED_STALE)
		return 0;
	vmm_fault_forget(slot);   /* something changed (or failed): a new run starts */
	return rc;
}

int vmm_range_allows(unsigned slot, vaddr_t va, size_t n, enum vmm_access access)
{
	vaddr_t end = va + n;
	while (va < end) {
		const struct vmm_region *r = vmm_region_find(slot, va);
		if (!r)
			return -E_FAULT;
		if (!region_allows(r, access))
			return -E_PERM;
		if (r->end <= va)
			return -E_FAULT;   /* a malformed record: never loop on it */
		va = r->end;
	}
	return 0;
}
