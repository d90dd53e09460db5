/*
 * tests/host/himage.h - a disk image file as a block device for host
 * tests of the storage code: made by mkfs.fat, held in memory while the
 * code under test works on it, written back and judged by fsck.fat -n and
 * mtools afterwards.
 */
#ifndef TESTS_HOST_HIMAGE_H
#define TESTS_HOST_HIMAGE_H

#include "drivers/block/block.h"
#include "fs/vfs/vfs.h"
#include <stdbool.h>
#include <stddef.h>

/* The registered device ("himg") over the image. */
extern struct block_device himage_dev;

/* Makes a fresh volume at path with mkfs.fat args over kib KiB, loads it,
 * starts a fresh kernel heap and registers himage_dev. */
bool himage_start(const char *mkfs_args, unsigned kib, const char *path);

/* Writes to the image fail with -E_IO after n more succeed (-1: never). */
void himage_fail_writes_after(int n);

/* Drops the buffer cache, unregisters the device, writes the image back to
 * path and runs fsck.fat -n on it (its report is printed when it fails). */
bool himage_finish(const char *path);

/* himage_start on a fresh volume, then FAT mounted as the VFS root
 * (himage_mnt); and the way back: unmount (which syncs) + himage_finish. */
extern struct vfs_mount *himage_mnt;
bool himage_vfs_start(const char *mkfs_args, unsigned kib, const char *path);
bool himage_vfs_finish(const char *path);

/* What mtype prints for file of the image at path: its length, or -1. */
long himage_mtype(const char *path, const char *file, char *buf, size_t max);

#endif
