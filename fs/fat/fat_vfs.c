/*
 * fs/fat/fat_vfs.c - FAT behind the VFS (fs/vfs/vfs.h): a node per file or
 * directory, identified by where its entry is (files) or by its first
 * cluster (directories, so "a/.." and "." meet the same node), and the
 * vfs_ops that map onto fs/fat/volume.h. A file unlinked while open loses
 * its name at once and its clusters when the last reference goes.
 */
#include "fs/fat/fat_vfs.h"
#include "fs/fat/volume.h"
#include "lib/string.h"
#include "mm/kheap.h"

struct fat_vnode {
	struct vfs_node vn;
	struct fat_node fn;
};

#define DIR_KEY (1ull << 63)
#define GONE_KEY (1ull << 62)   /* an unlinked file still open: a key nothing looks up */

static struct fat_vnode *fv(struct vfs_node *n) { return (struct fat_vnode *)n; }
static struct fat_volume *vol(struct vfs_node *n) { return n->mnt->fs; }
static bool fn_is_dir(const struct fat_node *fn) { return fn->e.attr & FAT_ATTR_DIRECTORY; }
static struct fat_dir dir_of(struct vfs_node *n) { return fat_node_dir(&fv(n)->fn); }

static uint64_t key_of(const struct fat_node *fn)
{
	if (fn_is_dir(fn))
		return DIR_KEY | fn->e.first_cluster;
	return (uint64_t)fn->parent.first_cluster << 32 | fn->slot;
}

/* The live node for fn, or a new one. Its data is read and written only
 * through the page cache's pager (fs/vfs/pager.c): read and write move
 * bytes inside the size, truncate sets the size. */
static int obtain(struct vfs_mount *m, const struct fat_node *fn, struct vfs_node **out)
{
	*out = vfs_node_find(m, key_of(fn));
	if (*out)
		return 0;
	struct fat_vnode *n = kmalloc(sizeof *n);
	if (!n)
		return -E_NOMEM;
	n->vn = (struct vfs_node){ .mnt = m, .type = fn_is_dir(fn) ? VFS_DIR : VFS_REG, .key = key_of(fn),
				   .fs_node = &n->fn };
	n->fn = *fn;
	fat_node_forget_memo(&n->fn);
	vfs_node_add(&n->vn);
	*out = &n->vn;
	return 0;
}

/* "..": the directory slot 1 names (cluster 0 means the root). */
static int lookup_dotdot(struct vfs_node *dir, struct vfs_node **out)
{
	struct fat_volume *v = vol(dir);
	uint8_t e[FAT_DIRENT_SIZE];
	int rc = fat_dir_read_slot(v, dir_of(dir), 1, e);
	if (rc)
		return rc > 0 ? -E_IO : rc;
	struct fat_node fn = { .detached = true };   /* reached without its own entry */
	fat_dirent_decode(e, &fn.e);
	if (memcmp(fn.e.raw, "..         ", 11))
		return -E_IO;
	if (fn.e.first_cluster == 0)
		return *out = vfs_node_get(dir->mnt->root), 0;
	return obtain(dir->mnt, &fn, out);
}

static int fat_vfs_lookup(struct vfs_node *dir, const char *name, struct vfs_node **out)
{
	if (!strcmp(name, ".."))
		return lookup_dotdot(dir, out);
	struct fat_node fn;
	int rc = fat_dir_lookup(vol(dir), dir_of(dir), name, &fn);
	return rc ? rc : obtain(dir->mnt, &fn, out);
}

static int fat_vfs_create(struct vfs_node *dir, const char *name, enum vfs_type type, struct vfs_node **out)
{
	struct fat_node fn;
	int rc = type == VFS_DIR ? fat_mkdir(vol(dir), dir_of(dir), name, &fn)
				 : fat_dir_add(vol(dir), dir_of(dir), name, FAT_ATTR_ARCHIVE, &fn);
	return rc ? rc : obtain(dir->mnt, &fn, out);
}

static int fat_vfs_read(struct vfs_node *n, uint32_t off, void *buf, uint32_t len)
{
	return fat_file_read(vol(n), &fv(n)->fn, off, buf, len);
}

static int fat_vfs_write(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len)
{
	return fat_file_write_data(vol(n), &fv(n)->fn, off, buf, len);
}

static int fat_vfs_truncate(struct vfs_node *n, uint32_t size)
{
	return fat_file_truncate(vol(n), &fv(n)->fn, size);
}

