/*
 * fs/fat/dir.c - FAT directories (see volume.h): slots addressed by index,
 * whether the directory is FAT16's fixed root or a cluster chain; lookup
 * and iteration with long names; adding entries (long name, unique 8.3
 * alias, room found or the chain extended) and removing them. A directory
 * is bounded at 65,536 slots (FAT specification 6.4), so a looping chain
 * can never make iteration endless.
 */
#include "fs/fat/volume.h"
#include "fs/cache/bcache.h"
#include "lib/string.h"
#include "mm/kheap.h"

#define DIR_MAX_SLOTS 65536u
#define SLOTS_PER_SECTOR (BCACHE_SECTOR / FAT_DIRENT_SIZE)

/* The k-th cluster of a directory's chain: 0, 1 when the chain has
 * fewer clusters, or -E_IO for a broken chain. Starts from the memo when
 * it is for the same directory and not past k. */
static int dir_cluster(struct fat_volume *v, uint32_t first, uint32_t k, uint32_t *c)
{
	if (!fat_cluster_valid(&v->g, first))
		return -E_IO;
	uint32_t i = 0;
	*c = first;
	if (v->dir_memo.first == first && v->dir_memo.k <= k)
		i = v->dir_memo.k, *c = v->dir_memo.cluster;
	for (; i < k; i++) {
		int rc = fat_chain_next(v, *c, c);
		if (rc || !*c)
			return rc ? rc : 1;
	}
	v->dir_memo.first = first, v->dir_memo.k = k, v->dir_memo.cluster = *c;
	return 0;
}

/* The sector holding slot i of dir: 0, 1 past the directory's last
 * cluster (or the fixed root's end), or an error. */
static int slot_sector(struct fat_volume *v, struct fat_dir dir, uint32_t i, uint32_t *lba)
{
	if (i >= DIR_MAX_SLOTS)
		return -E_IO;
	if (dir.first_cluster == 0) {
		if (i >= v->g.root_entries)
			return 1;
		*lba = v->g.root_dir_start + i / SLOTS_PER_SECTOR;
		return 0;
	}
	uint32_t per_cluster = v->g.sectors_per_cluster * SLOTS_PER_SECTOR, c;
	int rc = dir_cluster(v, dir.first_cluster, i / per_cluster, &c);
	if (rc)
		return rc;
	*lba = fat_cluster_sector(&v->g, c) + (i % per_cluster) / SLOTS_PER_SECTOR;
	return 0;
}

/* Copies slot i into e. Returns 0, 1 past the end, or an error. */
int fat_dir_read_slot(struct fat_volume *v, struct fat_dir dir, uint32_t i, uint8_t e[FAT_DIRENT_SIZE])
{
	uint32_t lba;
	int rc = slot_sector(v, dir, i, &lba);
	if (rc)
		return rc;
	struct bcache_buf *b = bcache_get(v->dev, lba, &rc);
	if (!b)
		return rc;
	memcpy(e, b->data + (i % SLOTS_PER_SECTOR) * FAT_DIRENT_SIZE, FAT_DIRENT_SIZE);
	bcache_put(b);
	return 0;
}

int fat_dir_write_slot(struct fat_volume *v, struct fat_dir dir, uint32_t i, const uint8_t e[FAT_DIRENT_SIZE])
{
	uint32_t lba;
	int rc = slot_sector(v, dir, i, &lba);
	if (rc)
		return rc > 0 ? -E_IO : rc;
	struct bcache_buf *b = bcache_get(v->dev, lba, &rc);
	if (!b)
		return rc;
	memcpy(b->data + (i % SLOTS_PER_SECTOR) * FAT_DIRENT_SIZE, e, FAT_DIRENT_SIZE);
	bcache_mark_dirty(b);
	bcache_put(b);
	return 0;
}

static bool is_dot_entry(const uint8_t raw[11])
{
	return raw[0] == '.' && (raw[1] == ' ' || (raw[1] == '.' && raw[2] == ' '));
}

/* The entry at *cookie or after it, with the name it goes by. */
int fat_dir_next(struct fat_volume *v, struct fat_dir dir, uint32_t *cookie,
		 char name[FAT_NAME_UTF8_MAX + 1], struct fat_node *out)
{
	struct fat_lfn_collector lfn;
	uint8_t e[FAT_DIRENT_SIZE];
	uint32_t lfn_start = 0;
	fat_lfn_reset(&lfn);
	for (uint32_t i = *cookie;; i++) {
		int rc = fat_dir_read_slot(v, dir, i, e);
		if (rc)
			return rc > 0 ? 0 : rc;
		enum fat_slot slot = fat_dirent_classify(e);
		if (slot == FAT_SLOT_END)
			return 0;
		if (slot == FAT_SLOT_LFN) {
			if (e[0] & 0x40)
				lfn_start = i;
			fat_lfn_feed(&lfn, e);
			continue;
		}
		if (slot != FAT_SLOT_SHORT) {
			fat_lfn_reset(&lfn);
			continue;
		}
		*out = (struct fat_node){ .parent = dir, .slot = i, .first_slot = i };
		fat_dirent_decode(e, &out->e);
		if (fat_lfn_take(&lfn, out->e.raw, name))
			out->first_slot = lfn_start;
		else
			fat_short_name_text(out->e.raw, out->e.nt_case, name);
		if (is_dot_entry(out->e.raw))
			continue;
		*cookie = i + 1;
		return 1;
	}
}

static bool same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

int fat_dir_lookup(struct fat_volume *v, struct fat_dir dir, const char *name, struct fat_node *out)
{
	char *found = kmalloc(FAT_NAME_UTF8_MAX + 1), alias[13];   /* 767 bytes: not on the stack */
	uint32_t cookie = 0;
	int rc = found ? 0 : -E_NOMEM;
	for (bool hit = false; !rc && !hit;) {
		int more = fat_dir_next(v, dir, &cookie, found, out);
		if (more <= 0) {
			rc = more ? more : -E_NOENT;
			break;
		}
		fat_short_name_text(out->e.raw, 0, alias);
		hit = same_name(found, name) || same_name(alias, name);
	}
	kfree(found);
	return rc;
}

int fat_dir_store(struct fat_volume *v, const struct fat_node *node)
{
	uint8_t e[FAT_DIRENT_SIZE];
	if (node->detached)
		return 0;
	fat_dirent_encode(e, &node->e);
	return fat_dir_write_slot(v, node->parent, node->slot, e);
}

int fat_dir_remove(struct fat_volume *v, const struct fat_node *node)
{
	uint8_t e[FAT_DIRENT_SIZE];
	for (uint32_t i = node->first_slot; i <= node->slot; i++) {
		int rc = fat_dir_read_slot(v, node->parent, i, e);
		if (rc)
			return rc > 0 ? -E_IO : rc;
		e[0] = 0xE5;
		rc = fat_dir_write_slot(v, node->parent, i, e);
		if (rc)
			return rc;
	}
	return 0;
}

int fat_dir_is_empty(struct fat_volume *v, struct fat_dir dir)
{
	char *name = kmalloc(FAT_NAME_UTF8_MAX + 1);
	struct fat_node node;
	uint32_t cookie = 0;
	int rc = name ? fat_dir_next(v, dir, &cookie, name, &node) : -E_NOMEM;
	kfree(name);
	return rc < 0 ? rc : rc == 0;
}
