/*
 * fs/fat/chain.c - cluster chains (see volume.h): reading and writing FAT
 * entries through the buffer cache (every copy on write, so the copies
 * never disagree), taking and freeing clusters with the free count kept
 * exact. Every walk is bounded by the cluster count, so a looping chain
 * ends in -E_IO instead of a hang.
 */
#include "fs/fat/volume.h"
#include "fs/cache/bcache.h"
#include "lib/string.h"

/* The sector (on the volume) and offset of c's entry in FAT copy. */
static uint32_t entry_sector(const struct fat_volume *v, uint32_t copy, uint32_t c, uint32_t *off)
{
	uint32_t sector;
	fat_entry_locate(&v->g, c, &sector, off);
	return v->g.reserved_sectors + copy * v->g.fat_sectors + sector;
}

int fat_link_get(struct fat_volume *v, uint32_t c, enum fat_link *link, uint32_t *next)
{
	uint32_t off;
	int rc;
	struct bcache_buf *b = bcache_get(v->dev, entry_sector(v, v->g.active_fat, c, &off), &rc);
	if (!b)
		return rc;
	*link = fat_entry_decode(&v->g, b->data + off, next);
	bcache_put(b);
	return 0;
}

int fat_link_set(struct fat_volume *v, uint32_t c, enum fat_link link, uint32_t next)
{
	if (link != FAT_LINK_NEXT)
		v->seek_memo.first = 0;   /* a chain cut or freed here: the memo may lie beyond */
	for (uint32_t copy = 0; copy < v->g.fat_count; copy++) {
		if (!v->g.fat_mirrored && copy != v->g.active_fat)
			continue;
		uint32_t off;
		int rc;
		struct bcache_buf *b = bcache_get(v->dev, entry_sector(v, copy, c, &off), &rc);
		if (!b)
			return rc;
		fat_entry_encode(&v->g, b->data + off, link, next);
		bcache_mark_dirty(b);
		bcache_put(b);
	}
	return 0;
}

int fat_chain_next(struct fat_volume *v, uint32_t c, uint32_t *next)
{
	enum fat_link link;
	int rc = fat_link_get(v, c, &link, next);
	if (rc)
		return rc;
	if (link == FAT_LINK_END) {
		*next = 0;
		return 0;
	}
	return link == FAT_LINK_NEXT ? 0 : -E_IO;
}

int fat_chain_seek(struct fat_volume *v, uint32_t first, uint32_t n, uint32_t *out)
{
	if (!fat_cluster_valid(&v->g, first) || n > v->g.cluster_count)
		return -E_IO;
	uint32_t c = first, i = 0;
	if (v->seek_memo.first == first && v->seek_memo.k <= n)
		i = v->seek_memo.k, c = v->seek_memo.cluster;
	for (; i < n; i++) {
		int rc = fat_chain_next(v, c, &c);
		if (rc || !c)
			return rc ? rc : -E_IO;
	}
	v->seek_memo.first = first, v->seek_memo.k = n, v->seek_memo.cluster = c;
	*out = c;
	return 0;
}

/* The first free cluster from the hint on, wrapping once; 0 if none. */
static int find_free(struct fat_volume *v, uint32_t *out)
{
	uint32_t count = v->g.cluster_count, c = v->next_free;
	for (uint32_t i = 0; i < count; i++, c++) {
		if (!fat_cluster_valid(&v->g, c))
			c = 2;
		enum fat_link link;
		uint32_t next;
		int rc = fat_link_get(v, c, &link, &next);
		if (rc)
			return rc;
		if (link == FAT_LINK_FREE) {
			*out = c;
			return 0;
		}
	}
	return -E_NOSPC;
}

int fat_cluster_alloc(struct fat_volume *v, uint32_t prev, uint32_t *out)
{
	uint32_t c = 0;
	int rc = v->free_clusters ? find_free(v, &c) : -E_NOSPC;
	if (rc)
		return rc;
	/* The new end first, then the link to it: a crash in between leaves
	 * a lost cluster (fsck reclaims it), never a chain into garbage. */
	struct fat_chain_memo keep = v->seek_memo;
	rc = fat_link_set(v, c, FAT_LINK_END, 0);
	v->seek_memo = keep;   /* c was free: in no chain the memo has walked */
	if (!rc && prev)
		rc = fat_link_set(v, prev, FAT_LINK_NEXT, c);
	if (rc) {
		fat_link_set(v, c, FAT_LINK_FREE, 0);   /* a failed allocation takes nothing */
		return rc;
	}
	v->free_clusters--;
	v->next_free = c + 1;
	v->fsinfo_stale = true;
	*out = c;
	return 0;
}

static void forget_cluster(struct fat_volume *v, uint32_t c)
{
	bcache_forget(v->dev, fat_cluster_sector(&v->g, c), v->g.sectors_per_cluster);
}

int fat_chain_free(struct fat_volume *v, uint32_t first)
{
	uint32_t c = first;
	v->dir_memo.first = 0;   /* they may name a cluster about to be free */
	v->seek_memo.first = 0;
	for (uint32_t i = 0; c && i <= v->g.cluster_count; i++) {
		enum fat_link link;
		uint32_t next;
		if (!fat_cluster_valid(&v->g, c))
			return -E_IO;
		int rc = fat_link_get(v, c, &link, &next);
		if (!rc && link != FAT_LINK_NEXT && link != FAT_LINK_END)
			rc = -E_IO;   /* already free, bad, or pointing nowhere: stop here */
		if (!rc)
			rc = fat_link_set(v, c, FAT_LINK_FREE, 0);
		if (rc)
			return rc;
		forget_cluster(v, c);
		v->free_clusters++;
		v->fsinfo_stale = true;
		c = link == FAT_LINK_NEXT ? next : 0;
	}
	return c ? -E_IO : 0;   /* still going after every cluster: a loop */
}

int fat_cluster_zero(struct fat_volume *v, uint32_t c)
{
	uint32_t lba = fat_cluster_sector(&v->g, c);
	for (uint32_t s = 0; s < v->g.sectors_per_cluster; s++) {
		int rc;
		struct bcache_buf *b = bcache_get(v->dev, lba + s, &rc);
		if (!b)
			return rc;
		memset(b->data, 0, BCACHE_SECTOR);
		bcache_mark_dirty(b);
		bcache_put(b);
	}
	return 0;
}
