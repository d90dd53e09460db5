/*
 * mm/vmm_region.c - the per-slot region tables. A slot's first few records
 * live in .bss (what a program with a handful of mappings needs: no frame
 * for its metadata, so fork and exit cost none); past INLINE_RECORDS they
 * move to arch_vmm_meta_base + slot * VMM_META_SLOT_BYTES, a window whose
 * pages are mapped from the PMM as the records grow and given back as they
 * shrink (and the records move back when they fit again). Never calls the
 * heap.
 *
 * No lock: a slot's regions change only through its own process's
 * syscalls, its fork (parent running, child not yet) or its teardown (not
 * running), so on one CPU nothing else can see them half done. With SMP
 * they belong under the address space's lock, with its page tables.
 */
#include "mm/vmm_region.h"
#include "mm/pmm.h"
#include "kernel/string.h"

_Static_assert(sizeof(struct vmm_region) == VMM_REGION_RECORD_BYTES, "record size of mm/vmm.h");
_Static_assert(CONFIG_MAX_REGIONS >= 1 && CONFIG_MAX_REGIONS <= UINT16_MAX,
	       "CONFIG_MAX_REGIONS must fit the 16-bit counts");

/* Code, read-only data, data and heap, stack, two mappings: 72 bytes a
 * slot (72 KiB of .bss for 1024 slots, where a fixed table of 4096 would
 * take 48 MiB). */
#define INLINE_RECORDS 6

static struct {
	struct vmm_region inline_records[INLINE_RECORDS];   /* while no window page is mapped */
	uint16_t count;      /* records in use */
	uint16_t last_hit;   /* faults come in runs: try the last region first */
	uint16_t pages;      /* window pages mapped: 0 while the records are inline */
} tables[CONFIG_MAX_PROCS];

static struct vmm_region *window(unsigned slot)
{
	return (struct vmm_region *)(arch_vmm_meta_base + slot * VMM_META_SLOT_BYTES);
}

static struct vmm_region *records(unsigned slot)
{
	return tables[slot].pages ? window(slot) : tables[slot].inline_records;
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
			shrink_to(slot, had);
			return -E_NOMEM;
		}
		arch_vmm_kernel_map(window_page(slot, tables[slot].pages), pa, VMM_READ | VMM_WRITE);
		tables[slot].pages++;
	}
	if (!had)   /* from .bss to the window */
		memcpy(window(slot), tables[slot].inline_records,
		       tables[slot].count * VMM_REGION_RECORD_BYTES);
	return 0;
}

/* The new count after a change: frames the records left behind go back,
 * all of them when the records fit in .bss again. */
static void set_count(unsigned slot, unsigned n)
{
	tables[slot].count = (uint16_t)n;
	tables[slot].last_hit = 0;
	if (!tables[slot].pages)
		return;
	if (n <= INLINE_RECORDS) {
		memcpy(tables[slot].inline_records, window(slot), n * VMM_REGION_RECORD_BYTES);
		shrink_to(slot, 0);
	} else {
		shrink_to(slot, pages_for(n));
	}
}

const struct vmm_region *vmm_region_find(unsigned slot, vaddr_t va)
{
	const struct vmm_region *a = records(slot);
	unsigned n = tables[slot].count, h = tables[slot].last_hit;
	if (h < n && va >= a[h].start && va < a[h].end)
		return &a[h];
	int i = vmm_rarray_find(a, n, va);
	if (i < 0)
		return NULL;
	tables[slot].last_hit = (uint16_t)i;
	return &a[i];
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
	return 0;
}

int vmm_region_remove(unsigned slot, vaddr_t start, vaddr_t end)
{
	if (start >= end)
		return -E_INVAL;
	unsigned n = tables[slot].count;
	if (vmm_rarray_remove_splits(records(slot), n, start, end) && reserve(slot, n + 1))
		return -E_NOMEM;
	set_count(slot, vmm_rarray_remove(records(slot), n, start, end));
	return 0;
}

int vmm_region_set_prot(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot)
{
	unsigned n = tables[slot].count;
	if (!vmm_rarray_within_one(records(slot), n, start, end))
		return -E_INVAL;
	if (reserve(slot, n + 2))   /* the worst case: head, middle and tail all kept apart */
		return -E_NOMEM;
	set_count(slot, vmm_rarray_set_prot(records(slot), n, start, end, prot | VMM_USER));
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
}

int vmm_region_copy(unsigned to, unsigned from)
{
	unsigned n = tables[from].count;
	if (reserve(to, n))
		return -E_NOMEM;
	memcpy(records(to), records(from), n * VMM_REGION_RECORD_BYTES);
	set_count(to, n);
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
