/*
 * fs/vfs/ops.c - the operations on paths and nodes (see vfs.h): the
 * checks every file system would otherwise repeat (types, access modes,
 * O_CREAT/O_EXCL/O_TRUNC, one mount only), then one call into the file
 * system that owns the node.
 */
#include "fs/vfs/vfs.h"
#include "lib/string.h"
#include "mm/kheap.h"

static const struct vfs_ops *ops_of(struct vfs_node *n) { return n->mnt->ops; }

/* What to do with the last name of a path, in the directory holding it. */
struct last_name_op {
	bool remove;              /* unlink / rmdir; otherwise create */
	bool dir;                 /* a directory (to remove, or to make) */
	struct vfs_node **out;    /* create: the new node */
};

static int on_last_name(struct vfs_node *cwd, const char *path, const struct last_name_op *op)
{
	struct vfs_node *dir;
	char *name = kmalloc(VFS_NAME_MAX + 1);
	if (!name)
		return -E_NOMEM;
	int rc = vfs_resolve_parent(cwd, path, &dir, name);
	if (!rc) {
		rc = op->remove ? ops_of(dir)->unlink(dir, name, op->dir)
				: ops_of(dir)->create(dir, name, op->dir ? VFS_DIR : VFS_REG, op->out);
		vfs_node_put(dir);
	}
	kfree(name);
	return rc;
}

/* Creates path as type (a regular file for open, a directory for mkdir). */
static int create(struct vfs_node *cwd, const char *path, enum vfs_type type, struct vfs_node **out)
{
	const struct last_name_op op = { .remove = false, .dir = type == VFS_DIR, .out = out };
	return on_last_name(cwd, path, &op);
}

/* The checks of an existing node against the open flags. */
static int open_existing(struct vfs_node *n, uint32_t flags)
{
	bool writes = (flags & VFS_O_ACCMODE) != VFS_O_RDONLY;
	if ((flags & VFS_O_CREAT) && (flags & VFS_O_EXCL))
		return -E_EXIST;
	if (n->type == VFS_DIR && (writes || (flags & VFS_O_TRUNC)))
		return -E_ISDIR;
	if (n->type != VFS_DIR && (flags & VFS_O_DIRECTORY))
		return -E_NOTDIR;
	if ((flags & VFS_O_TRUNC) && writes)
		return vfs_truncate(n, 0);
	return 0;
}

int vfs_open(struct vfs_node *cwd, const char *path, uint32_t flags, struct vfs_node **out)
{
	if ((flags & VFS_O_ACCMODE) == VFS_O_ACCMODE)
		return -E_INVAL;
	int rc = vfs_resolve(cwd, path, out);
	if (rc == -E_NOENT && (flags & VFS_O_CREAT))
		return create(cwd, path, VFS_REG, out);
	if (rc)
		return rc;
	rc = open_existing(*out, flags);
	if (rc)
		vfs_node_put(*out);
	return rc;
}

int vfs_mkdir(struct vfs_node *cwd, const char *path)
{
	struct vfs_node *n;
	int rc = create(cwd, path, VFS_DIR, &n);
	if (!rc)
		vfs_node_put(n);
	return rc;
}

static int remove(struct vfs_node *cwd, const char *path, bool is_dir)
{
	const struct last_name_op op = { .remove = true, .dir = is_dir };
	return on_last_name(cwd, path, &op);
}

int vfs_rmdir(struct vfs_node *cwd, const char *path) { return remove(cwd, path, true); }
int vfs_unlink(struct vfs_node *cwd, const char *path) { return remove(cwd, path, false); }

int vfs_rename(struct vfs_node *cwd, const char *from, const char *to)
{
	struct vfs_node *fdir = NULL, *tdir = NULL;
	char *names = kmalloc(2 * (VFS_NAME_MAX + 1));
	if (!names)
		return -E_NOMEM;
	char *fname = names, *tname = names + VFS_NAME_MAX + 1;
	int rc = vfs_resolve_parent(cwd, from, &fdir, fname);
	if (!rc)
		rc = vfs_resolve_parent(cwd, to, &tdir, tname);
	if (!rc && fdir->mnt != tdir->mnt)
		rc = -E_INVAL;   /* across file systems: copy instead */
	if (!rc)
		rc = ops_of(fdir)->rename(fdir, fname, tdir, tname);
	vfs_node_put(fdir);
	vfs_node_put(tdir);
	kfree(names);
	return rc;
}

int vfs_stat_path(struct vfs_node *cwd, const char *path, struct vfs_stat *out)
{
	struct vfs_node *n;
	int rc = vfs_resolve(cwd, path, &n);
	if (rc)
		return rc;
	rc = vfs_stat(n, out);
	vfs_node_put(n);
	return rc;
}

int vfs_read(struct vfs_node *n, uint32_t off, void *buf, uint32_t len)
{
	if (n->type == VFS_DIR)
		return -E_ISDIR;
	vfs_pager_before_read(n);
	return ops_of(n)->read(n, off, buf, len);
}

int vfs_write(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len)
{
	if (n->type == VFS_DIR)
		return -E_ISDIR;
	int rc = ops_of(n)->write(n, off, buf, len);
	if (rc > 0)
		vfs_pager_after_write(n, off, buf, (uint32_t)rc);
	return rc;
}

int vfs_truncate(struct vfs_node *n, uint32_t size)
{
	if (n->type == VFS_DIR)
		return -E_ISDIR;
	int rc = ops_of(n)->truncate(n, size);
	return rc ? rc : vfs_pager_truncate(n, size);
}

int vfs_stat(struct vfs_node *n, struct vfs_stat *out)
{
	return ops_of(n)->stat(n, out);
}

int vfs_readdir(struct vfs_node *dir, uint32_t *cookie, struct vfs_dirent *out)
{
	return dir->type != VFS_DIR ? -E_NOTDIR : ops_of(dir)->readdir(dir, cookie, out);
}
