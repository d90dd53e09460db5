/*
 * kernel/fs_lock.h - the one lock over the file systems: every call from
 * the kernel into the VFS (fs/vfs/vfs.h) that may reach a file system is
 * made holding it. A file system sleeps for its disk in the middle of an
 * operation (a cluster found free, then the FAT sector written); without
 * the lock another process could run then and take the same cluster.
 */
#ifndef KERNEL_FS_LOCK_H
#define KERNEL_FS_LOCK_H

#include "lib/types.h"

/* Sleeps (not interruptibly: the waiter may hold heap memory) until the
 * lock is free, then takes it. Process context only. */
void fs_lock(void);
/* Takes the lock if it is free (the idle context, which cannot sleep). */
bool fs_trylock(void);
void fs_unlock(void);

/* For the page cache's pager, which runs both from the fault path (no lock
 * held) and under a holder that needs a page (a file released under the
 * lock writes its pages back): takes the lock unless the current context
 * already holds it. Returns whether it took it (then fs_unlock after). */
bool fs_lock_unless_mine(void);

#endif
