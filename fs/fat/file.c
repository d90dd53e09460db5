/*
 * fs/fat/file.c - file data on a FAT volume (see volume.h). Data sectors go
 * straight between the caller's buffer (a page-cache frame, for the VFS)
 * and the block device, whole sectors at a time where the range allows;
 * only a partial sector goes through a one-sector bounce buffer. FAT has no
 * index but the chain: each node remembers the last cluster a transfer
 * reached (fat_node.memo_k/memo_c), so sequential page-by-page transfers
 * step one link per cluster instead of walking from the start every time;
 * every walk is bounded by the volume's cluster count.
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

void fat_node_forget_memo(struct fat_node *n)
{
	n->memo_k = n->memo_c = 0;
}

/* Cluster k of n's chain, from the memo when it is at or before k. */
static int seek(struct fat_volume *v, struct fat_node *n, uint32_t k, uint32_t *out)
{
	if (!n->memo_c || n->memo_k > k)
		return fat_chain_seek(v, n->e.first_cluster, k, out);
	if (k - n->memo_k > v->g.cluster_count)
		return -E_IO;
	return fat_chain_seek(v, n->memo_c, k - n->memo_k, out);
}

/* Moves len bytes at off of n's chain (which covers them). */
static int chain_io(struct fat_volume *v, struct fat_node *n, uint32_t off, uint8_t *buf, uint32_t len,
		    bool write)
{
	uint32_t cb = cluster_bytes(v), c, k = off / cb;
	int rc = seek(v, n, k, &c);
	for (off %= cb; !rc && len;) {
		uint32_t step = len < cb - off ? len : cb - off;
		rc = cluster_io(v, c, off, buf, step, write);
		n->memo_k = k, n->memo_c = rc ? 0 : c;
		buf += step, len -= step, off = 0;
		if (!rc && len) {
			rc = fat_chain_next(v, c, &c);
			k++;
			if (!rc && !c)
				rc = -E_IO;   /* the chain ends before the data does */
		}
	}
	return rc;
}

int fat_file_read(struct fat_volume *v, struct fat_node *n, uint32_t off, void *buf, uint32_t len)
{
	if (off >= n->e.size || len == 0)
		return 0;
	if (len > n->e.size - off)
		len = n->e.size - off;
	if (len > INT32_MAX)
		len = INT32_MAX;
	int rc = chain_io(v, n, off, buf, len, false);
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
	fat_node_forget_memo(n);
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
		rc = chain_io(v, n, off, (uint8_t *)zeros, len, true);
		off += len;
	}
	return rc;
}

/* Sets n's size (clusters grown or cut to fit it) and stores the entry;
 * the bytes a growth adds are left as the clusters hold them. */
static int resize(struct fat_volume *v, struct fat_node *n, uint32_t size)
{
	uint32_t have = clusters_for(v, n->e.size), need = clusters_for(v, size);
	struct fat_node before = *n;
	int rc = need > have ? grow_chain(v, n, have, need) : need < have ? cut_chain(v, n, need) : 0;
	if (rc)
		return rc;
	n->e.size = size;
	rc = fat_dir_store(v, n);
	if (rc && need > have) {   /* the entry could not say so: give the clusters back */
		cut_chain(v, n, have);
		*n = before;
		fat_node_forget_memo(n);
	}
	return rc;
}

int fat_file_write_data(struct fat_volume *v, struct fat_node *n, uint32_t off, const void *buf, uint32_t len)
{
	if (len == 0)
		return 0;
	if (off > n->e.size || len > n->e.size - off || len > INT32_MAX)
		return -E_INVAL;   /* outside the clusters the size covers */
	int rc = chain_io(v, n, off, (uint8_t *)buf, len, true);
	return rc ? rc : (int)len;
}

int fat_file_write(struct fat_volume *v, struct fat_node *n, uint32_t off, const void *buf, uint32_t len)
{
	uint64_t end = (uint64_t)off + len;
	if (len == 0)
		return 0;
	if (end > 0xFFFFFFFFu || len > INT32_MAX)
		return -E_NOSPC;   /* FAT sizes are 32-bit */
	struct fat_node before = *n;
	int rc = end > n->e.size ? resize(v, n, (uint32_t)end) : 0;
	if (!rc && off > before.e.size)
		rc = zero_fill(v, n, before.e.size, off);
	if (!rc)
		rc = fat_file_write_data(v, n, off, buf, len);
	if (rc < 0 && end > before.e.size) {   /* give the new clusters back: nothing changed */
		resize(v, n, before.e.size);
		*n = before;
		fat_node_forget_memo(n);
	}
	return rc < 0 ? rc : (int)len;
}

int fat_file_truncate(struct fat_volume *v, struct fat_node *n, uint32_t size)
{
	return size == n->e.size ? 0 : resize(v, n, size);
}
