/*
 * mm/swap_in.c - the fault on a swap entry: the lie "this page is in
 * memory" made true again. The page comes from the swap cache (found, or
 * read from the area while the process sleeps); the sole user takes the
 * frame over as plain anonymous memory, any other maps the cached frame
 * read-only, so every sharer of a slot maps the same frame and a write
 * copies (mm/vmm_fault.c's break_cow). See mm/swap.h for the references.
 */
#include "mm/swap_area.h"
#include "mm/pmm.h"

/* Nobody but this entry and the cache knows slot s, nobody but the cache
 * and this fault holds its frame: the page is this space's alone. */
static bool sole_user(uint32_t s, paddr_t pa)
{
	return swap_slot_refs(&swap_area.slots, s) == 2 && pmm_refcount(pa) == 2;
}

/* The entry at va still holds slot s (the read slept: a truncate of a
 * file region may have removed it meanwhile). */
static bool still_swapped(unsigned slot, vaddr_t va, uint32_t s)
{
	struct vmm_page_info now;
	arch_vmm_query(slot, va, &now);
	return now.kind == VMM_PAGE_SWAPPED && now.swap_slot == s;
}

/* The sole user takes the frame over: out of the cache first (which drops
 * the cache's share of the slot), unless the page is being written to the
 * area right now - it must not become writable under that write (the
 * cache would then call it clean with the stores missing): it is then
 * mapped read-only, shared with the cache, and a write copies it. */
static bool take_over(uint32_t s, paddr_t pa)
{
	return sole_user(s, pa) && pcache_discard(&swap_area.obj, s) == 0;
}

int vmm_swap_in(unsigned slot, vaddr_t va, const struct vmm_page_info *info, unsigned prot)
{
	uint32_t s = info->swap_slot;
	paddr_t pa;
	if (!swap_area.dev)
		return -E_IO;   /* an entry without an area: cannot happen, never trust it */
	int rc = pcache_get(&swap_area.obj, s, &pa);
	if (rc)
		return rc == -E_NOMEM ? -E_NOMEM : -E_IO;
	if (!still_swapped(slot, va, s)) {
		pcache_put(pa);
		return 0;   /* retry: the fault path sees what is there now */
	}
	bool mine = take_over(s, pa);
	rc = arch_vmm_map(slot, va, pa, mine ? prot : prot & ~VMM_WRITE);
	if (rc) {
		/* (The entry's table exists, so this cannot happen; if it did,
		 * the page goes back to the cache, which holds the only copy.) */
		if (mine && (swap_slot_ref(&swap_area.slots, s) < 0 ||
			     pcache_adopt(&swap_area.obj, s, pa)))
			pmm_unref_frame(pa);
		else if (!mine)
			pcache_put(pa);
		return rc;
	}
	/* The entry's slot reference went with it: the sole user's slot is
	 * free now (its copy on the area goes stale with the first write);
	 * for a sharer, when only the cache's share is left, the drop
	 * discards the cached page too (nobody can ask for the slot again). */
	vmm_swap_entry_drop(s);
	return 0;
}
