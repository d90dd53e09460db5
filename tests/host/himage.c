/*
 * tests/host/himage.c - the image-file block device of the host storage
 * tests (see himage.h).
 */
#include "himage.h"
#include "htest.h"
#include "fs/cache/bcache.h"
#include "fs/fat/fat_vfs.h"
#include <stdint.h>
#include <stdlib.h>

static uint8_t *disk;
static uint32_t disk_sectors;
static int fail_after = -1;

static int img_read(struct block_device *d, uint32_t lba, uint32_t n, void *buf)
{
	(void)d;
	memcpy(buf, disk + (size_t)lba * 512, (size_t)n * 512);
	return 0;
}

static int img_write(struct block_device *d, uint32_t lba, uint32_t n, const void *buf)
{
	(void)d;
	if (fail_after == 0)
		return -E_IO;
	if (fail_after > 0)
		fail_after--;
	memcpy(disk + (size_t)lba * 512, buf, (size_t)n * 512);
	return 0;
}

static const struct block_ops img_ops = { img_read, img_write, NULL };
struct block_device himage_dev = { .name = "himg", .sector_size = 512, .ops = &img_ops };

void himage_fail_writes_after(int n)
{
	fail_after = n;
}

bool himage_start(const char *mkfs_args, unsigned kib, const char *path)
{
	char cmd[256];
	bcache_drop(&himage_dev);
	block_unregister_disk(&himage_dev);   /* a failed test may have left it */
	snprintf(cmd, sizeof cmd, "rm -f %s && mkfs.fat -C %s %s %u >/dev/null", path, mkfs_args, path, kib);
	if (system(cmd))
		return false;
	htest_heap_setup();
	htest_pcache_setup();
	free(disk);
	disk_sectors = kib * 2;
	disk = malloc((size_t)disk_sectors * 512);
	FILE *f = fopen(path, "rb");
	bool ok = f && fread(disk, 512, disk_sectors, f) == disk_sectors;
	if (f)
		fclose(f);
	himage_dev.sectors = disk_sectors;
	fail_after = -1;
	return ok && block_register(&himage_dev) == 0;
}

bool himage_finish(const char *path)
{
	bool ok = bcache_drop(&himage_dev) == 0;
	block_unregister_disk(&himage_dev);
	FILE *f = fopen(path, "wb");
	ok = ok && f && fwrite(disk, 512, disk_sectors, f) == disk_sectors;
	if (f)
		fclose(f);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "fsck.fat -n %s >%s.fsck 2>&1", path, path);
	if (system(cmd)) {
		snprintf(cmd, sizeof cmd, "sed 's/^/  fsck: /' %s.fsck", path);
		(void)!system(cmd);
		return false;
	}
	return ok;
}

struct vfs_mount *himage_mnt;

bool himage_vfs_start(const char *mkfs_args, unsigned kib, const char *path)
{
	return himage_start(mkfs_args, kib, path) && fat_vfs_mount(&himage_dev, &himage_mnt) == 0 &&
	       vfs_mount_root(himage_mnt) == 0;
}

bool himage_vfs_finish(const char *path)
{
	struct vfs_mount *m;
	if (vfs_unmount_root(&m))
		return false;
	fat_vfs_unmount(m);
	return himage_finish(path);
}

long himage_mtype(const char *path, const char *file, char *buf, size_t max)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "mtype -i %s '::%s' 2>/dev/null", path, file);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	size_t n = fread(buf, 1, max, p);
	return pclose(p) == 0 ? (long)n : -1;
}
