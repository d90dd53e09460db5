/*
 * tests/fuzz/fuzz_fat_volume.c - the whole FAT stack (buffer cache, mount,
 * chains, directories, files, the VFS) over a hostile image: the input is
 * the start of the volume, the rest reads as zeros. Mounted, every name of
 * two directory levels is listed and read, then a file is created,
 * written, renamed and removed, and the volume synced. Any input must end
 * in results or errors: no crash, no hang, no write outside the image.
 */
#include "drivers/block/block.h"
#include "fs/cache/bcache.h"
#include "fs/fat/fat_vfs.h"
#include <stdlib.h>
#include <string.h>

#define IMAGE_SECTORS (48u * 2048u)   /* 48 MiB: room for a FAT32 volume */

static uint8_t *disk;
static uint32_t dirty_end;   /* sectors below this may be non-zero */

static int img_read(struct block_device *d, uint32_t lba, uint32_t n, void *buf)
{
	(void)d;
	memcpy(buf, disk + (size_t)lba * 512, (size_t)n * 512);
	return 0;
}

static int img_write(struct block_device *d, uint32_t lba, uint32_t n, const void *buf)
{
	(void)d;
	memcpy(disk + (size_t)lba * 512, buf, (size_t)n * 512);
	if (lba + n > dirty_end)
		dirty_end = lba + n;
	return 0;
}

/* The page cache (fs/vfs/pager.c, mm/pcache.c) is not under test here:
 * every node's pager hooks do nothing, and read()/write() reach FAT. */
void vfs_pager_attach(struct vfs_node *n) { (void)n; }
void vfs_pager_detach(struct vfs_node *n) { (void)n; }
void vfs_pager_name_from(struct vfs_node *n, const char *name) { (void)n, (void)name; }
void vfs_pager_before_read(struct vfs_node *n) { (void)n; }
void vfs_pager_after_write(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len)
{
	(void)n, (void)off, (void)buf, (void)len;
}
int vfs_pager_truncate(struct vfs_node *n, uint32_t size) { (void)n, (void)size; return 0; }

static const struct block_ops ops = { img_read, img_write, NULL };
static struct block_device dev = { .name = "fuzz", .sector_size = 512, .sectors = IMAGE_SECTORS, .ops = &ops };

static void read_all(struct vfs_node *dir, int depth)
{
	struct vfs_dirent *d = malloc(sizeof *d);
	static uint8_t buf[8192];
	uint32_t cookie = 0;
	for (int i = 0; i < 200 && vfs_readdir(dir, &cookie, d) == 1; i++) {
		struct vfs_node *n;
		if (dir->mnt->ops->lookup(dir, d->name, &n))
			continue;
		if (n->type == VFS_REG)
			vfs_read(n, 0, buf, sizeof buf);
		else if (depth < 1)
			read_all(n, depth + 1);
		vfs_node_put(n);
	}
	free(d);
}

static void change_things(void)
{
	struct vfs_node *n;
	if (vfs_open(NULL, "/fuzz-made.txt", VFS_O_CREAT | VFS_O_RDWR, &n) == 0) {
		static uint8_t data[3000];
		vfs_write(n, 0, data, sizeof data);
		vfs_node_put(n);
	}
	vfs_mkdir(NULL, "/new dir");
	vfs_rename(NULL, "/fuzz-made.txt", "/new dir/moved file.txt");
	vfs_unlink(NULL, "/new dir/moved file.txt");
	vfs_rmdir(NULL, "/new dir");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!disk)
		disk = calloc(IMAGE_SECTORS, 512);
	if (size > (size_t)IMAGE_SECTORS * 512)
		size = (size_t)IMAGE_SECTORS * 512;
	memcpy(disk, data, size);
	dirty_end = (uint32_t)((size + 511) / 512);
	struct vfs_mount *m;
	if (block_register(&dev) == 0 && fat_vfs_mount(&dev, &m) == 0) {
		if (vfs_mount_root(m) == 0) {
			struct vfs_node *root = vfs_root();
			read_all(root, 0);
			vfs_node_put(root);
			change_things();
			struct vfs_mount *back;
			if (vfs_unmount_root(&back))
				__builtin_trap();   /* a node reference was lost */
		} else {
			vfs_node_put(m->root);
		}
		fat_vfs_unmount(m);
	}
	bcache_drop(&dev);
	block_unregister_disk(&dev);
	memset(disk, 0, (size_t)dirty_end * 512);
	return 0;
}
