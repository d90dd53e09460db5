/*
 * fs/vfs/node.c - the root mount and the list of live nodes (see vfs.h):
 * a file open twice, or reached by two paths, is one node, so everyone
 * sees the same size and (later) the same cached pages. A node lives
 * while it has references; the last put hands it back to its file system.
 */
#include "fs/vfs/vfs.h"

static struct vfs_mount *root_mount;
static struct vfs_node *live;
static unsigned live_count;

int vfs_mount_root(struct vfs_mount *m)
{
	if (root_mount || !m->root)
		return -E_INVAL;
	root_mount = m;
	return 0;
}

int vfs_unmount_root(struct vfs_mount **out)
{
	if (!root_mount)
		return -E_NOENT;
	if (live_count != 1 || root_mount->root->refs != 1)
		return -E_AGAIN;
	int rc = vfs_sync_all();
	if (rc)
		return rc;
	*out = root_mount;
	root_mount = NULL;
	vfs_node_put((*out)->root);
	return 0;
}

struct vfs_node *vfs_root(void)
{
	return root_mount ? vfs_node_get(root_mount->root) : NULL;
}

int vfs_sync_all(void)
{
	/* Cached pages first (a mapping's dirty pages: fsync, sync, halt),
	 * then the file system's own metadata. */
	int first = 0;
	for (struct vfs_node *n = live; n; n = n->next) {
		int e = n->pages.pages ? pcache_object_sync(&n->pages) : 0;
		if (e && !first)
			first = e;
	}
	int rc = root_mount ? root_mount->ops->sync(root_mount) : 0;
	return first ? first : rc;
}

struct vfs_node *vfs_node_get(struct vfs_node *n)
{
	n->refs++;
	return n;
}

static void unlink_live(struct vfs_node *n)
{
	for (struct vfs_node **p = &live; *p; p = &(*p)->next)
		if (*p == n) {
			*p = n->next;
			live_count--;
			return;
		}
}

void vfs_node_put(struct vfs_node *n)
{
	if (!n || --n->refs)
		return;
	unlink_live(n);
	vfs_pager_detach(n);
	n->mnt->ops->release(n);
}

struct vfs_node *vfs_node_find(struct vfs_mount *m, uint64_t key)
{
	for (struct vfs_node *n = live; n; n = n->next)
		if (n->mnt == m && n->key == key)
			return vfs_node_get(n);
	return NULL;
}

void vfs_node_add(struct vfs_node *n)
{
	n->refs = 1;
	vfs_pager_attach(n);
	n->next = live;
	live = n;
	live_count++;
}

unsigned vfs_node_count(void)
{
	return live_count;
}
