/*
 * fs/fat/file.c - file data on a FAT volume (see volume.h). Data sectors go
 * straight between the caller's buffer and the block device, whole sectors
 * at a time where the range allows; only a partial sector goes through a
 * one-sector bounce buffer. The chain is walked from the start once per
 * call (FAT has no other index), bounded by the volume's cluster count.
 */
#include "fs/fat/volume.h"
#include "fs/cache/bcache.h"
#include "lib/string.h"
#include "mm/kheap.h"

#define SECTOR 512u

static uint32_t cluster_bytes(const struct fat_volume *v) { return v->g.sectors_per_cluster * SECTOR; }
static uint32_t clusters_for(const struct fat_volume *v, uint64_t bytes)
{
	return (uint32_t)((bytes + cluster_bytes(v) - 1) / cluster_bytes(v));
}

/* One sector, or part of it, between buf and the disk. */
static int sector_io(struct fat_volume *v, uint32_t lba, uint32_t at, uint8_t *buf, uint32_t len,
		     bool write)
{
	if (at == 0 && len == SECTOR)
		return write ? block_write(v->dev, lba, 1, buf) : block_read(v->dev, lba, 1, buf);
	uint8_t *bounce = kmalloc(SECTOR);
	if (!bounce)
		return -E_NOMEM;
	int rc = block_read(v->dev, lba, 1, bounce);
	if (!rc && write) {
		memcpy(bounce + at, buf, len);
		rc = block_write(v->dev, lba, 1, bounce);
	} else if (!rc) {
		memcpy(buf, bounce + at, len);
	}
	kfree(bounce);
	return rc;
}

static int whole_sectors(struct fat_volume *v, uint32_t lba, uint32_t count, uint8_t *buf, bool write)
{
	return write ? block_write(v->dev, lba, count, buf) : block_read(v->dev, lba, count, buf);
}

/* [off, off + len) inside cluster c: whole sectors in one request. */
static int cluster_io(struct fat_volume *v, uint32_t c, uint32_t off, uint8_t *buf, uint32_t len,
		      bool write)
{
	uint32_t lba = fat_cluster_sector(&v->g, c) + off / SECTOR, at = off % SECTOR;
	while (len) {
		uint32_t whole = at ? 0 : len / SECTOR;
		uint32_t n = whole ? whole * SECTOR : len < SECTOR - at ? len : SECTOR - at;
		int rc = whole ? whole_sectors(v, lba, whole, buf, write) : sector_io(v, lba, at, buf, n, write);
		if (rc)
			return rc;
		lba += whole ? whole : 1;
		buf += n, len -= n, at = 0;
	}
	return 0;
}

/* Moves len bytes at off of the chain from first (which covers them). */
static int chain_io(struct fat_volume *v, uint32_t first, uint32_t off, uint8_t *buf, uint32_t len,
		    bool write)
{
	uint32_t cb = cluster_bytes(v), c;
	int rc = fat_chain_seek(v, first, off / cb, &c);
	for (off %= cb; !rc && len;) {
		uint32_t n = len < cb - off ? len : cb - off;
		rc = cluster_io(v, c, off, buf, n, write);
		buf += n, len -= n, off = 0;
		if (!rc && len) {
			rc = fat_chain_next(v, c, &c);
			if (!rc && !c)
				rc = -E_IO;   /* the chain ends before the data does */
		}
	}
	return rc;
}

int fat_file_read(struct fat_volume *v, const struct fat_node *n, uint32_t off, void *buf, uint32_t len)
{
	if (off >= n->e.size || len == 0)
		return 0;
	if (len > n->e.size - off)
		len = n->e.size - off;
	if (len > INT32_MAX)
		len = INT32_MAX;
	int rc = chain_io(v, n->e.first_cluster, off, buf, len, false);
	return rc ? rc : (int)len;
}

/* The last cluster of a chain of have clusters. */
static int last_cluster(struct fat_volume *v, uint32_t first, uint32_t have, uint32_t *out)
{
	return fat_chain_seek(v, first, have - 1, out);
}

/* Keeps the first keep clusters of n's chain and frees the rest. */
static int cut_chain(struct fat_volume *v, struct fat_node *n, uint32_t keep)
{
	if (keep == 0) {
		int rc = fat_chain_free(v, n->e.first_cluster);
		n->e.first_cluster = 0;
		return rc;
	}
	uint32_t last, rest;
	int rc = last_cluster(v, n->e.first_cluster, keep, &last);
	if (!rc)
		rc = fat_chain_next(v, last, &rest);
	if (!rc && rest)
		rc = fat_link_set(v, last, FAT_LINK_END, 0);
	return rc || !rest ? rc : fat_chain_free(v, rest);
}

/* Grows n's chain from have to need clusters; undoes itself on failure. */
static int grow_chain(struct fat_volume *v, struct fat_node *n, uint32_t have, uint32_t need)
{
	if (need - have > v->free_clusters)
		return -E_NOSPC;
	uint32_t last = 0;
	int rc = have ? last_cluster(v, n->e.first_cluster, have, &last) : 0;
	for (uint32_t i = have; !rc && i < need; i++) {
		rc = fat_cluster_alloc(v, last, &last);
		if (!rc && i == 0)
			n->e.first_cluster = last;
	}
	if (rc)
		cut_chain(v, n, have);
	return rc;
}

static int zero_fill(struct fat_volume *v, struct fat_node *n, uint32_t from, uint32_t to)
{
	static const uint8_t zeros[SECTOR];
	int rc = 0;
	for (uint32_t off = from; !rc && off < to;) {
		uint32_t len = to - off < SECTOR - off % SECTOR ? to - off : SECTOR - off % SECTOR;
		rc = chain_io(v, n->e.first_cluster, off, (uint8_t *)zeros, len, true);
		off += len;
	}
	return rc;
}

int fat_file_write(struct fat_volume *v, struct fat_node *n, uint32_t off, const void *buf, uint32_t len)
{
	uint64_t end = (uint64_t)off + len;
	if (len == 0)
		return 0;
	if (end > 0xFFFFFFFFu || len > INT32_MAX)
		return -E_NOSPC;   /* FAT sizes are 32-bit */
	uint32_t have = clusters_for(v, n->e.size), need = clusters_for(v, end);
	struct fat_node before = *n;
	int rc = need > have ? grow_chain(v, n, have, need) : 0;
	if (!rc && off > n->e.size)
		rc = zero_fill(v, n, n->e.size, off);
	if (!rc)
		rc = chain_io(v, n->e.first_cluster, off, (uint8_t *)buf, len, true);
	if (!rc && end > n->e.size)
		n->e.size = (uint32_t)end;
	if (!rc && (before.e.size != n->e.size || before.e.first_cluster != n->e.first_cluster))
		rc = fat_dir_store(v, n);
	if (rc && need > have) {   /* give the new clusters back: nothing changed */
		cut_chain(v, n, have);
		*n = before;
	}
	return rc ? rc : (int)len;
}

int fat_file_truncate(struct fat_volume *v, struct fat_node *n, uint32_t size)
{
	if (size > n->e.size) {
		uint32_t have = clusters_for(v, n->e.size), need = clusters_for(v, size);
		int rc = need > have ? grow_chain(v, n, have, need) : 0;
		if (!rc)
			rc = zero_fill(v, n, n->e.size, size);
		if (rc)
			return rc;
	} else if (size < n->e.size) {
		int rc = cut_chain(v, n, clusters_for(v, size));
		if (rc)
			return rc;
	}
	n->e.size = size;
	return fat_dir_store(v, n);
}
