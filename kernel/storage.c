/*
 * kernel/storage.c - the file system root at boot: after the boards have
 * registered their disks (board_storage_init), the first partition that
 * holds a FAT volume is mounted as "/", and every other FAT partition
 * whose mount point /mnt/<device> is a directory there is mounted on it
 * (the test disks have such directories: scripts/mkdisk-test.sh). A
 * volume whose boot sector is refused stays unmounted, with fat's reason
 * on the console. Without a root, mendax runs from its RAM archive alone.
 */
#include "kernel/storage.h"
#include "drivers/block/block.h"
#include "fs/cache/bcache.h"
#include "fs/fat/fat_vfs.h"
#include "fs/part/mbr.h"
#include "kernel/fs_lock.h"
#include "lib/kprintf.h"
#include "kernel/proc.h"
#include "lib/string.h"
#include "fs/vfs/vfs.h"
#include "mm/pcache.h"

static bool fat_type(uint8_t t)
{
	return t == MBR_TYPE_FAT16_CHS || t == MBR_TYPE_FAT16_LBA || t == MBR_TYPE_FAT32_CHS ||
	       t == MBR_TYPE_FAT32_LBA || t == 0x04;
}

static bool try_mount(struct block_device *dev)
{
	struct vfs_mount *m;
	if (fat_vfs_mount(dev, &m))
		return false;
	if (vfs_mount_root(m)) {
		vfs_node_put(m->root);
		fat_vfs_unmount(m);
		return false;
	}
	kprintf("vfs: / is the FAT volume on %s\n", dev->name);
	return true;
}

/* The directory /mnt/<name> on the root, referenced, or NULL. */
static struct vfs_node *mount_point(const char *name)
{
	char path[40] = "/mnt/";
	struct vfs_node *dir;
	if (strlen(name) + 6 > sizeof path)
		return NULL;
	memcpy(path + 5, name, strlen(name) + 1);
	if (vfs_open(NULL, path, VFS_O_RDONLY | VFS_O_DIRECTORY, &dir))
		return NULL;
	return dir;
}

static void mount_on(struct vfs_node *dir, struct block_device *dev)
{
	struct vfs_mount *m;
	if (fat_vfs_mount(dev, &m))
		return;     /* fat said why */
	if (vfs_mount_at(dir, m)) {
		vfs_node_put(m->root);
		fat_vfs_unmount(m);
		return;
	}
	kprintf("vfs: /mnt/%s is the FAT volume on %s\n", dev->name, dev->name);
}

static void mount_others(struct block_device *root)
{
	for (unsigned i = 0; block_at(i); i++) {
		struct block_device *d = block_at(i);
		if (d == root || !d->whole || !fat_type(d->part_type))
			continue;
		struct vfs_node *dir = mount_point(d->name);
		if (dir)
			mount_on(dir, d);
		vfs_node_put(dir);
	}
}

void storage_mount_root(void)
{
	for (unsigned i = 0; block_at(i); i++) {
		struct block_device *d = block_at(i);
		if (d->whole && fat_type(d->part_type) && try_mount(d)) {
			mount_others(d);
			return;
		}
	}
	kprintf("vfs: no FAT partition found: programs come from the RAM archive only\n");
}

/* Sync first: a dirty page or buffer is never dropped, so what stays after
 * a failed sync is only what could not be written. */
int storage_drop_caches(void)
{
	if (sched_can_sleep())
		fs_lock();
	else if (!fs_trylock())
		return -E_AGAIN;   /* the idle context with a sleeper inside a file system */
	int rc = vfs_sync_all();
	uint32_t freed = pcache_drop_clean();
	unsigned cached, dirty;
	bcache_counts(&cached, &dirty);
	for (unsigned i = 0; cached && block_at(i); i++)
		bcache_drop(block_at(i));
	fs_unlock();
	return rc ? rc : (int)freed;
}
