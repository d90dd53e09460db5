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

/* One record per frame, 12 bytes. The free lists are threaded through the
 * records themselves (indices, not pointers), so freeing and allocating one
 * frame are O(1) and unlinking any frame (for contiguous runs) is O(1).
 * While a frame is USED its two link words belong to its owner
 * (pmm_owner_words): a page-table backend keeps its per-table occupancy
 * there, so no side table and no heap is needed. */
struct pmm_frame {
	uint32_t next;      /* FREE: list neighbours as frame indices (PMM_NIL at the ends); USED: the owner's */
	uint32_t prev;
	uint16_t refcount;  /* mappings/owners of a USED frame (copy-on-write needs it); 0 in every other state */
	uint8_t state;      /* enum frame_state */
	uint8_t flags;      /* PMM_F_* */
};

#define PMM_F_ZEROED 0x01u   /* FREE and known to hold only zeros: on the zeroed list */

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

/* Allocates one frame, preferring one known to hold only zeros (freed
 * with pmm_free_zeroed). Returns 0 and sets *zeroed (true: the caller
 * need not clear it), or -E_NOMEM. O(1). */
int pmm_alloc_frame_zeroed(paddr_t *out, bool *zeroed);

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

/* pmm_free_frame for a frame whose every byte is zero (an emptied page
 * table, say): it goes on the zeroed list, so the next
 * pmm_alloc_frame_zeroed skips the clear. Same errors. A lie here is a
 * kernel bug: test builds of the callers check before they say so. */
int pmm_free_zeroed(paddr_t pa);

/* Frees n frames from pmm_alloc_contig; checks every frame first and frees
 * none if any is not USED. Same errors as pmm_free_frame. */
int pmm_free_contig(paddr_t pa, uint32_t n);

/* Adds an owner to a USED frame. Returns the new count, -E_INVAL/-E_PERM as
 * above, or -E_NOMEM if the count would overflow. */
int pmm_ref_frame(paddr_t pa);

/* Drops an owner; the frame is freed when the count reaches 0. Returns the
 * new count (0 = freed) or an error as for pmm_free_frame. */
int pmm_unref_frame(paddr_t pa);

/* Where the frame database is, for the inline fast paths below (set by
 * pmm_init; nothing else may write it). */
struct pmm_span {
	struct pmm_frame *db;
	uint32_t base_pfn;     /* frame number of db[0] */
	uint32_t nframes;      /* records in db */
};
extern struct pmm_span pmm_db_span;

/* The record of pa when it is a frame in use, else NULL. A loop over
 * many pages passes a copy of pmm_span it holds in registers (stores
 * through its table pointers could alias the global, so the compiler would
 * reload it for every page). */
static inline struct pmm_frame *pmm_span_used_record(const struct pmm_span *s, paddr_t pa)
{
	uint32_t i = (pa >> PAGE_SHIFT) - s->base_pfn;   /* wraps to huge below the base */
	if (i >= s->nframes || s->db[i].state != FRAME_USED)
		return NULL;
	return &s->db[i];
}

static inline struct pmm_frame *pmm_used_record(paddr_t pa)
{
	return pmm_span_used_record(&pmm_db_span, pa);
}

void pmm_release_record(struct pmm_frame *f);

/* The fast paths of fork and teardown, inline because they run once per
 * page there: take or drop a reference when pa is a frame in use, and do
 * nothing (silently) for anything else - device memory a process may map
 * is not the PMM's. Return whether pa was counted. */
/* A frame is USED exactly when its refcount is not 0 (the PMM keeps 0 in
 * every other state), so one load and one compare stand for both checks. */
static inline bool pmm_span_ref_if_used(const struct pmm_span *s, paddr_t pa)
{
	uint32_t i = (pa >> PAGE_SHIFT) - s->base_pfn;
	if (i >= s->nframes)
		return false;
	/* 0 (not in use) becomes 1 and UINT16_MAX (saturated) 0 when
	 * incremented: both refused with one compare on the result. */
	uint16_t next = (uint16_t)(s->db[i].refcount + 1u);
	if (next <= 1)
		return false;
	s->db[i].refcount = next;
	return true;
}

static inline bool pmm_span_unref_if_used(const struct pmm_span *s, paddr_t pa)
{
	uint32_t i = (pa >> PAGE_SHIFT) - s->base_pfn;
	if (i >= s->nframes || !s->db[i].refcount)
		return false;
	if (--s->db[i].refcount == 0)
		pmm_release_record(&s->db[i]);
	return true;
}

/* Teardown's batch: frames whose last reference went, already FREE and
 * chained through their links (most recent first), put on the free list
 * with one splice and one stats update by pmm_batch_free. Nothing may
 * allocate between the drop and the splice (one CPU; with SMP the batch
 * is the dropping CPU's and the splice takes the pmm lock). */
struct pmm_batch {
	uint32_t head, tail;   /* frame indices, PMM_NIL when empty */
	uint32_t n;
};
#define PMM_BATCH_INIT { PMM_NIL, PMM_NIL, 0 }

/* pmm_span_unref_if_used whose released frame joins b. */
static inline bool pmm_span_unref_batch(const struct pmm_span *s, paddr_t pa, struct pmm_batch *b)
{
	uint32_t i = (pa >> PAGE_SHIFT) - s->base_pfn;
	if (i >= s->nframes || !s->db[i].refcount)
		return false;
	struct pmm_frame *f = &s->db[i];
	if (--f->refcount)
		return true;
	f->state = FRAME_FREE;
	f->flags = 0;
	f->prev = PMM_NIL;
	f->next = b->head;
	if (b->head != PMM_NIL)
		s->db[b->head].prev = i;
	else
		b->tail = i;
	b->head = i;
	b->n++;
	return true;
}

void pmm_batch_free(struct pmm_batch *b);

static inline bool pmm_ref_if_used(paddr_t pa) { return pmm_span_ref_if_used(&pmm_db_span, pa); }
static inline bool pmm_unref_if_used(paddr_t pa) { return pmm_span_unref_if_used(&pmm_db_span, pa); }

/* The two words of a USED frame's record its owner may use (zero when the
 * frame was allocated), or NULL when pa is not a frame in use. O(1). */
static inline uint32_t *pmm_owner_words(paddr_t pa)
{
	struct pmm_frame *f = pmm_used_record(pa);
	return f ? &f->next : NULL;
}

/* The frames the database covers: frame numbers base_pfn .. base_pfn +
 * nframes - 1 (tables parallel to it, like the page cache's, use the same
 * indices). */
void pmm_span(uint32_t *base_pfn, uint32_t *nframes);

/* Refcount of a frame (0 when free, reserved or outside the database). */
static inline uint32_t pmm_refcount(paddr_t pa)
{
	const struct pmm_frame *f = pmm_used_record(pa);
	return f ? f->refcount : 0;
}

/* State of a frame; FRAME_ABSENT outside the database. */
enum frame_state pmm_frame_state(paddr_t pa);

void pmm_get_stats(struct pmm_stats *s);
/* Free frames now (the reclaim watermarks compare against it). */
extern struct pmm_stats pmm_counts;   /* pmm.c's own: read, never written, outside it */
static inline uint32_t pmm_free_frames(void) { return pmm_counts.free; }
void pmm_print_stats(void);

#endif
