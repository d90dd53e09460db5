/*
 * fs/fat/dir_add.c - adding a name to a FAT directory (see volume.h): the
 * name is stored as a short entry alone when it fits 8.3, otherwise as
 * long-name pieces followed by a unique alias; room is the first run of
 * free slots, and a chained directory grows by a zeroed cluster when it
 * has none (FAT16's fixed root cannot: -E_NOSPC).
 */
#include "fs/fat/volume.h"
#include "fs/cache/bcache.h"
#include "lib/string.h"
#include "mm/kheap.h"

#define ALIAS_TRIES 1000u   /* "~1" .. "~1000", then the directory counts as full */

/* Today's date for new entries: mendax has no real-time clock, so every
 * entry carries this fixed one (2026-12-01, 12:00). */
#define FAT_FIXED_DATE ((uint16_t)((2026 - 1980) << 9 | 12 << 5 | 1))
#define FAT_FIXED_TIME ((uint16_t)(12 << 11))

/* True when a short entry of dir already uses raw. */
static int alias_taken(struct fat_volume *v, struct fat_dir dir, const uint8_t raw[11])
{
	uint8_t e[FAT_DIRENT_SIZE];
	for (uint32_t i = 0;; i++) {
		int rc = fat_dir_read_slot(v, dir, i, e);
		if (rc)
			return rc > 0 ? 0 : rc;
		enum fat_slot slot = fat_dirent_classify(e);
		if (slot == FAT_SLOT_END)
			return 0;
		if (slot == FAT_SLOT_SHORT && !memcmp(e, raw, 11))
			return 1;
	}
}

static int unique_alias(struct fat_volume *v, struct fat_dir dir, const char *name, uint8_t raw[11])
{
	for (unsigned n = 1; n <= ALIAS_TRIES; n++) {
		int rc = fat_short_alias(name, n, raw);
		if (!rc)
			rc = alias_taken(v, dir, raw);
		if (rc <= 0)
			return rc;
	}
	return -E_NOSPC;
}

/* Appends a zeroed cluster to a chained directory. */
static int grow(struct fat_volume *v, struct fat_dir dir)
{
	uint32_t last = dir.first_cluster, next, c;
	for (uint32_t i = 0; i <= v->g.cluster_count; i++) {
		int rc = fat_chain_next(v, last, &next);
		if (rc)
			return rc;
		if (!next) {
			rc = fat_cluster_alloc(v, last, &c);
			return rc ? rc : fat_cluster_zero(v, c);
		}
		last = next;
	}
	return -E_IO;
}

/* The first run of need free slots (deleted, or at and after the end
 * marker), growing the directory when it is full. */
static int find_room(struct fat_volume *v, struct fat_dir dir, uint32_t need, uint32_t *start)
{
	uint8_t e[FAT_DIRENT_SIZE];
	uint32_t run = 0;
	bool after_end = false;
	for (uint32_t i = 0;; i++) {
		int rc = fat_dir_read_slot(v, dir, i, e);
		if (rc > 0) {   /* past the last slot: grow, then read the new one */
			rc = dir.first_cluster ? grow(v, dir) : -E_NOSPC;
			if (!rc)
				rc = fat_dir_read_slot(v, dir, i, e);
			if (rc > 0)
				rc = -E_IO;
		}
		if (rc)
			return rc;
		enum fat_slot slot = fat_dirent_classify(e);
		after_end |= slot == FAT_SLOT_END;
		run = after_end || slot == FAT_SLOT_FREE ? run + 1 : 0;
		if (run == need) {
			*start = i + 1 - need;
			return 0;
		}
	}
}

static int write_entries(struct fat_volume *v, struct fat_dir dir, uint32_t start,
			 uint8_t (*lfn)[FAT_DIRENT_SIZE], int n_lfn, struct fat_node *node)
{
	for (int k = 0; k < n_lfn; k++) {
		int rc = fat_dir_write_slot(v, dir, start + (uint32_t)k, lfn[k]);
		if (rc)
			return rc;
	}
	node->parent = dir;
	node->first_slot = start;
	node->slot = start + (uint32_t)n_lfn;
	return fat_dir_store(v, node);
}

static int check_name(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || !strcmp(name, ".") || !strcmp(name, ".."))
		return -E_INVAL;
	return len > FAT_NAME_UTF8_MAX ? -E_NAMETOOLONG : 0;
}

int fat_dir_add(struct fat_volume *v, struct fat_dir dir, const char *name, uint8_t attr,
		struct fat_node *out)
{
	int rc = check_name(name);
	if (rc)
		return rc;
	rc = fat_dir_lookup(v, dir, name, out);
	if (rc != -E_NOENT)
		return rc ? rc : -E_EXIST;
	*out = (struct fat_node){ .e = { .attr = attr, .mtime = FAT_FIXED_TIME, .mdate = FAT_FIXED_DATE } };
	uint8_t (*lfn)[FAT_DIRENT_SIZE] = kmalloc(FAT_LFN_MAX_ENTRIES * FAT_DIRENT_SIZE);
	if (!lfn)
		return -E_NOMEM;
	int n_lfn = 0;
	if (!fat_name_is_short(name, out->e.raw, &out->e.nt_case)) {
		out->e.nt_case = 0;
		rc = unique_alias(v, dir, name, out->e.raw);
		n_lfn = rc ? rc : fat_lfn_build(name, out->e.raw, lfn);
	}
	uint32_t start = 0;
	rc = n_lfn < 0 ? n_lfn : find_room(v, dir, (uint32_t)n_lfn + 1, &start);
	if (!rc)
		rc = write_entries(v, dir, start, lfn, n_lfn, out);
	kfree(lfn);
	return rc;
}
