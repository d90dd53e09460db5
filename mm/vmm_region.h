/*
 * mm/vmm_region.h - what each part of a user address space is meant to be
 * (its regions), the truth the page tables are allowed to lie about. The
 * fault path decides from the region, never from PTE bits: ARM short
 * descriptors have no spare bits to mark copy-on-write or zero pages.
 * Storage is a fixed table per slot: no heap below the heap.
 */
#ifndef MM_VMM_REGION_H
#define MM_VMM_REGION_H

#include "mm/vmm.h"

#define VMM_MAX_REGIONS 16   /* per address space: code, data, heap, stack, mmaps */

struct vmm_region {
	vaddr_t start, end;      /* page aligned, end exclusive; start == end: free entry */
	unsigned prot;           /* VMM_READ/WRITE/EXEC (+ VMM_USER) the program may use */
};

/* The region holding va in slot, or NULL. */
const struct vmm_region *vmm_region_find(unsigned slot, vaddr_t va);

/* Adds [start, end) with prot. Returns 0, -E_INVAL (unaligned, empty,
 * outside user space, or overlapping a region), or -E_NOMEM (table full). */
int vmm_region_add(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot);

/* Removes [start, end) from whatever regions it covers (splitting one if
 * needed). Returns 0 or -E_NOMEM when a split finds the table full. */
int vmm_region_remove(unsigned slot, vaddr_t start, vaddr_t end);

/* Sets the rights of the region that is exactly [start, end). Returns 0 or -E_INVAL. */
int vmm_region_set_prot(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot);

/* Forgets every region of slot / copies them from one slot to another. */
void vmm_region_clear(unsigned slot);
void vmm_region_copy(unsigned to, unsigned from);

/* The i-th region in use of slot (for inspection), or NULL past the end. */
const struct vmm_region *vmm_region_at(unsigned slot, unsigned i);

#endif
