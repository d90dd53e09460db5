/*
 * mm/table_occ.h - occupancy bitmaps of translation tables, for the arch
 * MMU backends. A table's entries are cut into at most 32 groups; bit g is
 * set whenever group g may hold a valid entry. It is a superset: set when
 * an entry becomes valid, cleared only by a pass that saw the whole group
 * empty. So a table whose bitmap is 0 is empty without looking at it, and
 * fork, teardown and the empty check visit only groups that hold something
 * (a stack's two pages at the top of a 1,024-entry table: one group, not
 * 1,024 entries). The bitmaps live in the frame database record of the
 * table's frame (pmm_owner_words), never in the heap. Pure inline bit
 * logic: host-tested.
 */
#ifndef MM_TABLE_OCC_H
#define MM_TABLE_OCC_H

#include "lib/types.h"

/* The first group at or after g whose bit is set in occ, or 32. */
static inline unsigned occ_next(uint32_t occ, unsigned g)
{
	uint32_t rest = g < 32 ? occ >> g << g : 0;
	return rest ? (unsigned)__builtin_ctz(rest) : 32u;
}

/* The bit of entry i's group. */
static inline uint32_t occ_bit(unsigned i, unsigned per_group)
{
	return 1u << (i / per_group);
}

/* The first index in [i, n) of table t whose entry has a bit of valid set,
 * looking only at the groups occ marks; n when there is none. */
static inline unsigned occ_find(const uint32_t *t, uint32_t occ, unsigned per_group, unsigned i,
				unsigned n, uint32_t valid)
{
	while (i < n) {
		unsigned g = occ_next(occ, i / per_group);
		if (g >= 32 || g * per_group >= n)
			return n;
		if (i < g * per_group)
			i = g * per_group;
		unsigned top = g * per_group + per_group < n ? g * per_group + per_group : n;
		for (; i < top; i++)
			if (t[i] & valid)
				return i;
	}
	return n;
}

/* Groups wholly inside the index range [first, last] (those an unmap of
 * the range leaves empty). */
static inline uint32_t occ_covered(unsigned first, unsigned last, unsigned per_group)
{
	unsigned g0 = (first + per_group - 1) / per_group, g1 = (last + 1) / per_group;
	if (g1 <= g0)
		return 0;
	uint32_t hi = g1 >= 32 ? ~0u : (1u << g1) - 1;
	return hi & ~((1u << g0) - 1);
}

#endif
