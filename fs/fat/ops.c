/*
 * fs/fat/ops.c - operations on names of a FAT volume (see volume.h):
 * mkdir with its "." and ".." entries, rmdir of empty directories, unlink,
 * rename. Each checks everything it can before changing anything, and
 * orders its writes so that an interruption leaves at worst a lost
 * cluster or a second name, never a name pointing at freed clusters.
 */
#include "fs/fat/volume.h"
#include "lib/string.h"

static bool is_dir(const struct fat_node *n) { return n->e.attr & FAT_ATTR_DIRECTORY; }

/* The cluster a ".." entry names for parent: 0 for the root (FAT spec 6.7). */
static uint32_t dotdot_cluster(const struct fat_volume *v, struct fat_dir parent)
{
	return parent.first_cluster == fat_root(v).first_cluster ? 0 : parent.first_cluster;
}

static int write_dot(struct fat_volume *v, uint32_t cluster, uint32_t slot, const char *raw,
		     uint32_t target, const struct fat_node *like)
{
	struct fat_node dot = { .parent = { cluster }, .slot = slot, .first_slot = slot, .e = like->e };
	memcpy(dot.e.raw, raw, 11);
	dot.e.attr = FAT_ATTR_DIRECTORY;
	dot.e.nt_case = 0;
	dot.e.first_cluster = target;
	dot.e.size = 0;
	return fat_dir_store(v, &dot);
}

int fat_mkdir(struct fat_volume *v, struct fat_dir dir, const char *name, struct fat_node *out)
{
	uint32_t c;
	int rc = fat_cluster_alloc(v, 0, &c);
	if (rc)
		return rc;
	rc = fat_cluster_zero(v, c);
	if (!rc)
		rc = fat_dir_add(v, dir, name, FAT_ATTR_DIRECTORY, out);
	if (!rc) {
		out->e.first_cluster = c;
		rc = write_dot(v, c, 0, ".          ", c, out);
	}
	if (!rc)
		rc = write_dot(v, c, 1, "..         ", dotdot_cluster(v, dir), out);
	if (!rc)
		return fat_dir_store(v, out);   /* the name points at the cluster last */
	fat_chain_free(v, c);
	return rc;
}

int fat_rmdir(struct fat_volume *v, const struct fat_node *n)
{
	if (!is_dir(n))
		return -E_NOTDIR;
	int empty = fat_dir_is_empty(v, fat_node_dir(n));
	if (empty <= 0)
		return empty < 0 ? empty : -E_NOTEMPTY;
	int rc = fat_dir_remove(v, n);   /* the name goes first, then its clusters */
	return rc ? rc : fat_chain_free(v, n->e.first_cluster);
}

int fat_unlink(struct fat_volume *v, const struct fat_node *n)
{
	if (is_dir(n))
		return -E_ISDIR;
	int rc = fat_dir_remove(v, n);
	return rc ? rc : fat_chain_free(v, n->e.first_cluster);
}

/* A directory moved to another parent: its ".." names the new one. */
static int fix_dotdot(struct fat_volume *v, const struct fat_node *n, struct fat_dir to)
{
	uint8_t e[FAT_DIRENT_SIZE];
	struct fat_node dotdot = { .parent = fat_node_dir(n), .slot = 1, .first_slot = 1 };
	int rc = fat_dir_read_slot(v, dotdot.parent, 1, e);
	if (rc)
		return rc > 0 ? -E_IO : rc;
	fat_dirent_decode(e, &dotdot.e);
	if (memcmp(dotdot.e.raw, "..         ", 11))
		return -E_IO;   /* a directory without its ".." entry */
	dotdot.e.first_cluster = dotdot_cluster(v, to);
	return fat_dir_store(v, &dotdot);
}

int fat_rename(struct fat_volume *v, const struct fat_node *n, struct fat_dir to, const char *new_name)
{
	struct fat_node moved;
	bool elsewhere = to.first_cluster != n->parent.first_cluster;
	if (elsewhere && is_dir(n) && to.first_cluster == n->e.first_cluster)
		return -E_INVAL;   /* into itself */
	int rc = fat_dir_add(v, to, new_name, n->e.attr, &moved);
	if (rc)
		return rc;
	uint8_t raw[11], nt = moved.e.nt_case;
	memcpy(raw, moved.e.raw, 11);
	moved.e = n->e;
	memcpy(moved.e.raw, raw, 11);
	moved.e.nt_case = nt;
	rc = fat_dir_store(v, &moved);   /* both names now: then the old one goes */
	if (!rc && is_dir(n) && elsewhere)
		rc = fix_dotdot(v, n, to);
	return rc ? rc : fat_dir_remove(v, n);
}
