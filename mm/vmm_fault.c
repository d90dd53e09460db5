/*
 * mm/vmm_fault.c - the generic fault path: where the lies are called and
 * made true one page at a time. Policy comes from the region (what the
 * page is meant to be) and the frame's reference count (who else sees
 * it); the page tables are only ever touched through the arch contract.
 */
#include "mm/vmm.h"
#include "kernel/arch.h"
#include "mm/vmm_region.h"
#include "mm/vmm_file.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "lib/string.h"
#include "lib/kprintf.h"

static int new_zeroed_frame(paddr_t *pa)
{
	if (pmm_alloc_frame(pa))
		return -E_NOMEM;
	arch_page_zero(arch_vmm_phys_to_virt(*pa));
	return 0;
}

/* A write where the zero page was: allocate-on-write. */
static inline __attribute__((always_inline)) int allocate_on_write(unsigned slot, vaddr_t va, unsigned prot)
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
static inline __attribute__((always_inline)) int break_cow(unsigned slot, vaddr_t va, paddr_t old, unsigned prot)
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

/* Do the rights prot (a region's, or an entry's) allow the access? A
 * region without VMM_READ (PROT_NONE) refuses reads too: nothing there may
 * be seen. (Every entry below arch_vmm_user_end is a user entry.) */
static bool rights_allow(unsigned prot, enum vmm_access access)
{
	return (prot & access_right(access)) != 0;
}

/*
 * A fault whose entry already allows the access changed nothing: it came
 * from a stale TLB entry. The first one flushes that page; the same fault
 * again on the same, unchanged entry flushes the space's whole TLB; a third
 * cannot be a stale entry any more (the backend flushes every weakening,
 * so none can have come back): a livelock, so the fault fails (-E_AGAIN,
 * the process is killed) instead of retrying forever. "Unchanged" is told
 * from the entry itself (frame and rights), so the faults that do change
 * something need no bookkeeping.
 * One record per space: a space runs one thread, on one CPU at a time, so
 * no lock is needed; with threads sharing a space, make it per CPU.
 */
struct stale_retry {
	vaddr_t va;
	paddr_t pa;
	unsigned prot;
	enum vmm_access access;
	unsigned count;
};
static struct stale_retry stale_retries[CONFIG_MAX_PROCS];

static const char *access_name(enum vmm_access access)
{
	return access == VMM_ACCESS_WRITE ? "write" : access == VMM_ACCESS_EXEC ? "fetch" : "read";
}

