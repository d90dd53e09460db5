/*
 * kernel/storage.h - mounting the root file system at boot.
 */
#ifndef KERNEL_STORAGE_H
#define KERNEL_STORAGE_H

/* Mounts the first FAT partition of any registered disk as "/"; reports
 * on the console what it found. Never fails the boot. */
void storage_mount_root(void);

#endif