static int fat_vfs_readdir(struct vfs_node *dir, uint32_t *cookie, struct vfs_dirent *out)
{
	char *name = kmalloc(FAT_NAME_UTF8_MAX + 1);
	struct fat_node fn;
	int rc = name ? fat_dir_next(vol(dir), dir_of(dir), cookie, name, &fn) : -E_NOMEM;
	if (rc == 1 && strlen(name) > VFS_NAME_MAX)
		rc = -E_NAMETOOLONG;
	if (rc == 1) {
		memcpy(out->name, name, strlen(name) + 1);
		out->type = fn_is_dir(&fn) ? VFS_DIR : VFS_REG;
		out->size = fn.e.size;
	}
	kfree(name);
	return rc;
}

/* A file still open keeps its clusters until its last reference goes. */
static int unlink_file(struct vfs_node *dir, struct fat_node *fn)
{
	struct vfs_node *open = vfs_node_find(dir->mnt, key_of(fn));
	if (!open)
		return fat_unlink(vol(dir), fn);
	int rc = fat_dir_remove(vol(dir), fn);
	if (!rc) {
		/* Its directory slot may name a new file now: that one must
		 * not be found as this node (a program still running from the
		 * old file would see the new one's bytes). */
		static uint64_t gone;
		fv(open)->fn.detached = true;
		open->key = GONE_KEY | gone++;
	}
	vfs_node_put(open);
	return rc;
}

static int fat_vfs_unlink(struct vfs_node *dir, const char *name, bool is_dir)
{
	struct fat_node fn;
	int rc = fat_dir_lookup(vol(dir), dir_of(dir), name, &fn);
	if (rc)
		return rc;
	if (fn_is_dir(&fn) != is_dir)
		return is_dir ? -E_NOTDIR : -E_ISDIR;
	return is_dir ? fat_rmdir(vol(dir), &fn) : unlink_file(dir, &fn);
}

/* After a rename an open file's entry has moved: its node follows. */
static void follow_rename(struct vfs_node *to_dir, const char *to, uint64_t old_key)
{
	struct vfs_node *open = vfs_node_find(to_dir->mnt, old_key);
	struct fat_node fn;
	if (open && fat_dir_lookup(vol(to_dir), dir_of(to_dir), to, &fn) == 0) {
		fv(open)->fn = fn;   /* the new entry: its place and its short name */
		open->key = key_of(&fn);
	}
	vfs_node_put(open);
}

static int fat_vfs_rename(struct vfs_node *from_dir, const char *from, struct vfs_node *to_dir, const char *to)
{
	struct fat_node fn;
	int rc = fat_dir_lookup(vol(from_dir), dir_of(from_dir), from, &fn);
	if (rc)
		return rc;
	uint64_t old_key = key_of(&fn);
	rc = fat_rename(vol(from_dir), &fn, dir_of(to_dir), to);
	if (!rc && !fn_is_dir(&fn))
		follow_rename(to_dir, to, old_key);
	return rc;
}

static int fat_vfs_stat(struct vfs_node *n, struct vfs_stat *out)
{
	const struct fat_node *fn = &fv(n)->fn;
	*out = (struct vfs_stat){ .type = n->type, .size = n->type == VFS_DIR ? 0 : fn->e.size,
				  .mdate = fn->e.mdate, .mtime = fn->e.mtime };
	return 0;
}

static int fat_vfs_sync(struct vfs_mount *m)
{
	return fat_sync(m->fs);
}

static void fat_vfs_release(struct vfs_node *n)
{
	struct fat_node *fn = &fv(n)->fn;
	if (fn->detached && !fn_is_dir(fn) && n != n->mnt->root)
		fat_chain_free(vol(n), fn->e.first_cluster);
	kfree(fv(n));
}

static const struct vfs_ops fat_vfs_ops = {
	.lookup = fat_vfs_lookup, .create = fat_vfs_create, .read = fat_vfs_read,
	.write = fat_vfs_write, .truncate = fat_vfs_truncate, .readdir = fat_vfs_readdir,
	.unlink = fat_vfs_unlink, .rename = fat_vfs_rename, .stat = fat_vfs_stat,
	.sync = fat_vfs_sync, .release = fat_vfs_release,
};

int fat_vfs_mount(struct block_device *dev, struct vfs_mount **out)
{
	struct vfs_mount *m = kmalloc(sizeof *m);
	struct fat_volume *v = kmalloc(sizeof *v);
	int rc = m && v ? fat_mount(dev, v) : -E_NOMEM;
	struct fat_node root = { .detached = true, .e = { .attr = FAT_ATTR_DIRECTORY } };
	if (!rc) {
		root.e.first_cluster = fat_root(v).first_cluster;
		*m = (struct vfs_mount){ .ops = &fat_vfs_ops, .fs = v, .source = dev->name };
		rc = obtain(m, &root, &m->root);
	}
	if (rc) {
		kfree(m);
		kfree(v);
		return rc;
	}
	*out = m;
	return 0;
}

void fat_vfs_unmount(struct vfs_mount *m)
{
	kfree(m->fs);
	kfree(m);
}
