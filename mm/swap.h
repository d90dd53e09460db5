/*
 * mm/swap.h - swap: "this page is in memory" when it is on the swap area.
 * An anonymous page chosen by the clock (mm/swap_out.c) leaves its page
 * table for a swap entry holding a slot (the arch backend's encoding, see
 * mm/vmm.h); its frame goes into the swap cache - the page cache with the
 * swap area as its object, index = slot - and is written back and freed
 * like a dirty file page. A fault on the entry (mm/swap_in.c) finds the
 * page in the swap cache or reads it back.
 *
 * References: a slot's count (mm/swap_slots.h) is the number of page-table
 * entries holding it, plus one while the swap cache has its page. A frame
 * in the swap cache has the cache's PMM reference plus one per mapping.
 * So a page COW-shared by a fork is one slot on disk shared by every
 * sharer, and each sharer that faults maps the same cached frame.
 *
 * The swap device (where slots live: kernel/swap_area.c over a block
 * partition of type 0x82) is reached only through struct swap_device's
 * function pointers - the one sanctioned indirect edge from mm/ into a
 * layer above it, like the pager of mm/pcache.h - and is called with no
 * mm/ lock held, in the context of the process that needs the I/O.
 *
 * Heap-free: the slot map comes from the PMM when swap is enabled.
 * Locking (SMP): today's kernel is non-preemptive on one CPU; the swap
 * lock (one, over the slot map and the clock hand) is a no-op there and
 * is never held across device I/O.
 */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include "lib/types.h"
#include "mm/vmm.h"
#include "mm/pmm.h"

struct swap_device {
	/* Reads / writes the page-sized slot (1..nslots-1). 0 or -E_IO. May sleep. */
	int (*read)(struct swap_device *dev, uint32_t slot, void *kva);
	int (*write)(struct swap_device *dev, uint32_t slot, const void *kva);
	uint32_t nslots;      /* slots the area holds; slot 0 is never used */
	char name[16];        /* for meminfo ("vda2", "mmc0p5") */
};

/* Turns swap on over dev (one area at a time): its slot map comes from
 * the PMM. Returns 0, -E_BUSY (an area is already on), -E_INVAL (fewer
 * than 2 slots), or -E_NOMEM. */
int swap_enable(struct swap_device *dev);

/* Turns swap off when no page is on the area any more (tests; a swapoff
 * that reads pages back is not built). 0, -E_INVAL (off), -E_BUSY. */
int swap_disable(void);

struct swap_stats {
	bool enabled;
	bool failed;          /* an I/O error: no more swap-out writes */
	char name[16];
	uint32_t total;       /* slots that can hold a page */
	uint32_t used;        /* slots holding a page (or reserved by the swap cache) */
	uint32_t bad;         /* slots whose I/O failed (never used again) */
	uint32_t cached;      /* frames in the swap cache */
	uint32_t outs, ins;   /* pages written to / read from the area since boot */
	uint32_t out_scans;   /* pages the clock looked at since boot */
	uint32_t file_unmaps; /* file pages the clock took out of mappings */
};
void swap_get_stats(struct swap_stats *out);

/* ---- for the arch backends (see the swap-entry rules in mm/vmm.h) ---- */

/* A swap entry was copied (fork): one more reference on its slot.
 * 0, or -E_NOMEM when the count would overflow (fork then fails). */
int vmm_swap_entry_dup(uint32_t swap_slot);

/* A swap entry was removed (unmap, exit): one reference less. */
void vmm_swap_entry_drop(uint32_t swap_slot);

/* ---- for the fault path (mm/vmm_fault.c, mm/vmm_file_fault.c) ---- */

/* A fault on a swap entry (info->kind == VMM_PAGE_SWAPPED) in slot at va,
 * in a region with rights prot: maps the page back (read from the area
 * if the swap cache does not have it; the process sleeps meanwhile).
 * Returns 0 (retry the access), -E_NOMEM, or -E_IO (the page could not be
 * read: the caller kills the process). */
int vmm_swap_in(unsigned slot, vaddr_t va, const struct vmm_page_info *info, unsigned prot);

/* Memory pressure. Below the low watermark of free frames the faulting
 * process first reclaims (the clock: file pages out of mappings, anonymous
 * pages to swap, then the write-back of what that made dirty in the swap
 * cache) until the high watermark is reached or nothing more can go.
 * Called where sleeping is allowed and no page-table state is held: at the
 * top of vmm_fault, before fork copies tables. */
extern uint32_t swap_low_water;
void vmm_reclaim(void);
/* What vmm_reclaim does once it is the reclaimer (tests call it from the
 * kernel's own context, where vmm_reclaim does nothing): a pass, or one
 * call of the rest after a pass whose pages had nowhere to go (swap off,
 * full or failed; the rest ends once a slot is freed). */
void vmm_reclaim_step(void);
/* Boot (vmm_init): the watermarks from the number of RAM frames. */
void swap_watermarks_init(uint32_t total_frames);
static inline void vmm_reclaim_if_low(void)
{
	if (__builtin_expect(pmm_free_frames() < swap_low_water, 0))
		vmm_reclaim();
}

/* Takes up to want pages out of their mappings now, whatever the
 * watermarks, and writes back what went to the swap cache (tests, and
 * the benchmarks). Returns how many left their mappings. */
uint32_t vmm_swap_out_now(uint32_t want);

/* The user range a system call has prepared for a copy (user_range_prepare)
 * and is about to touch from kernel mode: the clock never takes pages from
 * it, so a prepared page cannot vanish while its process sleeps in the
 * middle of the copy (another page's I/O). One range per space (a space
 * runs one thread); vmm_unpin when the system call is done with it. */
void vmm_pin_range(unsigned slot, vaddr_t start, vaddr_t end);
void vmm_unpin(unsigned slot);

/* Per-process figures for ps: pages resident (mapped frames, the zero
 * page excluded) and swapped (swap entries). O(mapped pages). */
void vmm_swap_counts(unsigned slot, uint32_t *resident, uint32_t *swapped);

#endif
