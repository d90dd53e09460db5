/*
 * mm/vmm_file.c - file-backed regions (mm/vmm_file.h): creating them,
 * msync, tearing them down at exit, and what the page cache asks of the
 * mappings of an object (write-protect before a write-back, cut at a
 * truncate). The faults are in mm/vmm_file_fault.c.
 */
#include "mm/vmm_file.h"
#include "mm/vmm_backing.h"
#include "mm/pcache.h"
#include "mm/pmm.h"

int vmm_map_file(unsigned slot, vaddr_t start, size_t len, unsigned prot,
		 struct pcache_object *obj, uint32_t pgoff, unsigned kind)
{
	uint32_t pages = (uint32_t)(len / PAGE_SIZE);
	if (start + len < start || pgoff >= VMM_FILE_MAX_PAGES || pages > VMM_FILE_MAX_PAGES - pgoff)
		return -E_INVAL;
	uint32_t base = pgoff - (uint32_t)(start / PAGE_SIZE);
	int id = vmm_backing_get(slot, obj, base, kind & VMM_RF_SHARED);
	if (id < 0)
		return id;
	unsigned rf = (kind & (VMM_RF_SHARED | VMM_RF_NOWRITE)) | (unsigned)id << VMM_RF_ID_SHIFT;
	int rc = vmm_region_add(slot, start, start + len, (prot & ~VMM_RKIND_MASK) | rf);
	if (rc)
		vmm_backing_adjust(slot, (unsigned)id, 0);   /* a new entry no record names */
	return rc;
}

struct pcache_object *vmm_file_object(unsigned slot, const struct vmm_region *r)
{
	struct vmm_backing *b = vmm_backing_at(slot, VMM_RF_ID(r->prot));
	return b ? b->obj : NULL;
}

uint32_t vmm_file_index(unsigned slot, const struct vmm_region *r, vaddr_t va)
{
	return vmm_backing_at(slot, VMM_RF_ID(r->prot))->file_base + (uint32_t)(va / PAGE_SIZE);
}

int vmm_msync(unsigned slot, vaddr_t start, vaddr_t end)
{
	int first = 0;
	for (vaddr_t va = start; va < end;) {
		const struct vmm_region *r = vmm_region_find(slot, va);
		if (!r)
			return -E_NOMEM;
		unsigned prot = r->prot;
		struct pcache_object *obj = vmm_file_object(slot, r);
		va = r->end;
		int e = obj && (prot & VMM_RF_SHARED) ? pcache_object_sync(obj) : 0;
		if (e && !first)
			first = e;
	}
	return first;
}

static const struct vmm_region *first_file_region(unsigned slot)
{
	const struct vmm_region *r;
	for (unsigned i = 0; (r = vmm_region_at(slot, i)); i++)
		if (VMM_RF_ID(r->prot))
			return r;
	return NULL;
}

void vmm_unmap_files(unsigned slot)
{
	const struct vmm_region *r;
	while (vmm_backing_any(slot) && (r = first_file_region(slot)))
		if (vmm_unmap_range(slot, r->start, r->end - r->start))
			return;   /* whole records need no room: never happens */
}

/* The records of slot naming backing id, one at a time. */
static void each_record(unsigned slot, unsigned id,
			void (*fn)(unsigned slot, const struct vmm_region *r, void *arg), void *arg)
{
	const struct vmm_region *r;
	for (unsigned i = 0; (r = vmm_region_at(slot, i)); i++)
		if (VMM_RF_ID(r->prot) == id)
			fn(slot, r, arg);
}

static void protect_record(unsigned slot, const struct vmm_region *r, void *arg)
{
	(void)arg;
	if (!(r->prot & VMM_RF_SHARED))
		return;   /* private regions never map a cache frame writable */
	for (vaddr_t va = r->start; (va = arch_vmm_next_mapped(slot, va, r->end)) < r->end;
	     va += PAGE_SIZE) {
		struct vmm_page_info info;
		arch_vmm_query(slot, va, &info);
		if (info.kind == VMM_PAGE_MAPPED && (info.prot & VMM_WRITE))
			arch_vmm_protect(slot, va, info.prot & ~VMM_WRITE);
	}
}

static void protect_backing(unsigned slot, unsigned id, void *arg)
{
	each_record(slot, id, protect_record, arg);
}

void vmm_file_write_protect(struct pcache_object *obj)
{
	vmm_backing_each(obj, protect_backing, NULL);
}

static void cut_record(unsigned slot, const struct vmm_region *r, void *arg)
{
	uint32_t first = *(const uint32_t *)arg, at_start = vmm_file_index(slot, r, r->start);
	uint32_t pages = (uint32_t)((r->end - r->start) / PAGE_SIZE);
	if (first <= at_start)
		vmm_unmap_pages(slot, r->start, r->end);
	else if (first - at_start < pages)
		vmm_unmap_pages(slot, r->start + (vaddr_t)(first - at_start) * PAGE_SIZE, r->end);
}

static void cut_backing(unsigned slot, unsigned id, void *arg)
{
	each_record(slot, id, cut_record, arg);
}

void vmm_file_cut(struct pcache_object *obj, uint32_t first)
{
	vmm_backing_each(obj, cut_backing, &first);
}

enum vmm_file_page vmm_file_page_state(unsigned slot, const struct vmm_region *r, vaddr_t va)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	struct pcache_object *obj;
	uint32_t index;
	bool dirty;
	if (info.kind == VMM_PAGE_MAPPED)
		return !pcache_frame_info(info.pa, &obj, &index, &dirty) ? VMM_FILE_PRIVATE :
		       dirty ? VMM_FILE_DIRTY : VMM_FILE_MAPPED;
	paddr_t pa;
	if (pcache_lookup(vmm_file_object(slot, r), vmm_file_index(slot, r, va), &pa))
		return VMM_FILE_UNREAD;
	pcache_put(pa);
	return VMM_FILE_CACHED;
}
