/*
 * kernel/file.h - what a file descriptor refers to: the console, one end
 * of a pipe, or an open file of the VFS (a node, an offset, the open
 * flags). Reference counted: fork and dup share them (offset included),
 * close drops one.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "lib/types.h"
#include "mm/vmm.h"

struct file;
struct vfs_node;

#define FILE_SEEK_SET 0
#define FILE_SEEK_CUR 1
#define FILE_SEEK_END 2

struct file *file_console(void);
int file_pipe(struct file **read_end, struct file **write_end);
struct file *file_dup(struct file *f);
/* Drops a reference. The last one of a file whose node nobody else holds
 * writes its dirty pages back first: that write's error is returned (the
 * pages are dropped all the same; the console says so). */
int file_close(struct file *f);

/* An open file over n (its reference passes to the file) with the
 * VFS_O_* flags of the open; -E_NOMEM. */
int file_open_node(struct vfs_node *n, uint32_t flags, struct file **out);
/* The node of an open file (borrowed), NULL for the console and pipes. */
struct vfs_node *file_node(struct file *f);
uint32_t file_offset(struct file *f);
/* The VFS_O_* flags of the open (0 for the console and pipes). */
uint32_t file_flags(struct file *f);
void file_set_offset(struct file *f, uint32_t off);
/* lseek: the new offset, or -E_INVAL (negative or past 2^31 - 1, not a
 * VFS file, a directory moved anywhere but 0). */
int file_seek(struct file *f, int32_t off, int whence);

/* Read/write between the file and a kernel buffer (the syscall layer does
 * the user copies). Reads block until at least one byte is there (or the
 * pipe has no writer left: 0); writes block until all is written (or there
 * is no reader: -E_PERM). VFS files read and write at their offset and
 * move it (O_APPEND: writes at the end); the wrong access mode: -E_PERM. */
int file_read(struct file *f, void *buf, size_t n);
int file_write(struct file *f, const void *buf, size_t n);

/* VFS files only (-E_INVAL otherwise): read/write straight between the
 * page cache and user memory at buf (one copy, no bounce buffer; the
 * caller checked the range). A read that copies nothing returns the copy's
 * error with the offset unmoved; a short count moves it by the count. */
int file_read_user(struct file *f, vaddr_t buf, size_t n);
int file_write_user(struct file *f, vaddr_t buf, size_t n);
/* fsync: writes back the file's dirty pages (0 or the first error). */
int file_sync(struct file *f);

#endif
