/*
 * fs/cache/bcache.h - the metadata buffer cache: one sector per buffer, for
 * what a file system reads and rewrites in small pieces (FAT sectors,
 * directory sectors, the boot and FSInfo sectors). File data never goes
 * through it (the page cache will hold that, one copy only). It sits above
 * the heap (buffers come from kmalloc) and below the file systems.
 *
 * SMP: one lock for the whole cache will guard the table; today the kernel
 * is not preemptive and the cache is only used from process context.
 */
#ifndef FS_CACHE_BCACHE_H
#define FS_CACHE_BCACHE_H

#include "drivers/block/block.h"

#define BCACHE_BUFFERS 64u      /* sectors held at most (32 KiB of 512-byte sectors) */
#define BCACHE_SECTOR 512u

struct bcache_buf {
	struct block_device *dev;
	uint32_t lba;
	uint8_t *data;            /* BCACHE_SECTOR bytes */
	uint32_t refs;            /* holders; a buffer with refs is never evicted */
	uint32_t last_use;        /* for least-recently-used eviction */
	bool valid, dirty;
};

/* The buffer of (dev, lba), read from the device if it is not cached.
 * Returns NULL with *err set (-E_IO from the device, -E_NOMEM, -E_AGAIN
 * when every buffer is held). Pair with bcache_put. */
struct bcache_buf *bcache_get(struct block_device *dev, uint32_t lba, int *err);

/* The caller changed b->data: it goes to the device on the next sync or
 * eviction. */
void bcache_mark_dirty(struct bcache_buf *b);
void bcache_put(struct bcache_buf *b);

/* Writes every dirty buffer of dev (all devices when NULL) in sector
 * order, then flushes the device. Returns 0 or the first error (the
 * buffers that failed stay dirty). */
int bcache_sync(struct block_device *dev);

/* Writes back and forgets every buffer of dev (before a medium goes away,
 * or to measure from a cold cache). Returns bcache_sync's result; buffers
 * still held are kept. */
int bcache_drop(struct block_device *dev);

/* Forgets, without writing back, every cached sector of dev in
 * [lba, lba + count): their contents are dead (the clusters were freed),
 * and a late write-back must never land on whatever reuses them. */
void bcache_forget(struct block_device *dev, uint32_t lba, uint32_t count);

/* Buffers holding a sector now, and of those, dirty ones. */
void bcache_counts(unsigned *cached, unsigned *dirty);

#endif
