/*
 * mm/pmm.h - the physical memory manager: every RAM frame, its state and its
 * reference count. It needs no heap: its frame database is carved from RAM
 * at boot (mm/boot_mem.c) and handed to pmm_init() as plain memory.
 */
#ifndef MM_PMM_H
#define MM_PMM_H

#include "lib/types.h"
#include "lib/memmap.h"

enum frame_state {
	FRAME_ABSENT = 0,   /* not RAM (a hole or MMIO inside the managed span) */
	FRAME_RESERVED,     /* RAM never handed out: kernel image, boot data, frame database */
	FRAME_FREE,         /* on the free list */
	FRAME_USED,         /* allocated; refcount >= 1 */
};

/* One record per frame, 12 bytes. The free list is threaded through the
 * records themselves (indices, not pointers), so freeing and allocating one
 * frame are O(1) and unlinking any frame (for contiguous runs) is O(1). */
struct pmm_frame {
	uint32_t next;      /* free-list neighbours, as frame indices; PMM_NIL at the ends */
	uint32_t prev;
	uint16_t refcount;  /* mappings/owners of a USED frame (copy-on-write needs it) */
	uint8_t state;      /* enum frame_state */
	uint8_t flags;      /* reserved for later users (e.g. zero page marker) */
};

#define PMM_NIL 0xffffffffu

struct pmm_stats {
	uint32_t total;     /* RAM frames known: free + used + reserved */
	uint32_t free;
	uint32_t used;
	uint32_t reserved;
};

/* Bytes of frame database needed to cover every RAM frame (USABLE or
 * RESERVED) of a normalized map. */
size_t pmm_db_bytes(const struct memmap *m);

/* Takes over the frames of a normalized, page-aligned map: USABLE pages
 * become FREE, RESERVED pages RESERVED, the rest ABSENT. db must hold
 * pmm_db_bytes(m) bytes, and must itself lie in a RESERVED range of m.
 * Returns 0, or -E_INVAL when db is too small or the map has no RAM. */
int pmm_init(const struct memmap *m, void *db, size_t db_bytes);

/* Allocates one frame with refcount 1. O(1). Returns 0 or -E_NOMEM. */
int pmm_alloc_frame(paddr_t *out);

/* Installs hook, which pmm_alloc_frame calls once when no frame is free,
 * before it fails: it may free frames (the page cache's clean, unmapped
 * pages: mm/pcache.c) and returns how many it freed. It must not sleep or
 * allocate. NULL removes it. */
void pmm_set_reclaim_hook(uint32_t (*hook)(void));

/* Allocates n physically contiguous frames whose first frame is aligned to
 * align_frames (a power of two). Each has refcount 1. Linear scan: meant for
 * tables and DMA, not for hot paths. Returns 0, -E_INVAL or -E_NOMEM. */
int pmm_alloc_contig(uint32_t n, uint32_t align_frames, paddr_t *out);

/* Frees one frame regardless of its refcount. Misuse is reported on the
 * console with the caller's address and leaves the PMM unchanged:
 * -E_INVAL (unaligned or outside the database), -E_PERM (reserved or not
 * RAM), -E_ALREADY (double free). */
int pmm_free_frame(paddr_t pa);

/* Frees n frames from pmm_alloc_contig; checks every frame first and frees
 * none if any is not USED. Same errors as pmm_free_frame. */
int pmm_free_contig(paddr_t pa, uint32_t n);

/* Adds an owner to a USED frame. Returns the new count, -E_INVAL/-E_PERM as
 * above, or -E_NOMEM if the count would overflow. */
int pmm_ref_frame(paddr_t pa);

/* Drops an owner; the frame is freed when the count reaches 0. Returns the
 * new count (0 = freed) or an error as for pmm_free_frame. */
int pmm_unref_frame(paddr_t pa);

/* The fast paths of fork and teardown: take or drop a reference when pa is
 * a frame in use, and do nothing (silently) for anything else - device
 * memory a process may map is not the PMM's. Return whether pa was counted. */
bool pmm_ref_if_used(paddr_t pa);
bool pmm_unref_if_used(paddr_t pa);

/* The frames the database covers: frame numbers base_pfn .. base_pfn +
 * nframes - 1 (tables parallel to it, like the page cache's, use the same
 * indices). */
void pmm_span(uint32_t *base_pfn, uint32_t *nframes);

/* Refcount of a frame (0 when free, reserved or outside the database). */
uint32_t pmm_refcount(paddr_t pa);

/* State of a frame; FRAME_ABSENT outside the database. */
enum frame_state pmm_frame_state(paddr_t pa);

void pmm_get_stats(struct pmm_stats *s);
void pmm_print_stats(void);

#endif
