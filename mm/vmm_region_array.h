/*
 * mm/vmm_region_array.h - the pure logic of a region table: an array of
 * region records sorted by start, never overlapping, never empty. Knows
 * nothing of slots or storage (mm/vmm_region.c owns that), so the host
 * tests run it as is; never allocates, never grows an array by itself.
 */
#ifndef MM_VMM_REGION_ARRAY_H
#define MM_VMM_REGION_ARRAY_H

#include "lib/types.h"

struct vmm_region {
	uintptr_t start, end;    /* page aligned, end exclusive, start < end */
	unsigned prot;           /* VMM_READ/WRITE/EXEC (+ VMM_USER) the program may use,
				    and above VMM_RKIND_SHIFT what kind of region it is */
};

/* Bits of prot that say what a region is (its backing: mm/vmm_region.h's
 * VMM_RF_*), not what it allows: a rights change (set_prot) keeps them.
 * Records merge only when all of prot is equal, so only ranges of the
 * same backing merge. */
#define VMM_RKIND_SHIFT 8
#define VMM_RKIND_MASK  (~0u << VMM_RKIND_SHIFT)

/* The index of the first record that ends above va (n if none): O(log n). */
unsigned vmm_rarray_lower(const struct vmm_region *a, unsigned n, uintptr_t va);

/* The index of the record holding va, or -1. */
int vmm_rarray_find(const struct vmm_region *a, unsigned n, uintptr_t va);

/* True when [start, end) overlaps a record. */
bool vmm_rarray_overlaps(const struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end);

/* How many records adding [start, end) (overlapping none) with prot would
 * add: 1, 0 (it extends a neighbour of the same prot), or -1 (it joins two). */
int vmm_rarray_add_delta(const struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end,
			 unsigned prot);

/* Adds [start, end) (overlapping none; the array has room for n + 1
 * records), merging with neighbours of the same prot. Returns the new count. */
unsigned vmm_rarray_add(struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end,
			unsigned prot);

/* True when removing [start, end) cuts a hole inside one record, so the
 * removal needs room for n + 1 records. */
bool vmm_rarray_remove_splits(const struct vmm_region *a, unsigned n, uintptr_t start,
			      uintptr_t end);

/* Removes [start, end) (start < end) from whatever records it covers.
 * Room for n + 1 records when remove_splits says so. Returns the new count. */
unsigned vmm_rarray_remove(struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end);

/* True when [start, end) lies inside one record (what set_prot accepts). */
bool vmm_rarray_within_one(const struct vmm_region *a, unsigned n, uintptr_t start,
			   uintptr_t end);

/* Gives [start, end), inside one record, the rights of prot (the record's
 * VMM_RKIND bits stay): the record is cut in up to three and the middle
 * merges with neighbours of the same prot. Room for
 * n + 2 records. Returns the new count. */
unsigned vmm_rarray_set_prot(struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end,
			     unsigned prot);

/* First fit: the lowest address at, a multiple of align (a power of two),
 * with [at, at + len) inside [lo, hi) and at least guard bytes free of any
 * record on both sides. Returns 0 when there is none (lo must be > 0). */
uintptr_t vmm_rarray_find_gap(const struct vmm_region *a, unsigned n, uintptr_t lo, uintptr_t hi,
			      uintptr_t len, uintptr_t align, uintptr_t guard);

#endif
