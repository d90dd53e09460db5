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

/* drop_caches: writes back every dirty cache page and metadata buffer
 * (vfs_sync_all), then frees every clean page-cache frame nobody maps and
 * every metadata buffer, so that a count of free frames compares with one
 * taken before the file system was used (the tests' balance checks, the
 * end-of-run accounting). Returns the page-cache frames freed, or the
 * sync's error (the clean ones are freed all the same), or -E_AGAIN from
 * the idle context while a process is inside a file system. */
int storage_drop_caches(void);

#endif
