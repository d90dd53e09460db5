/*
 * kernel/storage.h - mounting the root file system at boot.
 */
#ifndef KERNEL_STORAGE_H
#define KERNEL_STORAGE_H

/* Mounts the first FAT partition of any registered disk as "/", then
 * every other FAT partition whose directory /mnt/<device> exists on it
 * (only a disk prepared for it gets mounts: nothing is created); reports
 * on the console what it found. Never fails the boot. */
void storage_mount_root(void);

/* Writes back and frees every buffer the block cache holds, so that a
 * count of free frames compares with one taken before the file system was
 * used (meminfo, the end-of-run accounting). Returns the buffers that
 * held a sector before. Buffers in use stay. */
unsigned storage_drop_caches(void);

#endif
