/*
 * fs/vfs/pager.c - the pager behind every VFS node (mm/pcache.h's struct
 * pager_ops): the page cache asks for page N of a node, and this reads or
 * writes it through the node's file system (struct vfs_ops read/write), so
 * mm/ never knows what a file system is. This is the one sanctioned edge
 * from mm/ into fs/: a call through a function pointer.
 *
 * Locking: the pager takes the file-system lock (kernel/fs_lock.h) unless
 * the calling context already holds it: the page cache calls it from the
 * fault path (no lock held) and from paths under the lock (the last put of
 * a node writes its pages back). The file system is between operations
 * whenever a pager call can happen under the lock: a fault on user memory
 * comes only from a copy made after a file-system call returned.
 */
#include "fs/vfs/vfs.h"
#include "kernel/fs_lock.h"
#include "mm/vmm.h"
#include "lib/kprintf.h"
#include "lib/string.h"

struct vfs_node *vfs_pager_node(struct pcache_object *obj)
{
	return (struct vfs_node *)((char *)obj - offsetof(struct vfs_node, pages));
}

/* Bytes of page index that lie inside the object. */
static uint32_t bytes_in_page(const struct pcache_object *obj, uint32_t index)
{
	uint32_t off = index * PAGE_SIZE;
	if (off >= obj->size)
		return 0;
	return obj->size - off < PAGE_SIZE ? obj->size - off : PAGE_SIZE;
}

static int node_read_page(struct pcache_object *obj, uint32_t index, void *kva)
{
	struct vfs_node *n = vfs_pager_node(obj);
	uint32_t len = bytes_in_page(obj, index);
	int got = 0;
	if (len) {
		bool took = fs_lock_unless_mine();
		got = n->mnt->ops->read(n, index * PAGE_SIZE, kva, len);
		if (took)
			fs_unlock();
	}
	if (got < 0)
		return got;
	memset((char *)kva + got, 0, PAGE_SIZE - (uint32_t)got);
	return 0;
}

static int node_write_page(struct pcache_object *obj, uint32_t index, const void *kva,
			   uint32_t len)
{
	struct vfs_node *n = vfs_pager_node(obj);
	bool took = fs_lock_unless_mine();
	/* The cache measured len before this lock: a truncate that ran while
	 * it waited may have moved the end, and nothing may land past it. */
	uint32_t off = index * PAGE_SIZE;
	len = off >= obj->size ? 0 : obj->size - off < len ? obj->size - off : len;
	int put = len ? n->mnt->ops->write(n, off, kva, len) : 0;
	if (took)
		fs_unlock();
	if (put < 0)
		return put;
	return (uint32_t)put == len ? 0 : -E_IO;
}

/* A mapping's reference (mm/vmm_backing.c): the node stays while any
 * address space maps it. The last put may write pages back and free the
 * node, so it runs under the file-system lock, taken here unless the
 * caller (a syscall path) already has it. */
static void node_hold(struct pcache_object *obj)
{
	vfs_node_get(vfs_pager_node(obj));
}

static void node_release(struct pcache_object *obj)
{
	bool took = fs_lock_unless_mine();
	vfs_node_put(vfs_pager_node(obj));
	if (took)
		fs_unlock();
}

static void node_name(struct pcache_object *obj, char *buf, uint32_t len)
{
	const char *s = vfs_pager_node(obj)->name;
	uint32_t i = 0;
	for (; len && i < len - 1 && s[i]; i++)
		buf[i] = s[i];
	if (len)
		buf[i] = 0;
}

void vfs_pager_name_from(struct vfs_node *n, const char *name)
{
	uint32_t i = 0;
	for (; i < sizeof n->name - 1 && name[i]; i++)
		n->name[i] = name[i];
	n->name[i] = 0;
}

static const struct pager_ops node_pager = { node_read_page, node_write_page, node_hold,
					      node_release, node_name, NULL };

void vfs_pager_attach(struct vfs_node *n)
{
	struct vfs_stat st = { 0 };
	if (n->type != VFS_REG || n->mnt->ops->stat(n, &st))
		st.size = 0;
	n->pages = (struct pcache_object){ &node_pager, st.size, 0, 0, 0 };
	n->name[0] = 0;
}

void vfs_pager_detach(struct vfs_node *n)
{
	int e = pcache_object_drop(&n->pages, 0, false);
	if (e == 0)
		return;
	kprintf("vfs: %s: cached pages of a released file not written back (error %d); dropped\n",
		n->mnt->source, e);
	pcache_object_drop(&n->pages, 0, true);
}

