/*
 * tests/kernel/test_regions.c - the region table (mm/vmm_region.c) inside
 * the kernel: sorted order, merging, splitting, the CONFIG_MAX_REGIONS
 * limit, the window frames coming and going, and that every failure
 * (limit, no frame) leaves records, tables and frames as they were.
 */
#include "tests/kernel/ktest.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/vmm_region.h"

#define R  (VMM_READ | VMM_USER)
#define RW (VMM_READ | VMM_WRITE | VMM_USER)
#define PG PAGE_SIZE

static int new_space(void)
{
	return vmm_space_create();
}

/* The records of slot are [a, b) ... as given (count pairs). */
static bool records_are(unsigned slot, const vaddr_t *bounds, unsigned count)
{
	if (vmm_region_count(slot) != count)
		return false;
	for (unsigned i = 0; i < count; i++) {
		const struct vmm_region *r = vmm_region_at(slot, i);
		if (!r || r->start != bounds[2 * i] || r->end != bounds[2 * i + 1])
			return false;
	}
	return vmm_region_at(slot, count) == NULL;
}

static void sorted_whatever_the_order(void)
{
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	KCHECK_EQ(vmm_region_add(slot, 0x50000, 0x60000, R), 0);
	KCHECK_EQ(vmm_region_add(slot, 0x10000, 0x20000, R), 0);
	KCHECK_EQ(vmm_region_add(slot, 0x30000, 0x40000, RW), 0);
	KCHECK_EQ(vmm_region_add(slot, 0x38000, 0x39000, RW), -E_INVAL);   /* overlaps */
	KCHECK_EQ(vmm_region_add(slot, 0x3f000, 0x41000, RW), -E_INVAL);
	const vaddr_t want[] = { 0x10000, 0x20000, 0x30000, 0x40000, 0x50000, 0x60000 };
	KCHECK(records_are(slot, want, 3));
	KCHECK(vmm_region_find(slot, 0x30000) == vmm_region_at(slot, 1));
	KCHECK(vmm_region_find(slot, 0x5ffff) == vmm_region_at(slot, 2));
	KCHECK(vmm_region_find(slot, 0x20000) == NULL);
	KCHECK(vmm_region_find(slot, 0x0ffff) == NULL);
	KCHECK_EQ(vmm_space_destroy(slot), 0);
}

static void adjacent_same_prot_merges(void)
{
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	KCHECK_EQ(vmm_region_add(slot, 0x10000, 0x11000, RW), 0);
	for (vaddr_t va = 0x11000; va < 0x11000 + 5000 * PG; va += PG)   /* sbrk's way */
		KCHECK_EQ(vmm_region_add(slot, va, va + PG, RW), 0);
	KCHECK_EQ(vmm_region_count(slot), 1);
	KCHECK_EQ(vmm_region_add(slot, 0x8000, 0x10000, R), 0);   /* other prot: its own */
	KCHECK_EQ(vmm_region_count(slot), 2);
	/* A gap filled with the prot of both sides joins them into one. */
	KCHECK_EQ(vmm_region_add(slot, 0x2000000, 0x2001000, RW), 0);
	KCHECK_EQ(vmm_region_count(slot), 3);
	vaddr_t top = 0x11000 + 5000 * PG;
	KCHECK_EQ(vmm_region_add(slot, top, 0x2000000, RW), 0);
	const vaddr_t want[] = { 0x8000, 0x10000, 0x10000, 0x2001000 };
	KCHECK(records_are(slot, want, 2));
	KCHECK_EQ(vmm_space_destroy(slot), 0);
}

static void remove_splits_trims_and_spans(void)
{
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	KCHECK_EQ(vmm_region_add(slot, 0x10000, 0x20000, RW), 0);
	KCHECK_EQ(vmm_region_add(slot, 0x30000, 0x40000, R), 0);
	KCHECK_EQ(vmm_region_remove(slot, 0x14000, 0x14000), -E_INVAL);   /* empty: no split */
	KCHECK_EQ(vmm_region_count(slot), 2);
	KCHECK_EQ(vmm_region_remove(slot, 0x14000, 0x15000), 0);         /* a hole */
	KCHECK_EQ(vmm_region_find(slot, 0x15000)->prot, RW);
	KCHECK_EQ(vmm_region_remove(slot, 0x1f000, 0x31000), 0);         /* across a gap */
	KCHECK_EQ(vmm_region_remove(slot, 0x50000, 0x60000), 0);         /* nothing there */
	const vaddr_t want[] = { 0x10000, 0x14000, 0x15000, 0x1f000, 0x31000, 0x40000 };
	KCHECK(records_are(slot, want, 3));
	KCHECK_EQ(vmm_region_remove(slot, 0, 0x100000), 0);
	KCHECK_EQ(vmm_region_count(slot), 0);
	KCHECK_EQ(vmm_space_destroy(slot), 0);
}

