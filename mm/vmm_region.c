/*
 * mm/vmm_region.c - the per-slot region tables. A slot's first few records
 * live in .bss (what a program with a handful of mappings needs: no frame
 * for its metadata, so fork and exit cost none); past INLINE_RECORDS they
 * move to arch_vmm_meta_base + slot * VMM_META_SLOT_BYTES, a window whose
 * pages are mapped from the PMM as the records grow and given back as they
 * shrink (and the records move back when they fit again). Never calls the
 * heap.
 *
 * A file-backed record names its backing (mm/vmm_backing.h) in its prot;
 * every change below tells the backing how many records it gained or lost
 * (a change confined to one record and its neighbours of the same backing
 * changes that backing's records by exactly the change in the count).
 *
 * No lock: a slot's regions change only through its own process's
 * syscalls, its fork (parent running, child not yet) or its teardown (not
 * running), so on one CPU nothing else can see them half done. With SMP
 * they belong under the address space's lock, with its page tables.
 */
#include "mm/vmm_region.h"
#include "mm/vmm_backing.h"
#include "mm/pcache.h"
#include "mm/pmm.h"
#include "lib/string.h"

_Static_assert(sizeof(struct vmm_region) == VMM_REGION_RECORD_BYTES, "record size of mm/vmm.h");
_Static_assert(CONFIG_MAX_REGIONS >= 1 && CONFIG_MAX_REGIONS * VMM_REGION_RECORD_BYTES <= UINT16_MAX,
	       "CONFIG_MAX_REGIONS must fit the 16-bit counts and offsets");

/* Code, read-only data, data and heap, stack, two mappings: 72 bytes a
 * slot (72 KiB of .bss for 1024 slots, where a fixed table of 4096 would
 * take 48 MiB). */
#define INLINE_RECORDS 6

static struct vmm_region inline_records[CONFIG_MAX_PROCS][INLINE_RECORDS];

/* Where each slot's records are now (its inline_records or its window):
 * the fault path's first load. */
static struct vmm_region *records_of[CONFIG_MAX_PROCS];

static struct {
	uint16_t count;      /* records in use */
	uint16_t last_hit;   /* faults come in runs: the last region's byte offset, tried first */
	uint16_t pages;      /* window pages mapped: 0 while the records are inline */
	uint16_t unused;     /* 8 bytes a slot: an index is a shift */
} tables[CONFIG_MAX_PROCS];

static struct vmm_region *window(unsigned slot)
{
	return (struct vmm_region *)(arch_vmm_meta_base + slot * VMM_META_SLOT_BYTES);
}

static struct vmm_region *records(unsigned slot)
{
	return records_of[slot];
}

void vmm_region_init(void)
{
	for (unsigned s = 0; s < CONFIG_MAX_PROCS; s++)
		records_of[s] = inline_records[s];
}

static unsigned pages_for(unsigned n)
{
	return (n * VMM_REGION_RECORD_BYTES + PAGE_SIZE - 1) / PAGE_SIZE;
}

static vaddr_t window_page(unsigned slot, unsigned i)
{
	return (vaddr_t)window(slot) + i * PAGE_SIZE;
}

/* Unmaps slot's window pages from the top down to keep and frees them. */
static void shrink_to(unsigned slot, unsigned keep)
{
	while (tables[slot].pages > keep) {
		paddr_t pa;
		if (!arch_vmm_kernel_unmap(window_page(slot, tables[slot].pages - 1u), &pa))
			pmm_free_frame(pa);
		tables[slot].pages--;
	}
}

/* Makes room for n records: -E_NOMEM past the limit or when no frame is
 * left (then nothing changed). The metadata range's tables exist from
 * boot, so mapping there cannot fail. */
static int reserve(unsigned slot, unsigned n)
{
	if (n > CONFIG_MAX_REGIONS)
		return -E_NOMEM;
	unsigned had = tables[slot].pages;
	if (n <= INLINE_RECORDS || had >= pages_for(n))
		return 0;
	while (tables[slot].pages < pages_for(n)) {
		paddr_t pa;
		if (pmm_alloc_frame(&pa)) {
			shrink_to(slot, had);   /* records_of still where it was */
			return -E_NOMEM;
		}
		arch_vmm_kernel_map(window_page(slot, tables[slot].pages), pa, VMM_READ | VMM_WRITE);
		tables[slot].pages++;
	}
	if (!had) {   /* from .bss to the window */
		memcpy(window(slot), inline_records[slot],
		       tables[slot].count * VMM_REGION_RECORD_BYTES);
		records_of[slot] = window(slot);
	}
	return 0;
}

/* The new count after a change: frames the records left behind go back,
 * all of them when the records fit in .bss again. The record at last_hit
 * is always in use or empty (start == end), so find needs no bound check. */
static void set_count(unsigned slot, unsigned n)
{
	tables[slot].count = (uint16_t)n;
	if (tables[slot].last_hit >= n * VMM_REGION_RECORD_BYTES)   /* else still a fair guess */
		tables[slot].last_hit = 0;
	if (tables[slot].pages && n <= INLINE_RECORDS) {
		memcpy(inline_records[slot], window(slot), n * VMM_REGION_RECORD_BYTES);
		records_of[slot] = inline_records[slot];
		shrink_to(slot, 0);
	} else if (tables[slot].pages) {
		shrink_to(slot, pages_for(n));
	}
	if (!n)
		inline_records[slot][0] = (struct vmm_region){ 0, 0, 0 };
}

