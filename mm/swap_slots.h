/*
 * mm/swap_slots.h - the slot map of a swap area: which page-sized slots
 * hold a page and how many page-table entries (or swap-cache users) refer
 * to each. A COW-shared page swapped out is one slot with a count per
 * sharer, so fork can share slots and the last sharer frees it. Pure logic
 * over memory the caller provides (the kernel takes it from the PMM when
 * swap is enabled: swap metadata never comes from the heap, since the
 * VMM's fault path uses it). Host-tested.
 *
 * Locking (SMP): the owner of the area serialises calls (mm/swap.c's swap
 * lock); nothing here sleeps.
 */
#ifndef MM_SWAP_SLOTS_H
#define MM_SWAP_SLOTS_H

#include "lib/types.h"

struct swap_slots {
	uint16_t *count;      /* per slot: references, and a bad mark (swap_slots.c) */
	uint32_t nslots;      /* slot 0 is never handed out (0 means "no slot") */
	uint32_t used, bad;
	uint32_t hint;        /* where the next search starts: consecutive swap-outs get
			       * consecutive slots, so they could be written together */
};

struct swap_slot_stats {
	uint32_t total;       /* slots that can hold a page (nslots - 1) */
	uint32_t used;
	uint32_t bad;
};

/* Bytes of map for an area of nslots slots. */
size_t swap_slots_bytes(uint32_t nslots);

/* Starts an area over mem (swap_slots_bytes(nslots) bytes): every slot free. */
void swap_slots_init(struct swap_slots *s, void *mem, uint32_t nslots);

/* A free slot with one reference in *slot: 0, or -E_NOSPC when none is free. */
int swap_slot_alloc(struct swap_slots *s, uint32_t *slot);

/* One more reference to a slot in use (a bad one too: fork copies an entry
 * whose page was lost, and the copy must be counted): the new count,
 * -E_INVAL for a free or out-of-range slot, -E_NOMEM when the count would
 * overflow. */
int swap_slot_ref(struct swap_slots *s, uint32_t slot);

/* One reference less: the new count (0: the slot is free again), or
 * -E_INVAL as above. A bad slot stays bad. */
int swap_slot_unref(struct swap_slots *s, uint32_t slot);

/* The references of a slot (0 when free, bad or out of range). */
uint32_t swap_slot_refs(const struct swap_slots *s, uint32_t slot);

/* Whether the slot's I/O has failed. */
bool swap_slot_is_bad(const struct swap_slots *s, uint32_t slot);

/* Its I/O failed: the slot's references are dropped by their owners as
 * usual, but it is never allocated again. */
void swap_slot_mark_bad(struct swap_slots *s, uint32_t slot);

void swap_slots_get_stats(const struct swap_slots *s, struct swap_slot_stats *out);

#endif
