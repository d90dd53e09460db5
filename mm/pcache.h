/*
 * mm/pcache.h - the page cache: the one copy of file data in memory. Each
 * cached page of a file is one frame, found by (object, page index), shared
 * by read()/write() and every mapping of the file in every process. The
 * cache never knows what a file is: an object brings a pager (struct
 * pager_ops, filled in by fs/) that reads a page in and writes one back.
 *
 * Heap-free like the rest of mm/: one 12-byte record per RAM frame (a table
 * parallel to the frame database, indexed the same way) and the hash
 * buckets come from the PMM at boot (pcache_init). Objects themselves are
 * memory their owner (fs/) provides; the cache only points at them.
 *
 * References: the cache holds one PMM reference on each of its frames;
 * whoever maps or copies from a page takes another (pcache_get) and drops
 * it with pmm_unref_frame / pcache_put. So a frame's refcount is 1 exactly
 * when nobody but the cache uses it, which is what reclaim looks for.
 *
 * Locking (SMP): one lock over the index and the records (pcache_lock in
 * pcache.c; today the kernel is non-preemptive on one CPU and no interrupt
 * handler touches the cache, so it is a no-op). It is never held across a
 * pager call: a page being read or written is marked BUSY and anyone else
 * who wants it sleeps on its record until it is not.
 */
#ifndef MM_PCACHE_H
#define MM_PCACHE_H

#include "lib/types.h"

struct pcache_object;

/* What fs/ provides for each object. Called with no mm/ lock held, in the
 * context of the process that needs the page (it may sleep). */
struct pager_ops {
	/* Fills the page at kva with bytes [index * PAGE_SIZE, +PAGE_SIZE) of
	 * the object, zeros past its end. Returns 0 or a negative error. */
	int (*read_page)(struct pcache_object *obj, uint32_t index, void *kva);
	/* Writes the first len bytes of the page at kva back to the object
	 * (len < PAGE_SIZE only for the last page). 0 or a negative error. */
	int (*write_page)(struct pcache_object *obj, uint32_t index, const void *kva, uint32_t len);
	/* A mapping keeps the object alive (mm/vmm_backing.c): one more and
	 * one less reference on whatever owns it. release may sleep (the last
	 * one writes the pages back); neither is called with an mm/ lock held. */
	void (*hold)(struct pcache_object *obj);
	void (*release)(struct pcache_object *obj);
	/* A short name for inspection (vmmap), NUL-terminated in buf ("" if none). */
	void (*name)(struct pcache_object *obj, char *buf, uint32_t len);
	/* Optional: page index left the cache (reclaimed, dropped, discarded,
	 * or a failed read). Never sleeps; called with no mm/ lock held. The
	 * swap area (mm/swap.c) drops the cache's share of the slot here. */
	void (*dropped)(struct pcache_object *obj, uint32_t index);
};

/* Embedded in whatever fs/ uses for an open file (fs/vfs's node). The
 * owner keeps size current and calls pcache_object_drop before freeing. */
struct pcache_object {
	const struct pager_ops *ops;
	uint32_t size;        /* bytes in the object (the file size) */
	uint32_t pages;       /* pages of it in the cache now */
	uint32_t index_end;   /* one past the highest index cached since the last drop */
	uint32_t maps;        /* address spaces mapping it (mm/vmm_backing.c keeps it):
				 while not 0, write-back first write-protects the
				 mappings and a drop (truncate) unmaps pages first */
};

struct pcache_stats {
	uint32_t cached;      /* frames holding file pages */
	uint32_t dirty;       /* of those, changed since they were last written back */
	uint32_t mapped;      /* of those, used by someone besides the cache */
	uint32_t table_frames;   /* frames the cache's own records and buckets use */
	uint32_t reads, writes;  /* pages read in / written back through pagers since boot */
};

/* Bytes of records and buckets for a PMM span of nframes frames. */
size_t pcache_table_bytes(uint32_t nframes);

/* Boot, after pmm_init: the cache's tables are mem (pcache_table_bytes
 * of the PMM's span, zeroed here), taken from the PMM by the caller. */
void pcache_init(void *mem, size_t bytes);

/* Takes the tables from the PMM and calls pcache_init (the kernel's boot
 * path; panics without them, like the frame database). */
void pcache_boot(void);

