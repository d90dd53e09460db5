/*
 * fs/fat/fat_vfs.h - mounting a FAT16/FAT32 volume into the VFS.
 */
#ifndef FS_FAT_FAT_VFS_H
#define FS_FAT_FAT_VFS_H

#include "drivers/block/block.h"
#include "fs/vfs/vfs.h"

/* Mounts the FAT volume on dev: a mount whose root node holds one
 * reference (hand it to vfs_mount_root). Returns 0, -E_BADFMT, -E_IO or
 * -E_NOMEM. */
int fat_vfs_mount(struct block_device *dev, struct vfs_mount **out);

/* Frees a mount taken back with vfs_unmount_root. */
void fat_vfs_unmount(struct vfs_mount *m);

#endif