/* Kept out of line so the hit below stays a leaf function. A handful of
 * inline records are scanned (cheaper than halving for so few: a fork's
 * faults alternate between stack and data), the window is searched. */
static __attribute__((noinline)) const struct vmm_region *find_by_search(unsigned slot, vaddr_t va)
{
	const struct vmm_region *a = records_of[slot];
	unsigned n = tables[slot].count;
	int i = -1;
	if (n <= INLINE_RECORDS) {
		for (unsigned k = 0; k < n; k++)
			if (va < a[k].end) {
				i = va >= a[k].start ? (int)k : -1;
				break;
			}
	} else {
		i = vmm_rarray_find(a, n, va);
	}
	if (i < 0)
		return NULL;
	tables[slot].last_hit = (uint16_t)(i * VMM_REGION_RECORD_BYTES);
	return &a[i];
}

const struct vmm_region *vmm_region_find(unsigned slot, vaddr_t va)
{
	const struct vmm_region *r =
		(const void *)((const char *)records_of[slot] + tables[slot].last_hit);
	if (va >= r->start && va < r->end)
		return r;
	return find_by_search(slot, va);
}

int vmm_region_add(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot)
{
	if ((start | end) & (PAGE_SIZE - 1) || start >= end || end > arch_vmm_user_end)
		return -E_INVAL;
	unsigned n = tables[slot].count;
	prot |= VMM_USER;
	if (vmm_rarray_overlaps(records(slot), n, start, end))
		return -E_INVAL;
	if (vmm_rarray_add_delta(records(slot), n, start, end, prot) > 0 && reserve(slot, n + 1))
		return -E_NOMEM;
	set_count(slot, vmm_rarray_add(records(slot), n, start, end, prot));
	vmm_backing_adjust(slot, VMM_RF_ID(prot), (int)tables[slot].count - (int)n);
	return 0;
}

/* A piece of record r is gone (its pages already are) and the count went
 * from n to now: a shared file's dirty pages are written back (munmap,
 * exit), the backing loses the records that went. */
static void removed_piece(unsigned slot, const struct vmm_region *r, unsigned n, unsigned now)
{
	unsigned id = VMM_RF_ID(r->prot);
	if (!id)
		return;
	if (r->prot & VMM_RF_SHARED)
		pcache_object_sync(vmm_backing_at(slot, id)->obj);
	vmm_backing_adjust(slot, id, (int)now - (int)n);
}

int vmm_region_remove_prepare(unsigned slot, vaddr_t start, vaddr_t end)
{
	unsigned n = tables[slot].count;
	if (vmm_rarray_remove_splits(records(slot), n, start, end) && reserve(slot, n + 1))
		return -E_NOMEM;
	return 0;
}

int vmm_region_remove(unsigned slot, vaddr_t start, vaddr_t end)
{
	if (start >= end)
		return -E_INVAL;
	if (vmm_region_remove_prepare(slot, start, end))
		return -E_NOMEM;
	unsigned n = tables[slot].count;
	if (!vmm_backing_any(slot)) {   /* anonymous memory only: one pass */
		set_count(slot, vmm_rarray_remove(records(slot), n, start, end));
		return 0;
	}
	/* One record at a time, so each backing hears of its own pieces. */
	for (;;) {
		const struct vmm_region *a = records(slot);
		unsigned i = vmm_rarray_lower(a, n, start);
		if (i >= n || a[i].start >= end)
			return 0;
		struct vmm_region r = a[i];
		vaddr_t lo = r.start > start ? r.start : start, hi = r.end < end ? r.end : end;
		set_count(slot, vmm_rarray_remove(records(slot), n, lo, hi));
		removed_piece(slot, &r, n, tables[slot].count);
		n = tables[slot].count;
	}
}

int vmm_region_set_prot(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot)
{
	unsigned n = tables[slot].count;
	if (!vmm_rarray_within_one(records(slot), n, start, end))
		return -E_INVAL;
	if (reserve(slot, n + 2))   /* the worst case: head, middle and tail all kept apart */
		return -E_NOMEM;
	unsigned id = VMM_RF_ID(vmm_region_find(slot, start)->prot);
	set_count(slot, vmm_rarray_set_prot(records(slot), n, start, end, prot | VMM_USER));
	vmm_backing_adjust(slot, id, (int)tables[slot].count - (int)n);
	return 0;
}

vaddr_t vmm_region_find_free(unsigned slot, vaddr_t lo, vaddr_t hi, vaddr_t len, vaddr_t align,
			     vaddr_t guard)
{
	return vmm_rarray_find_gap(records(slot), tables[slot].count, lo, hi, len, align, guard);
}

void vmm_region_clear(unsigned slot)
{
	set_count(slot, 0);
	vmm_backing_clear(slot);
}

int vmm_region_copy(unsigned to, unsigned from)
{
	unsigned n = tables[from].count;
	if (reserve(to, n))
		return -E_NOMEM;
	struct vmm_region *dst = records(to);
	const struct vmm_region *src = records(from);
	for (unsigned i = 0; i < n; i++)
		dst[i] = src[i];
	tables[to].last_hit = tables[from].last_hit;   /* the child faults where the parent did */
	set_count(to, n);
	vmm_backing_copy(to, from);
	return 0;
}

const struct vmm_region *vmm_region_at(unsigned slot, unsigned i)
{
	return i < tables[slot].count ? &records(slot)[i] : NULL;
}

unsigned vmm_region_count(unsigned slot)
{
	return tables[slot].count;
}

unsigned vmm_region_frames(unsigned slot)
{
	return tables[slot].pages;
}
