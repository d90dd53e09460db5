/*
 * mm/swap_area.h - the one swap area's state, shared by mm/swap.c (slots,
 * pager, figures), mm/swap_out.c (the clock) and mm/swap_in.c (faults).
 * Private to mm/: nothing outside includes it.
 */
#ifndef MM_SWAP_AREA_H
#define MM_SWAP_AREA_H

#include "mm/swap.h"
#include "mm/swap_slots.h"
#include "mm/pcache.h"

struct swap_area {
	struct swap_device *dev;      /* NULL: swap is off */
	struct swap_slots slots;
	struct pcache_object obj;     /* the swap cache: index = slot */
	uint32_t map_frames;          /* frames the slot map takes */
	bool failed;                  /* a write failed: no more swap-out */
	uint32_t outs, ins, scans, file_unmaps;
	uint32_t entry_dups, entry_drops;   /* arch backend reports, for the tests */
};

extern struct swap_area swap_area;

/* Is pa a page of the swap cache? Its slot then. */
static inline bool swap_cache_slot(paddr_t pa, uint32_t *slot)
{
	struct pcache_object *obj;
	bool dirty;
	return pcache_frame_info(pa, &obj, slot, &dirty) && obj == &swap_area.obj;
}

#endif
