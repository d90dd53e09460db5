/*
 * fs/vfs/node.c - the mount table and the list of live nodes (see vfs.h):
 * a file open twice, or reached by two paths, is one node, so everyone
 * sees the same size and (later) the same cached pages. A node lives
 * while it has references; the last put hands it back to its file system.
 */
#include "fs/vfs/vfs.h"

static struct vfs_mount *root_mount;
/* Mounts on directories (vfs_mount_at); unused slots are NULL. Never
 * removed while the system runs: unmounting is for the root only (tests,
 * shutdown). SMP: guarded by the VFS lock with the node list. */
static struct vfs_mount *sub_mounts[VFS_MOUNTS_MAX];
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

struct vfs_mount *vfs_mount_on(const struct vfs_node *n)
{
	for (unsigned i = 0; i < VFS_MOUNTS_MAX; i++)
		if (sub_mounts[i] && sub_mounts[i]->covered == n)
			return sub_mounts[i];
	return NULL;
}

int vfs_mount_at(struct vfs_node *dir, struct vfs_mount *m)
{
	if (!root_mount || !m->root || dir->type != VFS_DIR || dir == dir->mnt->root || vfs_mount_on(dir))
		return -E_INVAL;
	for (unsigned i = 0; i < VFS_MOUNTS_MAX; i++)
		if (!sub_mounts[i]) {
			m->covered = vfs_node_get(dir);
			sub_mounts[i] = m;
			return 0;
		}
	return -E_AGAIN;
}

/* File data first (every live node's dirty pages), then the file
 * systems' metadata, so the entries written last describe data on disk. */
int vfs_sync_all(void)
{
	int first = 0;
	for (struct vfs_node *n = live; n; n = n->next) {
		int rc = vfs_node_sync(n);
		if (rc && !first)
			first = rc;
	}
	int rc = vfs_sync_mounts();
	return first ? first : rc;
}

/* Every mount's metadata; the first error, after trying them all. */
int vfs_sync_mounts(void)
{
	int rc = root_mount ? root_mount->ops->sync(root_mount) : 0;
	for (unsigned i = 0; i < VFS_MOUNTS_MAX; i++) {
		int r = sub_mounts[i] ? sub_mounts[i]->ops->sync(sub_mounts[i]) : 0;
		rc = rc ? rc : r;
	}
	return rc;
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
