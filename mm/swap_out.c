/*
 * mm/swap_out.c - reclaim under memory pressure: a clock over every
 * address space's mapped pages with a second chance from the accessed bit
 * (arch_vmm_test_clear_accessed). A page not used since the hand last
 * passed leaves its mapping:
 *  - a page of a file (a page-cache frame) is simply unmapped: the cache
 *    keeps it, writes it back if it is dirty and frees it once nobody maps
 *    it (pcache_reclaim) - file pages are never written to swap;
 *  - a page of the swap cache (read back, still shared) becomes a swap
 *    entry for the slot it already has;
 *  - any other anonymous frame gets a fresh slot and goes into the swap
 *    cache dirty; the cache's write-back puts it on the area and frees it.
 * The zero page is nobody's and stays. The pass then asks the page cache
 * to write back and free what it made unmapped. See mm/swap.h.
 *
 * Locking (SMP): one reclaimer at a time (others wait for it: `busy`
 * below, a sleeping lock); the hand and the pins would sit under the swap
 * lock, which is never held across the write-back's I/O.
 */
#include "mm/swap_area.h"
#include "mm/pmm.h"
#include "kernel/sleep.h"
#include "lib/panic.h"

uint32_t swap_low_water = 0;   /* 0 until swap_watermarks_init: never reclaim at boot */
static uint32_t high_water;

#define WRITEBACK_BATCH 32u    /* pages taken out of mappings between write-backs */

static struct {
	unsigned slot;
	vaddr_t va;
	bool busy;
	bool swap_full;            /* this pass found no free slot */
	bool no_slot;              /* this pass had a page for swap and no slot (full, off, failed) */
	uint32_t rest;             /* calls to skip after a pass that freed nothing */
	uint32_t rest_used;        /* slots in use when the rest began */
	uint32_t wraps;            /* times the hand went past the last slot */
} hand;

/* A pass that freed nothing because its pages had nowhere to go (swap
 * off, full or failed) would be repeated by every later fault below the
 * watermark, each one two turns of the hand: the next REST_AFTER_FUTILE
 * calls skip it and the faults take what is left, as without swap (a
 * process wanting more than there is then dies at once instead of
 * crawling there). The rest ends early once a slot is freed. A pass that
 * freed nothing for any other reason (its pages were used again, or taken
 * back from the swap cache, while it slept in write-back: timing, not a
 * lack of swap) does not rest: resting then poisoned the next thousand
 * calls of every process, which were killed for want of memory with the
 * whole area free (seen with the host loaded: the swap suite's fork test
 * and every test after it). */
#define REST_AFTER_FUTILE 1024u

static struct { vaddr_t start, end; } pins[CONFIG_MAX_PROCS];

void vmm_pin_range(unsigned slot, vaddr_t start, vaddr_t end)
{
	pins[slot].start = start;
	pins[slot].end = end;
}

void vmm_unpin(unsigned slot)
{
	pins[slot].end = 0;
}

void swap_watermarks_init(uint32_t total_frames)
{
	uint32_t low = total_frames / 64 > 48 ? total_frames / 64 : 48;
	high_water = 2 * low;
	swap_low_water = low;
}

/* ---- taking one page out of its mapping ---- */

/* A fresh slot for an anonymous frame: the entry's reference and the
 * cache's, and the frame into the swap cache, dirty. */
static bool swap_out_new(unsigned slot, vaddr_t va)
{
	uint32_t s;
	if (!swap_area.dev || swap_area.failed || hand.swap_full) {
		hand.no_slot = true;
		return false;
	}
	if (swap_slot_alloc(&swap_area.slots, &s)) {
		hand.swap_full = hand.no_slot = true;
		return false;
	}
	paddr_t pa;
	if (arch_vmm_set_swapped(slot, va, s, &pa)) {
		swap_slot_unref(&swap_area.slots, s);
		return false;
	}
	swap_slot_ref(&swap_area.slots, s);
	/* Cannot fail: the slot is fresh (no cache page: a cached slot keeps
	 * a reference), within the cache's index range (VMM_SWAP_SLOT_MAX),
	 * and pa an anonymous frame (candidates exclude cache frames). A
	 * failure would leave an entry naming a slot that holds nothing. */
	if (pcache_adopt(&swap_area.obj, s, pa))
		panic("swap: slot %u's frame %#x could not join the swap cache", s, pa);
	return true;
}

/* A frame the swap cache has already (slot s): another entry for it. */
static bool swap_out_cached(unsigned slot, vaddr_t va, uint32_t s)
{
	if (swap_slot_is_bad(&swap_area.slots, s) || swap_slot_ref(&swap_area.slots, s) < 0)
		return false;
	paddr_t pa;
	if (arch_vmm_set_swapped(slot, va, s, &pa)) {
		swap_slot_unref(&swap_area.slots, s);
		return false;
	}
	pmm_unref_frame(pa);   /* the cache still holds it */
	return true;
}

/* A page-cache frame of a file: unmapped, the cache keeps the page. */
static bool unmap_file_page(unsigned slot, vaddr_t va)
{
	paddr_t pa;
	if (arch_vmm_unmap(slot, va, &pa))
		return false;
	pmm_unref_frame(pa);
	swap_area.file_unmaps++;
	return true;
}