static int retry_stale(unsigned slot, vaddr_t va, enum vmm_access access,
		       const struct vmm_page_info *info)
{
	struct stale_retry *s = &stale_retries[slot];
	if (s->count == 0 || s->va != va || s->access != access || s->pa != info->pa ||
	    s->prot != info->prot)
		*s = (struct stale_retry){ va, info->pa, info->prot, access, 0 };
	switch (++s->count) {
	case 1:
		arch_vmm_flush_page(slot, va);
		return 0;
	case 2:
		arch_vmm_flush_space(slot);
		return 0;
	default:
		s->count = 0;
		kprintf("vmm: %s fault at %#x repeats after a full TLB flush, its entry "
			"unchanged: livelock refused\n", access_name(access), va);
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

/* A write: allocate-on-write (the zero page, the zero table, nothing yet)
 * or copy-on-write. The hot path: the write-faults benchmarks measure. */
static inline __attribute__((always_inline)) int fault_on_write(unsigned slot, vaddr_t va, const struct vmm_page_info *info,
			  unsigned prot)
{
	if (info->kind == VMM_PAGE_ZERO_TABLE) {
		if (arch_vmm_table_make_private(slot, va))
			return -E_NOMEM;
		return allocate_on_write(slot, va, prot);
	}
	if (info->kind == VMM_PAGE_UNMAPPED)
		return allocate_on_write(slot, va, prot);
	if (rights_allow(info->prot, VMM_ACCESS_WRITE))
		return retry_stale(slot, va, VMM_ACCESS_WRITE, info);
	if (info->pa == vmm_zero_page())
		return allocate_on_write(slot, va, prot);
	return break_cow(slot, va, info->pa, prot);
}

/* A read or an instruction fetch the region allows. */
static inline __attribute__((always_inline)) int fault_on_read_or_fetch(unsigned slot, vaddr_t va, enum vmm_access access,
				  const struct vmm_page_info *info, unsigned prot)
{
	if (info->kind != VMM_PAGE_UNMAPPED && rights_allow(info->prot, access))
		return retry_stale(slot, va, access, info);
	if (info->kind == VMM_PAGE_UNMAPPED)
		return map_zero_page(slot, va, prot);
	if (info->kind == VMM_PAGE_ZERO_TABLE) {
		/* A fetch: the zero table's entries are never executable, so
		 * this page needs an entry of its own, the range a table. */
		if (arch_vmm_table_make_private(slot, va))
			return -E_NOMEM;
		return map_zero_page(slot, va, prot);
	}
	/* An entry without the right the region gives (e.g. a fetch from a
	 * zero-page entry copied from the zero table, execute-never): the
	 * region's rights, write kept as the entry had it (a zero page or a
	 * shared frame stays read-only). */
	return arch_vmm_protect(slot, va, (prot & ~VMM_WRITE) | (info->prot & VMM_WRITE));
}

/* What every page whose entry is info resolves to as anonymous memory. */
static inline __attribute__((always_inline)) int resolve(unsigned slot, vaddr_t va,
							 enum vmm_access access,
							 const struct vmm_page_info *info,
							 unsigned prot)
{
	if (__builtin_expect(info->kind == VMM_PAGE_SWAPPED, 0))
		return vmm_swap_in(slot, va, info, prot);   /* mm/swap_in.c */
	if (access == VMM_ACCESS_WRITE)
		return fault_on_write(slot, va, info, prot);
	return fault_on_read_or_fetch(slot, va, access, info, prot);
}

/* The same out of line, for the file path (mm/vmm_file_fault.c): a stale
 * entry, a write to a private page, a missing right. */
int vmm_fault_resolve_anon(unsigned slot, vaddr_t va, enum vmm_access access,
			   const struct vmm_page_info *info, unsigned prot)
{
	return resolve(slot, va, access, info, prot);
}

static inline __attribute__((always_inline)) int fault_on_page(unsigned slot, vaddr_t va,
								enum vmm_access access,
								unsigned prot)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	return resolve(slot, va, access, &info, prot);
}

int vmm_fault(vaddr_t addr, enum vmm_access access, bool user)
{
	/* Both modes resolve alike (kernel writes break COW too), but only a
	 * fault taken for a user access (or user_range_prepare) reclaims
	 * first: it may sleep, and a kernel-mode fault sits in the middle of
	 * a copy, on whatever kernel stack depth that had (the pin of
	 * mm/swap.h keeps such copies' pages mapped). */
	if (user)
		vmm_reclaim_if_low();
	unsigned slot = arch_vmm_space_current();
	if (addr >= arch_vmm_user_end)
		return -E_FAULT;
	const struct vmm_region *r = vmm_region_find(slot, addr);
	if (!r)
		return -E_FAULT;
	if (!rights_allow(r->prot, access))
		return -E_PERM;
	if (__builtin_expect(r->prot & VMM_RKIND_MASK, 0))   /* a file's pages (mm/vmm_file_fault.c) */
		return vmm_file_fault(slot, ALIGN_DOWN(addr, PAGE_SIZE), access, r->prot);
	return fault_on_page(slot, ALIGN_DOWN(addr, PAGE_SIZE), access, r->prot);
}

int vmm_range_allows(unsigned slot, vaddr_t va, size_t n, enum vmm_access access)
{
	vaddr_t end = va + n;
	while (va < end) {
		const struct vmm_region *r = vmm_region_find(slot, va);
		if (!r)
			return -E_FAULT;
		if (!rights_allow(r->prot, access))
			return -E_PERM;
		if (r->end <= va)
			return -E_FAULT;   /* a malformed record: never loop on it */
		va = r->end;
	}
	return 0;
}
