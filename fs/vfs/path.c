/*
 * fs/vfs/path.c - turning paths into nodes (see vfs.h): one component at a
 * time from the root or the working directory, "." and ".." handled here
 * for the root and by the file system below it, every name and path
 * length checked before anything is looked up.
 */
#include "fs/vfs/vfs.h"
#include "lib/string.h"
#include "mm/kheap.h"

/* The next component of *p into name: its length, 0 at the end of the
 * path, or -E_NAMETOOLONG. */
static int next_component(const char **p, char name[VFS_NAME_MAX + 1])
{
	const char *s = *p;
	while (*s == '/')
		s++;
	size_t len = 0;
	while (s[len] && s[len] != '/')
		len++;
	if (len > VFS_NAME_MAX)
		return -E_NAMETOOLONG;
	memcpy(name, s, len);
	name[len] = 0;
	*p = s + len;
	return (int)len;
}

/* ".." at the root of a mount on a directory goes on from that directory
 * (whose own ".." its file system knows); ".." at "/" stays there. */
static bool dotdot_at_mount_root(struct vfs_node **at)
{
	while (*at == (*at)->mnt->root) {
		struct vfs_node *covered = (*at)->mnt->covered;
		if (!covered)
			return true;
		vfs_node_put(*at);
		*at = vfs_node_get(covered);
	}
	return false;
}

/* A directory something is mounted on stands for that mount's root. */
static struct vfs_node *cross_mounts(struct vfs_node *n)
{
	struct vfs_mount *m;
	while ((m = vfs_mount_on(n))) {
		struct vfs_node *root = vfs_node_get(m->root);
		vfs_node_put(n);
		n = root;
	}
	return n;
}

/* Moves *at one name down (or up, for ".."). */
static int step(struct vfs_node **at, const char *name)
{
	struct vfs_node *next;
	if ((*at)->type != VFS_DIR)
		return -E_NOTDIR;
	if (!strcmp(name, ".") || (!strcmp(name, "..") && dotdot_at_mount_root(at)))
		return 0;
	int rc = (*at)->mnt->ops->lookup(*at, name, &next);
	if (rc)
		return rc;
	vfs_pager_name_from(next, name);
	vfs_node_put(*at);
	*at = cross_mounts(next);
	return 0;
}

static int start(struct vfs_node *cwd, const char *path, struct vfs_node **at)
{
	if (!path[0])
		return -E_NOENT;
	if (strlen(path) >= VFS_PATH_MAX)
		return -E_NAMETOOLONG;
	*at = path[0] == '/' || !cwd ? vfs_root() : vfs_node_get(cwd);
	return *at ? 0 : -E_NOENT;
}

/* Walks every component of path from *at; with stop_before_last, the last
 * one is left in name instead of being looked up. */
static int walk(struct vfs_node **at, const char *path, char *name, bool stop_before_last)
{
	const char *p = path;
	for (;;) {
		int len = next_component(&p, name);
		if (len <= 0)
			return len;
		const char *rest = p;
		while (*rest == '/')
			rest++;
		if (stop_before_last && !*rest)
			return 0;
		int rc = step(at, name);
		if (rc)
			return rc;
	}
}

int vfs_resolve(struct vfs_node *cwd, const char *path, struct vfs_node **out)
{
	struct vfs_node *at;
	int rc = start(cwd, path, &at);
	if (rc)
		return rc;
	char *name = kmalloc(VFS_NAME_MAX + 1);
	rc = name ? walk(&at, path, name, false) : -E_NOMEM;
	kfree(name);
	if (rc)
		vfs_node_put(at);
	else
		*out = at;
	return rc;
}

int vfs_resolve_parent(struct vfs_node *cwd, const char *path, struct vfs_node **dir,
		       char name[VFS_NAME_MAX + 1])
{
	struct vfs_node *at;
	int rc = start(cwd, path, &at);
	if (rc)
		return rc;
	name[0] = 0;
	rc = walk(&at, path, name, true);
	if (!rc && at->type != VFS_DIR)
		rc = -E_NOTDIR;
	if (!rc && (!name[0] || !strcmp(name, ".") || !strcmp(name, "..")))
		rc = -E_INVAL;   /* "/", "a/.", "a/..": no last name to create or remove */
	if (rc)
		vfs_node_put(at);
	else
		*dir = at;
	return rc;
}