static bool take_page(unsigned slot, vaddr_t va, const struct vmm_page_info *info)
{
	struct pcache_object *obj;
	uint32_t index;
	bool dirty;
	if (pcache_frame_info(info->pa, &obj, &index, &dirty))
		return obj == &swap_area.obj ? swap_out_cached(slot, va, index)
					     : unmap_file_page(slot, va);
	return swap_out_new(slot, va);
}

/* The clock's look at the mapped page at va: true when it left its
 * mapping. A span on the shared zero table has nothing to take: the hand
 * skips it whole (*next). */
static bool visit(unsigned slot, vaddr_t va, vaddr_t *next, bool *looked)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	*next = va + PAGE_SIZE;
	*looked = false;
	if (info.kind == VMM_PAGE_ZERO_TABLE)
		*next = (va & ~(arch_vmm_table_span - 1)) + arch_vmm_table_span;
	if (info.kind != VMM_PAGE_MAPPED || info.pa == vmm_zero_page() ||
	    (info.prot & VMM_DEVICE) || pmm_refcount(info.pa) == 0)
		return false;   /* (swap entries and the zero page: not a look the budget pays) */
	*looked = true;
	swap_area.scans++;
	if (va >= pins[slot].start && va < pins[slot].end)
		return false;   /* a system call is copying there */
	if (arch_vmm_test_clear_accessed(slot, va))
		return false;   /* used since the last pass: a second chance */
	return take_page(slot, va, &info);
}

/* ---- the hand ---- */

/* Moves the hand to the next mapped page of a live user space, at or
 * after where it is; false when no user space maps anything. */
static bool advance(void)
{
	for (unsigned tries = 0; tries <= CONFIG_MAX_PROCS; tries++) {
		if (hand.slot != VMM_SLOT_KERNEL && vmm_slot_live(hand.slot) &&
		    hand.va < arch_vmm_user_end) {
			hand.va = arch_vmm_next_mapped(hand.slot, hand.va, arch_vmm_user_end);
			if (hand.va < arch_vmm_user_end)
				return true;
		}
		hand.slot = hand.slot + 1 < CONFIG_MAX_PROCS ? hand.slot + 1 : 0;
		hand.wraps += hand.slot == 0;
		hand.va = 0;
	}
	return false;
}

/* Up to budget looks at resident pages, and never more than two turns of the hand over
 * what is mapped (the first may only clear accessed bits; a third would
 * find nothing new); returns how many pages left their mappings, at most
 * want. */
static uint32_t sweep(uint32_t want, uint32_t budget, uint32_t start)
{
	uint32_t taken = 0;
	while (taken < want && budget && advance() && hand.wraps - start <= 2) {
		vaddr_t next;
		bool looked;
		taken += visit(hand.slot, hand.va, &next, &looked);
		budget -= looked;
		hand.va = next > hand.va ? next : arch_vmm_user_end;
	}
	return taken;
}

static bool above_high(void)
{
	return pmm_free_frames() >= high_water;
}

/* Two full turns of the hand over what is mapped at most: the first may
 * only clear accessed bits. */
static uint32_t sweep_budget(void)
{
	struct pmm_stats s;
	pmm_get_stats(&s);
	return 2 * s.total + 2 * CONFIG_MAX_PROCS;
}

/* Returns the frames the pass itself freed (others allocate meanwhile
 * while it sleeps in write-back: the free count alone cannot tell). */
static uint32_t reclaim_pass(void)
{
	uint32_t freed = pcache_reclaim(high_water, false);   /* clean, unmapped cache pages first: no I/O */
	hand.swap_full = hand.no_slot = false;
	uint32_t budget = sweep_budget(), start = hand.wraps;
	while (!above_high() && budget && hand.wraps - start <= 2) {
		uint32_t look = budget < 8 * WRITEBACK_BATCH ? budget : 8 * WRITEBACK_BATCH;
		budget -= look;
		uint32_t taken = sweep(WRITEBACK_BATCH, look, start);
		freed += pcache_reclaim(high_water, true);   /* writes back what was taken, frees it */
		if (!taken && !budget)
			break;
	}
	return freed;
}

uint32_t vmm_swap_out_now(uint32_t want)
{
	hand.swap_full = false;
	uint32_t taken = sweep(want, sweep_budget(), hand.wraps);
	pcache_reclaim(taken + high_water, true);
	return taken;
}

/* The clock's work for one call below the watermark: a pass unless
 * resting after a pass that had nowhere to put pages. */
void vmm_reclaim_step(void)
{
	if (hand.rest && swap_area.slots.used < hand.rest_used)
		hand.rest = 0;   /* slots were freed: pages have somewhere to go again */
	if (hand.rest) {
		hand.rest--;
		return;
	}
	hand.busy = true;
	if (!reclaim_pass() && hand.no_slot) {
		hand.rest = REST_AFTER_FUTILE;
		hand.rest_used = swap_area.slots.used;
	}
	hand.busy = false;
	sched_wakeup(&hand);
}

void vmm_reclaim(void)
{
	if (!sched_can_sleep())
		return;
	if (hand.busy) {
		/* Another process is reclaiming (asleep in its write-back):
		 * wait for it rather than fail an allocation meanwhile. */
		while (hand.busy)
			sched_sleep_unkillable(&hand);
		return;
	}
	vmm_reclaim_step();
}