static void set_prot_cuts_one_region(void)
{
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	KCHECK_EQ(vmm_region_add(slot, 0x10000, 0x20000, RW), 0);
	KCHECK_EQ(vmm_region_set_prot(slot, 0x14000, 0x16000, VMM_READ), 0);
	const vaddr_t want[] = { 0x10000, 0x14000, 0x14000, 0x16000, 0x16000, 0x20000 };
	KCHECK(records_are(slot, want, 3));
	KCHECK_EQ(vmm_region_find(slot, 0x15000)->prot, R);
	KCHECK_EQ(vmm_region_set_prot(slot, 0x13000, 0x15000, VMM_READ), -E_INVAL);   /* two */
	KCHECK_EQ(vmm_region_set_prot(slot, 0x14000, 0x16000, VMM_READ | VMM_WRITE), 0);
	KCHECK_EQ(vmm_region_count(slot), 1);   /* the same rights again: one region */
	KCHECK_EQ(vmm_space_destroy(slot), 0);
}

static void first_fit_with_guard_and_alignment(void)
{
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	vaddr_t lo = 0x20000000, hi = 0x30000000, span = arch_vmm_table_span;
	KCHECK_EQ(vmm_region_find_free(slot, lo, hi, PG, PG, PG), lo);
	KCHECK_EQ(vmm_region_add(slot, lo, lo + 4 * PG, R), 0);
	KCHECK_EQ(vmm_region_add(slot, lo + 7 * PG, lo + 8 * PG, R), 0);
	KCHECK_EQ(vmm_region_find_free(slot, lo, hi, PG, PG, PG), lo + 5 * PG);       /* the hole */
	KCHECK_EQ(vmm_region_find_free(slot, lo, hi, 2 * PG, PG, PG), lo + 9 * PG);   /* too small */
	KCHECK_EQ(vmm_region_find_free(slot, lo, hi, span, span, PG), lo + span);
	KCHECK_EQ(vmm_region_find_free(slot, lo, lo + 6 * PG, PG, PG, PG), lo + 5 * PG);
	KCHECK_EQ(vmm_region_find_free(slot, lo, lo + 5 * PG, PG, PG, PG), 0);
	KCHECK_EQ(vmm_space_destroy(slot), 0);
}

/* CONFIG_MAX_REGIONS non-adjacent pages, then: one more is -E_NOMEM, a
 * split is -E_NOMEM, neither changes a record; the window's frames are
 * what the records need and all come back on destroy. */
