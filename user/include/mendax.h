/*
 * user/include/mendax.h - the user-side C library of mendax: system call
 * wrappers (numbers and structures shared with the kernel), strings,
 * printf, malloc. Static, tiny, no floating point.
 */
#ifndef USER_MENDAX_H
#define USER_MENDAX_H

#include <stddef.h>
#include <stdarg.h>
#include "kernel/syscall_nr.h"

/* Error numbers (negative returns), the kernel's (lib/types.h). */
#define EINVAL 1
#define ENOMEM 2
#define EPERM 3
#define ENOENT 5
#define EBADFMT 6
#define EAGAIN 7
#define EFAULT 8
#define EIO 9
#define ENOSPC 10
#define EEXIST 11
#define ENOTDIR 12
#define EISDIR 13
#define ENOTEMPTY 14
#define ENAMETOOLONG 15
#define EBUSY 16
#define ERANGE 17

/* The system call stubs (user/arch/<a>/syscall.S). __mendax_syscall is
 * the compatibility path with all five arguments (x86: int 0x80; ARM: svc
 * like the others); the numbered ones take that many arguments over the
 * port's fast path (x86: sysenter; ARM: svc) and are what the wrappers use. */
long __mendax_syscall(long nr, long a0, long a1, long a2, long a3, long a4);
long __mendax_syscall0(long nr);
long __mendax_syscall1(long nr, long a0);
long __mendax_syscall2(long nr, long a0, long a1);
long __mendax_syscall3(long nr, long a0, long a1, long a2);

void exit(int status) __attribute__((noreturn));
int fork(void);
int wait(int *status);
int waitpid(int pid, int *status);
int exec(const char *path, char *const argv[]);
int getpid(void);
long read(int fd, void *buf, size_t n);
long write(int fd, const void *buf, size_t n);
int pipe(int fds[2]);
int close(int fd);
void *sbrk(long increment);
void *mmap(size_t length, int prot);   /* anonymous; (void *)-errno on failure */
int munmap(void *addr, size_t length);
/* POSIX-shaped mmap of a file (or MAP_ANONYMOUS memory), MAP_SHARED or
 * MAP_PRIVATE, MAP_FIXED only inside the mmap area; (void *)-errno on
 * failure (docs/mapped-files.md). */
void *mmapx(void *addr, size_t length, int prot, int flags, int fd, unsigned offset);
int mprotect(void *addr, size_t length, int prot);
int msync(void *addr, size_t length);
void yield(void);
unsigned uptime_ms(void);
int meminfo(struct mendax_meminfo *m);
int benchinfo(struct mendax_benchinfo *b);   /* bench builds only (make bench) */
int ps(struct mendax_procinfo *buf, unsigned max);
int vmmap(int pid, struct mendax_vmrange *buf, unsigned max);
int setfg(int pid);   /* the process Ctrl-C on the console interrupts (0: none) */

/* Files, descriptors and paths (docs/storage.md). O_*, SEEK_*, struct
 * mendax_stat and struct mendax_dirent come from kernel/syscall_nr.h. A bad
 * descriptor is -EINVAL, the wrong access mode -EPERM, a full table -EAGAIN. */
int open(const char *path, int flags);
long lseek(int fd, long offset, int whence);
int fstat(int fd, struct mendax_stat *st);
int stat(const char *path, struct mendax_stat *st);
int getdents(int fd, struct mendax_dirent *buf, unsigned max);   /* records; 0 at the end */
int mkdir(const char *path);
int rmdir(const char *path);
int unlink(const char *path);
int rename(const char *from, const char *to);
int chdir(const char *path);
int getcwd(char *buf, size_t size);   /* length of the path, or -EINVAL if size is too small */
int dup(int fd);
int dup2(int fd, int newfd);
int fsync(int fd);
int sync(void);
int drop_caches(void);   /* sync, then free clean unmapped file pages and buffers: frames freed */
int halt(void);   /* syncs, then stops the machine; returns only on a sync error */
/* op on argv[1..argc-1], an error line per failure; 1 if any failed. */
int each_arg(int argc, char **argv, int (*op)(const char *path));

size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int atoi(const char *s);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void fflush_stdout(void);

/* The CPU's cycle counter; under QEMU -icount shift=0, executed
 * instructions (x86 rdtsc, ARM PMCCNTR - 32 bits: use differences). */
unsigned long long bench_cycles(void);

void *malloc(size_t n);
void free(void *p);

#endif
