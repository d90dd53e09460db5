/*
 * tests/host/test_fat_volume.c - the FAT code with its buffer cache and the
 * block layer over a host image file, on volumes made by mkfs.fat; after
 * each test the image is written back and judged by the real tools:
 * fsck.fat -n must find nothing wrong and mtools must read what mendax
 * wrote. Corrupt images must give errors, never hang.
 */
#include "htest.h"
#include "fs/fat/volume.h"
#include "fs/cache/bcache.h"
#include "himage.h"
#include <stdint.h>
#include <stdlib.h>

static struct fat_volume vol;

static bool start(const char *mkfs_args, unsigned kib, const char *path)
{
	return himage_start(mkfs_args, kib, path) && fat_mount(&himage_dev, &vol) == 0;
}

static bool finish(const char *path)
{
	return fat_sync(&vol) == 0 && himage_finish(path);
}

#define img himage_dev
#define mtype himage_mtype

static void pattern(uint8_t *buf, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(i * 7 + seed + (i >> 9));
}

/* Creates path/name in dir with size bytes of pattern(seed). */
static int make_file(struct fat_dir dir, const char *name, uint32_t size, unsigned seed, struct fat_node *n)
{
	static uint8_t data[300000];
	pattern(data, size, seed);
	int rc = fat_dir_add(&vol, dir, name, FAT_ATTR_ARCHIVE, n);
	if (rc)
		return rc;
	rc = fat_file_write(&vol, n, 0, data, size);
	return rc == (int)size ? 0 : rc;
}

static void files_dirs_and_names_then_fsck_and_mtools(const char *mkfs, unsigned kib, const char *path)
{
	HCHECK(start(mkfs, kib, path));
	struct fat_dir root = fat_root(&vol);
	struct fat_node big, dir, n;
	uint32_t free0 = vol.free_clusters;
	HCHECK_EQ(make_file(root, "A long name, with spaces.bin", 200000, 1, &big), 0);
	HCHECK_EQ(fat_mkdir(&vol, root, "Sub Directory", &dir), 0);
	char name[64];
	for (unsigned i = 0; i < 150; i++) {   /* grows the directory over several clusters */
		snprintf(name, sizeof name, "file number %u.dat", i);
		HCHECK_EQ(make_file(fat_node_dir(&dir), name, 100 + i, i, &n), 0);
	}
	HCHECK_EQ(fat_dir_lookup(&vol, fat_node_dir(&dir), "FILE NUMBER 77.DAT", &n), 0);   /* any case */
	static uint8_t got[300000], want[300000];
	HCHECK_EQ(fat_file_read(&vol, &n, 0, got, sizeof got), 177);
	pattern(want, 177, 77);
	HCHECK(!memcmp(got, want, 177));
	HCHECK_EQ(fat_dir_add(&vol, root, "a long NAME, with spaces.bin", 0, &n), -E_EXIST);
	HCHECK_EQ(fat_dir_lookup(&vol, fat_node_dir(&dir), "file number 5.dat", &n), 0);
	HCHECK_EQ(fat_unlink(&vol, &n), 0);
	HCHECK_EQ(fat_dir_lookup(&vol, fat_node_dir(&dir), "file number 5.dat", &n), -E_NOENT);
	HCHECK_EQ(fat_dir_lookup(&vol, fat_node_dir(&dir), "file number 6.dat", &n), 0);
	HCHECK_EQ(fat_rename(&vol, &n, root, "renamed.txt"), 0);
	HCHECK_EQ(fat_rmdir(&vol, &dir), -E_NOTEMPTY);
	struct fat_node empty;
	HCHECK_EQ(fat_mkdir(&vol, root, "empty", &empty), 0);
	HCHECK_EQ(fat_rmdir(&vol, &empty), 0);
	HCHECK_EQ(fat_file_truncate(&vol, &big, 5000), 0);
	HCHECK(vol.free_clusters < free0);
	HCHECK(finish(path));
	static char out[300000];
	HCHECK_EQ(mtype(path, "/A long name, with spaces.bin", out, sizeof out), 5000);
	pattern(want, 5000, 1);
	HCHECK(!memcmp(out, want, 5000));
	HCHECK_EQ(mtype(path, "/Sub Directory/file number 149.dat", out, sizeof out), 249);
	pattern(want, 249, 149);
	HCHECK(!memcmp(out, want, 249));
	HCHECK_EQ(mtype(path, "/renamed.txt", out, sizeof out), 106);
	HCHECK_EQ(mtype(path, "/Sub Directory/file number 5.dat", out, sizeof out), -1);
	HCHECK_EQ(mtype(path, "/empty", out, sizeof out), -1);
}

HTEST(fat16_files_dirs_and_names_fsck_clean_mtools_reads_them)
{
	files_dirs_and_names_then_fsck_and_mtools("-F 16", 16384, "build/host/vol16.img");
}