static void limit_is_clean_and_frames_follow_the_records(void)
{
	uint32_t before = ktest_free_frames();
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	uint32_t empty = ktest_free_frames();
	vaddr_t base = 0x10000000;
	for (unsigned i = 0; i < CONFIG_MAX_REGIONS; i++)
		KCHECK_EQ(vmm_region_add(slot, base + i * 2 * PG, base + i * 2 * PG + PG, R), 0);
	unsigned window_frames = (CONFIG_MAX_REGIONS * VMM_REGION_RECORD_BYTES + PG - 1) / PG;
	KCHECK_EQ(vmm_region_frames(slot), window_frames);
	KCHECK_EQ(empty - ktest_free_frames(), window_frames);
	vaddr_t top = base + CONFIG_MAX_REGIONS * 2 * PG;
	KCHECK_EQ(vmm_region_add(slot, top, top + PG, R), -E_NOMEM);
	KCHECK_EQ(vmm_region_add(slot, top + PG, top + 2 * PG, RW), -E_NOMEM);
	KCHECK_EQ(vmm_region_add(slot, top - PG, top, R), 0);   /* merges need no record */
	KCHECK_EQ(vmm_region_add(slot, top, top + PG, R), 0);
	KCHECK_EQ(vmm_region_count(slot), CONFIG_MAX_REGIONS);
	KCHECK_EQ(vmm_region_remove(slot, top - PG, top), -E_NOMEM);   /* a hole: no room */
	KCHECK_EQ(vmm_region_count(slot), CONFIG_MAX_REGIONS);
	const struct vmm_region *last = vmm_region_at(slot, CONFIG_MAX_REGIONS - 1);
	KCHECK(last && last->start == top - 2 * PG && last->end == top + PG);
	KCHECK(vmm_region_find(slot, base + 4000 * 2 * PG) != NULL);
	KCHECK(vmm_region_find(slot, base + 4000 * 2 * PG + PG) == NULL);
	/* Shrinking gives the window back page by page, then all of it. */
	KCHECK_EQ(vmm_region_remove(slot, base, base + (CONFIG_MAX_REGIONS - 10) * 2 * PG), 0);
	KCHECK_EQ(vmm_region_frames(slot), 1);
	KCHECK_EQ(vmm_region_remove(slot, base, top - 8 * PG), 0);
	KCHECK_EQ(vmm_region_count(slot), 4);
	KCHECK_EQ(vmm_region_frames(slot), 0);
	KCHECK_EQ(ktest_free_frames(), empty);
	KCHECK_EQ(vmm_space_destroy(slot), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* With no frame left, the record that needs a window page fails and
 * changes nothing. */
static void no_frame_for_the_window_changes_nothing(void)
{
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	unsigned n = 0;
	for (vaddr_t va = 0x10000000; vmm_region_frames(slot) == 0; va += 2 * PG, n++)
		KCHECK_EQ(vmm_region_add(slot, va, va + PG, R), 0);
	KCHECK_EQ(vmm_region_remove(slot, 0x10000000 + (n - 1) * 2 * PG, 0x10000000 + n * 2 * PG), 0);
	KCHECK_EQ(vmm_region_frames(slot), 0);   /* back in .bss */
	n--;
	paddr_t held = ktest_hold_frames(0);
	vaddr_t top = 0x10000000 + n * 2 * PG;
	int add = vmm_region_add(slot, top, top + PG, R);
	int split = vmm_region_remove(slot, 0x10000000, 0x10000000 + PG);
	ktest_release_frames(held);
	KCHECK_EQ(add, -E_NOMEM);
	KCHECK_EQ(split, 0);   /* removing a whole record never needs a frame */
	KCHECK_EQ(vmm_region_count(slot), n - 1);
	KCHECK_EQ(vmm_region_frames(slot), 0);
	KCHECK(vmm_region_find(slot, top) == NULL);
	KCHECK_EQ(vmm_space_destroy(slot), 0);
}

/* Item 4: an unmap that cuts partial zero-table ranges at both ends needs
 * two private tables; with one frame only, it fails and leaves the tables,
 * the region and the free-frame count as they were. With the region table
 * full it fails on the split, also before any page goes. */
static void failed_unmap_changes_nothing(void)
{
	int s = new_space();
	KCHECK(s > 0);
	unsigned slot = (unsigned)s;
	/* Ends in different 4-table groups: ARM allocates L2 tables four to
	 * a page, so each end then needs a frame of its own on both ports. */
	vaddr_t span = arch_vmm_table_span, base = 0x20000000 + 3 * span;
	KCHECK_EQ(vmm_map_anon(slot, base, 3 * span, RW), 0);
	for (unsigned i = 0; i < 3; i++)
		KCHECK_EQ(arch_vmm_table_kind(slot, base + i * span), VMM_TABLE_ZERO);
	paddr_t held = ktest_hold_frames(1);
	uint32_t free_then = ktest_free_frames();
	int rc = vmm_unmap_range(slot, base + PG, 3 * span - 2 * PG);
	uint32_t free_after = ktest_free_frames();
	ktest_release_frames(held);
	KCHECK_EQ(rc, -E_NOMEM);
	KCHECK_EQ(free_after, free_then);
	for (unsigned i = 0; i < 3; i++)
		KCHECK_EQ(arch_vmm_table_kind(slot, base + i * span), VMM_TABLE_ZERO);
	KCHECK_EQ(vmm_region_count(slot), 1);
	/* The region table full: a hole cannot be cut. */
	for (unsigned i = 1; i < CONFIG_MAX_REGIONS; i++)
		KCHECK_EQ(vmm_region_add(slot, 0x10000000 + i * 2 * PG, 0x10000000 + i * 2 * PG + PG, R), 0);
	KCHECK_EQ(vmm_unmap_range(slot, base + span, PG), -E_NOMEM);
	KCHECK_EQ(arch_vmm_table_kind(slot, base + span), VMM_TABLE_ZERO);
	KCHECK(vmm_region_find(slot, base + span) != NULL);
	KCHECK_EQ(vmm_unmap_range(slot, base, 0), -E_INVAL);
	KCHECK_EQ(vmm_unmap_range(slot, base, 3 * span), 0);   /* whole: no record needed */
	KCHECK_EQ(arch_vmm_table_kind(slot, base + span), VMM_TABLE_NONE);
	KCHECK_EQ(vmm_space_destroy(slot), 0);
}

const struct ktest ktests_regions[] = {
	{ sorted_whatever_the_order, "regions: sorted by address whatever the order, overlaps refused" },
	{ adjacent_same_prot_merges, "regions: adjacent ranges of the same rights merge (5,000 grows: 1 region)" },
	{ remove_splits_trims_and_spans, "regions: remove splits, trims, spans gaps; empty range refused" },
	{ set_prot_cuts_one_region, "regions: set_prot cuts one region in three and merges back" },
	{ first_fit_with_guard_and_alignment, "regions: first fit keeps the guard page and the table alignment" },
	{ limit_is_clean_and_frames_follow_the_records, "regions: CONFIG_MAX_REGIONS then -E_NOMEM, no change; window frames follow" },
	{ no_frame_for_the_window_changes_nothing, "regions: no frame for the window: -E_NOMEM, no change" },
	{ failed_unmap_changes_nothing, "regions: unmap without frames or records fails before it changes anything" },
	{ NULL, NULL },
};
