/*
 * fs/cache/bcache.c - the metadata buffer cache (see bcache.h): a fixed
 * table of sector buffers, least recently used first to go. A dirty
 * buffer is written before its slot is reused, so nothing written is ever
 * lost by eviction; a failed write-back keeps the buffer and reports.
 */
#include "fs/cache/bcache.h"
#include "mm/kheap.h"

static struct bcache_buf bufs[BCACHE_BUFFERS];
static uint32_t clock_now;

static struct bcache_buf *lookup(struct block_device *dev, uint32_t lba)
{
	for (unsigned i = 0; i < BCACHE_BUFFERS; i++)
		if (bufs[i].valid && bufs[i].dev == dev && bufs[i].lba == lba)
			return &bufs[i];
	return NULL;
}

static int write_back(struct bcache_buf *b)
{
	if (!b->dirty)
		return 0;
	int rc = block_write(b->dev, b->lba, 1, b->data);
	if (rc == 0)
		b->dirty = false;
	return rc;
}

/* An unused slot, or the least recently used unheld one, written back. */
static struct bcache_buf *victim(int *err)
{
	struct bcache_buf *best = NULL;
	for (unsigned i = 0; i < BCACHE_BUFFERS; i++) {
		struct bcache_buf *b = &bufs[i];
		if (!b->valid)
			return b;
		if (!b->refs && (!best || b->last_use < best->last_use))
			best = b;
	}
	*err = best ? write_back(best) : -E_AGAIN;
	return *err ? NULL : best;
}

static int fill(struct bcache_buf *b, struct block_device *dev, uint32_t lba)
{
	if (!b->data && !(b->data = kmalloc(BCACHE_SECTOR)))
		return -E_NOMEM;
	b->valid = false;
	int rc = block_read(dev, lba, 1, b->data);
	if (rc)
		return rc;
	b->dev = dev, b->lba = lba, b->valid = true, b->dirty = false;
	return 0;
}

struct bcache_buf *bcache_get(struct block_device *dev, uint32_t lba, int *err)
{
	struct bcache_buf *b = lookup(dev, lba);
	*err = 0;
	if (!b) {
		b = victim(err);
		if (!b || (*err = fill(b, dev, lba)))
			return NULL;
	}
	b->refs++;
	b->last_use = ++clock_now;
	return b;
}

void bcache_mark_dirty(struct bcache_buf *b)
{
	b->dirty = true;
}

void bcache_put(struct bcache_buf *b)
{
	if (b->refs)
		b->refs--;
}

/* The dirty buffer of dev with the lowest sector above after (any sector
 * when first), so write-back goes in disk order. */
static struct bcache_buf *next_dirty(struct block_device *dev, uint32_t after, bool first)
{
	struct bcache_buf *best = NULL;
	for (unsigned i = 0; i < BCACHE_BUFFERS; i++) {
		struct bcache_buf *b = &bufs[i];
		if (!b->valid || !b->dirty || b->dev != dev || (!first && b->lba <= after))
			continue;
		if (!best || b->lba < best->lba)
			best = b;
	}
	return best;
}

/* Writes dev's dirty buffers, then makes the device put them on the medium. */
static int sync_one(struct block_device *dev)
{
	int first_err = 0;
	bool first = true;
	uint32_t after = 0;
	for (struct bcache_buf *b; (b = next_dirty(dev, after, first)); first = false) {
		int rc = write_back(b);
		after = b->lba;
		if (rc && !first_err)
			first_err = rc;
	}
	return first_err ? first_err : block_flush(dev);
}

int bcache_sync(struct block_device *dev)
{
	if (dev)
		return sync_one(dev);
	int first_err = 0;
	for (unsigned i = 0; block_at(i); i++) {
		int rc = sync_one(block_at(i));
		if (rc && !first_err)
			first_err = rc;
	}
	return first_err;
}

int bcache_drop(struct block_device *dev)
{
	int rc = bcache_sync(dev);
	for (unsigned i = 0; i < BCACHE_BUFFERS; i++) {
		struct bcache_buf *b = &bufs[i];
		bool unused = !b->valid || (b->dev == dev && !b->refs && !b->dirty);
		if (unused && b->data) {   /* empty slots give their memory back too */
			kfree(b->data);
			*b = (struct bcache_buf){ 0 };
		}
	}
	return rc;
}

void bcache_forget(struct block_device *dev, uint32_t lba, uint32_t count)
{
	for (unsigned i = 0; i < BCACHE_BUFFERS; i++) {
		struct bcache_buf *b = &bufs[i];
		if (b->valid && b->dev == dev && b->lba - lba < count && !b->refs)
			b->valid = b->dirty = false;
	}
}

void bcache_counts(unsigned *cached, unsigned *dirty)
{
	*cached = *dirty = 0;
	for (unsigned i = 0; i < BCACHE_BUFFERS; i++) {
		*cached += bufs[i].valid;
		*dirty += bufs[i].valid && bufs[i].dirty;
	}
}
