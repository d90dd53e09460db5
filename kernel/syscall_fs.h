/*
 * kernel/syscall_fs.h - the descriptor table helpers and the file, path
 * and descriptor system calls (kernel/syscall_fs.c), for the table in
 * kernel/syscall.c.
 */
#ifndef KERNEL_SYSCALL_FS_H
#define KERNEL_SYSCALL_FS_H

#include "lib/types.h"
#include "mm/vmm.h"

struct file;
struct proc;

/* The current process's file at fd, or NULL (not open, out of range). */
struct file *fd_file(int fd);
/* The lowest free descriptor of p from `from` on, or -E_AGAIN. */
int fd_alloc(struct proc *p, int from);
/* read() of a VFS file into [ubuf, ubuf + n), checked by the caller. */
int fd_read_file(struct file *f, vaddr_t ubuf, size_t n);
int fd_write_file(struct file *f, vaddr_t ubuf, size_t n);

int sys_open(const uint32_t a[5]);
int sys_lseek(const uint32_t a[5]);
int sys_fstat(const uint32_t a[5]);
int sys_stat(const uint32_t a[5]);
int sys_getdents(const uint32_t a[5]);
int sys_mkdir(const uint32_t a[5]);
int sys_rmdir(const uint32_t a[5]);
int sys_unlink(const uint32_t a[5]);
int sys_rename(const uint32_t a[5]);
int sys_chdir(const uint32_t a[5]);
int sys_getcwd(const uint32_t a[5]);
int sys_dup(const uint32_t a[5]);
int sys_dup2(const uint32_t a[5]);
int sys_fsync(const uint32_t a[5]);
int sys_sync(const uint32_t a[5]);
int sys_halt(const uint32_t a[5]);
int sys_drop_caches(const uint32_t a[5]);

#endif