/* The frame of page index of obj, read in through the pager when it is
 * not cached, with one reference for the caller. Sleeps while another
 * process is reading or writing that page. Returns 0, -E_NOMEM (no frame
 * even after reclaim), or the pager's error (nothing is cached then). */
int pcache_get(struct pcache_object *obj, uint32_t index, paddr_t *out);

/* Like pcache_get, but never reads: a page wholly past the end of the
 * object's data (a write that will fill it) gets a zeroed frame. */
int pcache_get_new(struct pcache_object *obj, uint32_t index, paddr_t *out);

/* The cached frame of page index with a reference, or -E_NOENT (no I/O;
 * not cached, or being read in), or -E_NOMEM (its count would overflow). */
int pcache_lookup(struct pcache_object *obj, uint32_t index, paddr_t *out);

/* Puts a frame that is not the cache's (the swap-out of an anonymous
 * page) into it as page index of obj, dirty: the caller's PMM reference
 * becomes the cache's. Returns 0, -E_EXIST (index is cached already), or
 * -E_INVAL (pa is not a RAM frame, or a cache frame already). */
int pcache_adopt(struct pcache_object *obj, uint32_t index, paddr_t pa);

/* Forgets page index of obj at once, dirty or not, mapped or not (its
 * mappers keep their references: the frame is simply not the cache's any
 * more). Returns 0, -E_NOENT, or -E_BUSY (being read or written). */
int pcache_discard(struct pcache_object *obj, uint32_t index);

/* Drops a reference from pcache_get/lookup. */
void pcache_put(paddr_t pa);

/* Marks a cache frame changed (write(), a write fault on a shared mapping). */
void pcache_mark_dirty(paddr_t pa);

/* Writes back every dirty page of obj. Returns 0 or the first error (the
 * page that failed stays dirty). A mapped object's shared mappings are
 * write-protected first (vmm_file_write_protect): a write after the
 * write-back faults and marks the page dirty again. */
int pcache_object_sync(struct pcache_object *obj);

/* Forgets pages index >= first of obj (truncate, or first = 0 when the
 * owner is done with it): dirty ones are written back first unless
 * discard. A mapped object (maps != 0: a truncate) first loses those pages
 * from every mapping (vmm_file_cut), private copies too; otherwise they
 * must be unused (refcount 1). Returns 0,
 * -E_BUSY (a page is in use: nothing forgotten past it), or a write error. */
int pcache_object_drop(struct pcache_object *obj, uint32_t first, bool discard);

/* Zeroes bytes [from, to) of obj's cached pages (a shrink or a growth
 * leaves no stale bytes past the end of the data). */
void pcache_object_zero(struct pcache_object *obj, uint32_t from, uint32_t to);

/* Frees up to want clean frames nobody maps (a clock over the records);
 * with may_sleep, dirty unmapped pages are written back and freed too.
 * Returns the number freed. */
uint32_t pcache_reclaim(uint32_t want, bool may_sleep);

/* What a frame is to the cache: false when it is not a cache frame. */
bool pcache_frame_info(paddr_t pa, struct pcache_object **obj, uint32_t *index, bool *dirty);

void pcache_get_stats(struct pcache_stats *s);

/* ---- memory pressure and dirty limits (read()/write(), drop_caches) ---- */

#define PCACHE_PMM_BATCH 32u       /* clean pages freed per empty-PMM call */
#define PCACHE_DIRTY_FRACTION 16u  /* at most 1/16 of the frames may be dirty, */
#define PCACHE_DIRTY_MIN 32u       /* and no more than are free, above this many */

/* The PMM's reclaim hook (pmm_set_reclaim_hook, installed by pcache_boot):
 * frees up to PCACHE_PMM_BATCH clean pages nobody maps, never sleeps.
 * Returns how many it freed. */
uint32_t pcache_reclaim_for_pmm(void);

/* True when more than PCACHE_DIRTY_MIN pages are dirty and they are more
 * than 1/PCACHE_DIRTY_FRACTION of the frames or more than the free frames
 * (RAM filled by others): a writer then writes back before it returns, so
 * clean (reclaimable) pages, not dirty ones, fill what is left. */
bool pcache_too_dirty(void);

/* Frees every clean page nobody maps (drop_caches, after a sync).
 * Returns how many it freed. */
uint32_t pcache_drop_clean(void);

#endif
