/*
 * mm/vmm_backing.h - what a file-backed region is backed by: each slot has
 * a small fixed table of backings (an object of the page cache and the
 * object's page at address 0), and a region's record names its entry by a
 * number in its prot word (VMM_RF_ID), so the 12-byte records stay 12 bytes
 * and records of the same backing merge like any others. Heap-free: the
 * table is .bss.
 */
#ifndef MM_VMM_BACKING_H
#define MM_VMM_BACKING_H

#include "mm/vmm.h"

struct pcache_object;

/* Backings per address space (distinct files, or one file at unrelated
 * offsets, mapped at once): past it mmap returns -E_NOMEM. */
#define VMM_BACKINGS 16u

struct vmm_backing {
	struct pcache_object *obj;   /* NULL: the entry is free */
	uint32_t file_base;          /* obj's page at address 0: page va / PAGE_SIZE shows
					page file_base + va / PAGE_SIZE (mod 2^32) */
	uint32_t records;            /* region records naming it */
	bool shared;                 /* some record is MAP_SHARED: sync before release */
};

/* The entry for (obj, file_base) in slot, an existing one or a new one
 * (which holds obj: pager hold, obj->maps + 1). Returns the entry's number
 * (1..VMM_BACKINGS) or -E_NOMEM. A new entry with no record is let go by
 * vmm_backing_adjust(slot, id, 0). */
int vmm_backing_get(unsigned slot, struct pcache_object *obj, uint32_t file_base, bool shared);

/* vmm_backing.c's table, read inline here (every file fault looks its
 * entry up); nothing else touches it. */
extern struct vmm_backing vmm_backings[CONFIG_MAX_PROCS][VMM_BACKINGS];

/* Entry id of slot (NULL for 0 or a free one). */
static inline struct vmm_backing *vmm_backing_at(unsigned slot, unsigned id)
{
	if (id - 1u >= VMM_BACKINGS || !vmm_backings[slot][id - 1].obj)
		return NULL;   /* id 0 wraps past the bound */
	return &vmm_backings[slot][id - 1];
}

/* records += delta; an entry left with none writes its object back if it
 * was shared and lets it go (pager release: may sleep). */
void vmm_backing_adjust(unsigned slot, unsigned id, int delta);

/* A copy of from's entries for fork's child (each object held once more). */
void vmm_backing_copy(unsigned to, unsigned from);

/* Lets every entry of slot go (its records are gone). */
void vmm_backing_clear(unsigned slot);

/* Does slot have any backing (any file-backed region)? */
bool vmm_backing_any(unsigned slot);

/* Calls fn(slot, id) for every entry of every slot that backs obj. */
void vmm_backing_each(struct pcache_object *obj, void (*fn)(unsigned slot, unsigned id, void *arg),
		      void *arg);

#endif
