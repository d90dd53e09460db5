/*
 * mm/vmm_region_array.c - a region table as a sorted array: binary search,
 * insertion with merging, removal with splitting, first-fit gaps. Pure
 * logic on memory the caller provides (and has made big enough); never
 * allocates, never touches page tables.
 */
#include "mm/vmm_region_array.h"
#include "lib/string.h"

#define REC sizeof(struct vmm_region)

unsigned vmm_rarray_lower(const struct vmm_region *a, unsigned n, uintptr_t va)
{
	unsigned lo = 0, hi = n;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (a[mid].end > va)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int vmm_rarray_find(const struct vmm_region *a, unsigned n, uintptr_t va)
{
	unsigned i = vmm_rarray_lower(a, n, va);
	return i < n && a[i].start <= va ? (int)i : -1;
}

/* Which neighbours of the gap at index i a new [start, end) would join. */
static bool joins_left(const struct vmm_region *a, unsigned i, uintptr_t start, unsigned prot)
{
	return i > 0 && a[i - 1].end == start && a[i - 1].prot == prot;
}

static bool joins_right(const struct vmm_region *a, unsigned n, unsigned i, uintptr_t end,
			unsigned prot)
{
	return i < n && a[i].start == end && a[i].prot == prot;
}

bool vmm_rarray_overlaps(const struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end)
{
	unsigned i = vmm_rarray_lower(a, n, start);
	return i < n && a[i].start < end;
}

int vmm_rarray_add_delta(const struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end,
			 unsigned prot)
{
	unsigned i = vmm_rarray_lower(a, n, start);
	return 1 - joins_left(a, i, start, prot) - joins_right(a, n, i, end, prot);
}

unsigned vmm_rarray_add(struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end,
			unsigned prot)
{
	unsigned i = vmm_rarray_lower(a, n, start);
	bool left = joins_left(a, i, start, prot), right = joins_right(a, n, i, end, prot);
	if (left && right) {
		a[i - 1].end = a[i].end;
		memmove(&a[i], &a[i + 1], (n - i - 1) * REC);
		return n - 1;
	}
	if (left) {
		a[i - 1].end = end;
		return n;
	}
	if (right) {
		a[i].start = start;
		return n;
	}
	memmove(&a[i + 1], &a[i], (n - i) * REC);
	a[i] = (struct vmm_region){ start, end, prot };
	return n + 1;
}

bool vmm_rarray_remove_splits(const struct vmm_region *a, unsigned n, uintptr_t start,
			      uintptr_t end)
{
	unsigned i = vmm_rarray_lower(a, n, start);
	return i < n && a[i].start < start && a[i].end > end;
}

unsigned vmm_rarray_remove(struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end)
{
	unsigned i = vmm_rarray_lower(a, n, start);
	if (i < n && a[i].start < start) {   /* the first record keeps its head */
		if (a[i].end > end) {        /* a hole inside it: its tail is a new record */
			memmove(&a[i + 2], &a[i + 1], (n - i - 1) * REC);
			a[i + 1] = (struct vmm_region){ end, a[i].end, a[i].prot };
			a[i].end = start;
			return n + 1;
		}
		a[i].end = start;
		i++;
	}
	unsigned j = vmm_rarray_lower(a, n, end);   /* first record reaching past the range */
	if (j < n && a[j].start < end)
		a[j].start = end;                        /* it keeps its tail */
	memmove(&a[i], &a[j], (n - j) * REC);
	return n - (j - i);
}

bool vmm_rarray_within_one(const struct vmm_region *a, unsigned n, uintptr_t start,
			   uintptr_t end)
{
	int i = vmm_rarray_find(a, n, start);
	return start < end && i >= 0 && end <= a[i].end;
}

unsigned vmm_rarray_set_prot(struct vmm_region *a, unsigned n, uintptr_t start, uintptr_t end,
			     unsigned prot)
{
	unsigned kind = a[vmm_rarray_find(a, n, start)].prot & VMM_RKIND_MASK;
	n = vmm_rarray_remove(a, n, start, end);
	return vmm_rarray_add(a, n, start, end, (prot & ~VMM_RKIND_MASK) | kind);
}

uintptr_t vmm_rarray_find_gap(const struct vmm_region *a, unsigned n, uintptr_t lo, uintptr_t hi,
			      uintptr_t len, uintptr_t align, uintptr_t guard)
{
	if (!len || lo >= hi)
		return 0;
	for (unsigned i = vmm_rarray_lower(a, n, lo);; i++) {
		/* The gap before record i (or after the last record). */
		uintptr_t gap_lo = i > 0 && a[i - 1].end + guard > lo ? a[i - 1].end + guard : lo;
		uintptr_t gap_hi = i < n ? (a[i].start > guard ? a[i].start - guard : 0) : hi;
		if (gap_hi > hi)
			gap_hi = hi;
		uintptr_t at = ALIGN_UP(gap_lo, align);
		if (at >= gap_lo && at < gap_hi && gap_hi - at >= len)
			return at;
		if (i >= n || a[i].end >= hi)
			return 0;
	}
}