HTEST(fat32_files_dirs_and_names_fsck_clean_mtools_reads_them)
{
	files_dirs_and_names_then_fsck_and_mtools("-F 32 -s 1", 65536, "build/host/vol32.img");
}

HTEST(fat_full_volume_refuses_the_write_and_changes_nothing)
{
	const char *path = "build/host/full.img";
	HCHECK(start("-F 16 -s 2", 8192, path));
	struct fat_dir root = fat_root(&vol);
	struct fat_node n;
	static uint8_t chunk[65536];
	HCHECK_EQ(fat_dir_add(&vol, root, "filler", 0, &n), 0);
	int rc;
	for (uint32_t off = 0; (rc = fat_file_write(&vol, &n, off, chunk, sizeof chunk)) > 0; off += sizeof chunk)
		;
	HCHECK_EQ(rc, -E_NOSPC);
	uint32_t size = n.e.size, free_left = vol.free_clusters;
	HCHECK(free_left * vol.g.sectors_per_cluster * 512 < sizeof chunk);
	HCHECK_EQ(fat_file_write(&vol, &n, size, chunk, sizeof chunk), -E_NOSPC);
	HCHECK_EQ(n.e.size, size);
	HCHECK_EQ(vol.free_clusters, free_left);
	struct fat_node again;
	HCHECK_EQ(fat_dir_lookup(&vol, root, "filler", &again), 0);
	HCHECK_EQ(again.e.size, size);
	HCHECK(finish(path));
}

HTEST(fat_io_error_mid_write_gives_the_clusters_back)
{
	const char *path = "build/host/ioerr.img";
	HCHECK(start("-F 16 -s 2", 8192, path));
	struct fat_node n;
	static uint8_t chunk[40000];
	HCHECK_EQ(fat_dir_add(&vol, fat_root(&vol), "victim", 0, &n), 0);
	uint32_t free0 = vol.free_clusters;
	himage_fail_writes_after(3);
	HCHECK_EQ(fat_file_write(&vol, &n, 0, chunk, sizeof chunk), -E_IO);
	himage_fail_writes_after(-1);
	HCHECK_EQ(n.e.size, 0);
	HCHECK_EQ(n.e.first_cluster, 0);
	HCHECK_EQ(vol.free_clusters, free0);
	HCHECK(finish(path));
}

/* Makes the last cluster of a 3-cluster file point back at its first. */
HTEST(fat_looping_chains_and_directories_end_in_errors)
{
	const char *path = "build/host/loop.img";
	HCHECK(start("-F 16 -s 2", 8192, path));
	struct fat_dir root = fat_root(&vol);
	struct fat_node f, d;
	uint32_t cb = vol.g.sectors_per_cluster * 512;
	HCHECK_EQ(make_file(root, "looped", 3 * cb, 3, &f), 0);
	uint32_t c2, c3;
	HCHECK_EQ(fat_chain_seek(&vol, f.e.first_cluster, 2, &c3), 0);
	HCHECK_EQ(fat_link_set(&vol, c3, FAT_LINK_NEXT, f.e.first_cluster), 0);
	f.e.size = 0xFFFFFF00u;   /* as if the entry said so too */
	static uint8_t buf[8192];
	HCHECK_EQ(fat_file_read(&vol, &f, 0xFFFFF000u, buf, 512), -E_IO);   /* seek bound */
	HCHECK_EQ(fat_chain_free(&vol, f.e.first_cluster), -E_IO);           /* stops at the loop */
	HCHECK_EQ(fat_mkdir(&vol, root, "dir", &d), 0);
	HCHECK_EQ(fat_link_set(&vol, d.e.first_cluster, FAT_LINK_NEXT, d.e.first_cluster), 0);
	char name[FAT_NAME_UTF8_MAX + 1];
	struct fat_node n;
	uint32_t cookie = 0;
	int rc;
	while ((rc = fat_dir_next(&vol, fat_node_dir(&d), &cookie, name, &n)) == 1)
		;
	HCHECK(rc <= 0);   /* ends: at the end marker of the zeroed cluster */
	HCHECK_EQ(fat_dir_add(&vol, fat_node_dir(&d), "x", 0, &n), 0);
	(void)c2;
	fat_sync(&vol);
	bcache_drop(&img);
	block_unregister_disk(&img);
}

HTEST(fat_refuses_a_corrupt_boot_sector_at_mount)
{
	HCHECK(start("-F 16 -s 2", 8192, "build/host/badbpb.img"));
	bcache_drop(&img);
	uint8_t boot[512];
	HCHECK_EQ(block_read(&img, 0, 1, boot), 0);
	boot[13] = 3;   /* sectors per cluster */
	HCHECK_EQ(block_write(&img, 0, 1, boot), 0);
	HCHECK_EQ(fat_mount(&img, &vol), -E_BADFMT);
	bcache_drop(&img);
	block_unregister_disk(&img);
}
