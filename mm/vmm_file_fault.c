/*
 * mm/vmm_file_fault.c - the fault path's file half: page N of a file
 * region comes from the page cache (read in through the object's pager the
 * first time anyone needs it), and the first write decides what the page
 * becomes - a private copy (MAP_PRIVATE) or the cache frame itself, now
 * dirty (MAP_SHARED). What is alike for anonymous memory (a stale TLB
 * entry, a write to a private page, a missing right) goes back to
 * mm/vmm_fault.c.
 */
#include "mm/vmm_file.h"
#include "mm/vmm_backing.h"
#include "kernel/arch.h"
#include "mm/pcache.h"
#include "mm/pmm.h"
#include "mm/swap.h"

/* Does page index lie wholly past the end of obj's data? */
static bool past_end(const struct pcache_object *obj, uint32_t index)
{
	return index >= (obj->size >> PAGE_SHIFT) + ((obj->size & (PAGE_SIZE - 1)) != 0);
}

/* A write to a MAP_PRIVATE page: a copy of the cache frame of its own. */
static int map_private_copy(unsigned slot, vaddr_t va, paddr_t cached, unsigned prot)
{
	paddr_t pa;
	int rc = pmm_alloc_frame(&pa) ? -E_NOMEM : 0;
	if (!rc) {
		arch_page_copy(arch_vmm_phys_to_virt(pa), arch_vmm_phys_to_virt(cached));
		rc = arch_vmm_map(slot, va, pa, prot);
		if (rc)
			pmm_free_frame(pa);
	}
	pcache_put(cached);
	return rc;
}

/* The page's frame from the cache: found (the fast path, no I/O), or
 * read in (may sleep; then a truncate may have run meanwhile). */
static int cache_frame(struct pcache_object *obj, uint32_t index, paddr_t *pa)
{
	int rc = pcache_lookup(obj, index, pa);
	if (rc != -E_NOENT)
		return rc;   /* a hit, or a count that would overflow (-E_NOMEM) */
	rc = pcache_get(obj, index, pa);
	if (rc)
		return rc == -E_NOMEM ? -E_NOMEM : -E_IO;
	if (past_end(obj, index)) {
		pcache_put(*pa);
		return -E_RANGE;
	}
	return 0;
}

static int fault_in(unsigned slot, vaddr_t va, enum vmm_access access, unsigned prot)
{
	const struct vmm_backing *b = vmm_backing_at(slot, VMM_RF_ID(prot));
	struct pcache_object *obj = b->obj;
	uint32_t index = b->file_base + (uint32_t)(va / PAGE_SIZE);
	if (past_end(obj, index))
		return -E_RANGE;
	paddr_t pa;
	int rc = cache_frame(obj, index, &pa);
	if (rc)
		return rc;
	bool shared = prot & VMM_RF_SHARED;
	prot &= ~VMM_RKIND_MASK;
	if (access == VMM_ACCESS_WRITE && !shared)
		return map_private_copy(slot, va, pa, prot);
	if (access == VMM_ACCESS_WRITE)
		pcache_mark_dirty(pa);
	else
		prot &= ~VMM_WRITE;   /* clean (shared) or the cache's (private): read-only */
	rc = arch_vmm_map(slot, va, pa, prot);   /* the reference becomes the mapping's */
	if (rc)
		pcache_put(pa);
	return rc;
}

/* A write to a clean page of a shared region: the cache frame is dirty
 * now, and writable here. */
static int make_dirty(unsigned slot, vaddr_t va, paddr_t pa, unsigned prot)
{
	pcache_mark_dirty(pa);
	return arch_vmm_protect(slot, va, prot & ~VMM_RKIND_MASK);
}

int vmm_file_fault(unsigned slot, vaddr_t va, enum vmm_access access, unsigned prot)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	if (info.kind == VMM_PAGE_UNMAPPED)
		return fault_in(slot, va, access, prot);
	if (info.kind == VMM_PAGE_SWAPPED)   /* a private copy that went to swap */
		return vmm_swap_in(slot, va, &info, prot & ~VMM_RKIND_MASK);
	if (access == VMM_ACCESS_WRITE && (prot & VMM_RF_SHARED) && !(info.prot & VMM_WRITE))
		return make_dirty(slot, va, info.pa, prot);
	return vmm_fault_resolve_anon(slot, va, access, &info, prot & ~VMM_RKIND_MASK);
}
