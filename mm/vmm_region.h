/*
 * mm/vmm_region.h - what each part of a user address space is meant to be
 * (its regions), the truth the page tables are allowed to lie about. The
 * fault path decides from the region, never from PTE bits: ARM short
 * descriptors have no spare bits to mark copy-on-write or zero pages.
 * Storage is VMM metadata, so never the heap: each slot's records are a
 * sorted array in its own window of the metadata range (see mm/vmm.h),
 * backed by PMM frames only as far as the records reach.
 */
#ifndef MM_VMM_REGION_H
#define MM_VMM_REGION_H

#include "mm/vmm.h"
#include "mm/vmm_region_array.h"

/* What a region is, in the VMM_RKIND bits of its prot (kept by a rights
 * change): anonymous (no bits), or a file's pages, the slot's backing
 * VMM_RF_ID (mm/vmm_backing.h) saying which file and where. */
#define VMM_RF_SHARED   0x100u        /* MAP_SHARED: writes go into the cache frame */
#define VMM_RF_NOWRITE  0x200u        /* may never gain VMM_WRITE (shared, read-only fd) */
#define VMM_RF_ID_SHIFT 16
#define VMM_RF_ID_MASK  (0xffu << VMM_RF_ID_SHIFT)
#define VMM_RF_ID(prot) (((prot) & VMM_RF_ID_MASK) >> VMM_RF_ID_SHIFT)

/* Every call below that can fail changes nothing when it fails. Records
 * are sorted by start; a pointer returned stays valid until the slot's
 * regions next change. */

/* Boot (vmm_init): every slot starts with no regions. */
void vmm_region_init(void);

/* The region holding va in slot, or NULL. O(1) for a run of faults in
 * one region, O(log n) otherwise. */
const struct vmm_region *vmm_region_find(unsigned slot, vaddr_t va);

/* Adds [start, end) with prot (rights and kind bits: a backing named
 * there gains the record), merged with an adjacent region of the same
 * prot. Returns 0, -E_INVAL (unaligned, empty, outside user space, or
 * overlapping a region), or -E_NOMEM (CONFIG_MAX_REGIONS reached, or no
 * frame for the records). */
int vmm_region_add(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot);

/* Removes [start, end) from whatever regions it covers (splitting one if
 * needed; a range covering no region is a no-op). The pages must be gone
 * already: a file backing left with no record lets its object go, and a
 * shared file's dirty pages are written back (this may sleep). Returns 0, -E_INVAL for
 * an empty or reversed range, or -E_NOMEM when a split finds no room. */
int vmm_region_remove(unsigned slot, vaddr_t start, vaddr_t end);

/* Makes the room vmm_region_remove(slot, start, end) needs, so that it
 * cannot fail afterwards: 0 or -E_NOMEM (nothing changed). */
int vmm_region_remove_prepare(unsigned slot, vaddr_t start, vaddr_t end);

/* Sets the rights of [start, end), which must lie inside one region (cut
 * into up to three). Returns 0, -E_INVAL, or -E_NOMEM. */
int vmm_region_set_prot(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot);

/* First fit: the lowest address in [lo, hi) where len bytes, aligned to
 * align, have guard bytes free on both sides; 0 if none. */
vaddr_t vmm_region_find_free(unsigned slot, vaddr_t lo, vaddr_t hi, vaddr_t len, vaddr_t align,
			     vaddr_t guard);

/* Forgets every region of slot, giving its record frames back. */
void vmm_region_clear(unsigned slot);

/* Makes to's regions a copy of from's (to has none). Returns 0 or -E_NOMEM. */
int vmm_region_copy(unsigned to, unsigned from);

/* The i-th region of slot in address order (for inspection), or NULL past
 * the end; and how many there are. */
const struct vmm_region *vmm_region_at(unsigned slot, unsigned i);
unsigned vmm_region_count(unsigned slot);

/* Frames slot's records use now (tests and inspection). */
unsigned vmm_region_frames(unsigned slot);

#endif
