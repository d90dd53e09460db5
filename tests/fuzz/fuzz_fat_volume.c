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
#include "mm/pcache.h"
#include "mm/pmm.h"
#include <stdlib.h>
#include <string.h>

/* File data goes through the page cache: a PMM over a host buffer and the
 * cache on it, and what the pager and the cache need from the kernel. */
#define RAM_BYTES (8u << 20)
static unsigned char *ram;
void *arch_vmm_phys_to_virt(paddr_t pa) { return ram + pa; }
bool sched_can_sleep(void) { return false; }
void sched_sleep(const void *chan) { (void)chan; }
void sched_sleep_unkillable(const void *chan) { (void)chan; }
void sched_wakeup(const void *chan) { (void)chan; }
static int lock_depth;
void fs_lock(void) { lock_depth++; }
void fs_unlock(void) { lock_depth--; }
bool fs_lock_unless_mine(void) { if (lock_depth) return false; fs_lock(); return true; }

static void cache_setup(void)
{
	static struct memmap map;
	static void *db, *tables;
	if (ram)
		return;
	ram = calloc(1, RAM_BYTES);
	memmap_add(&map, 0, 0x100000, MEM_RESERVED, "low");
	memmap_add(&map, 0x100000, RAM_BYTES - 0x100000, MEM_USABLE, "ram");
	memmap_normalize(&map);
	db = malloc(pmm_db_bytes(&map));
	if (pmm_init(&map, db, pmm_db_bytes(&map)))
		abort();
	tables = malloc(pcache_table_bytes(RAM_BYTES / PAGE_SIZE));
	pcache_init(tables, pcache_table_bytes(RAM_BYTES / PAGE_SIZE));
}

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

/* No process maps a file here (obj->maps stays 0), so the cache never
 * asks the VMM to write-protect or cut mappings; these only satisfy the
 * linker. */
void vmm_file_write_protect(struct pcache_object *o) { (void)o; }
void vmm_file_cut(struct pcache_object *o, uint32_t first) { (void)o, (void)first; }

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
	cache_setup();
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
