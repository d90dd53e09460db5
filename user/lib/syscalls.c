/*
 * user/lib/syscalls.c - one C wrapper per system call, over the port's
 * trap instruction (user/arch/<a>/syscall.S).
 */
#include "mendax.h"

#define SC0(nr) __mendax_syscall0(nr)
#define SC1(nr, a) __mendax_syscall1(nr, (long)(a))
#define SC2(nr, a, b) __mendax_syscall2(nr, (long)(a), (long)(b))
#define SC3(nr, a, b, c) __mendax_syscall3(nr, (long)(a), (long)(b), (long)(c))

void exit(int status)
{
	fflush_stdout();
	SC1(SYS_exit, status);
	for (;;)
		;
}

int fork(void) { fflush_stdout(); return (int)SC0(SYS_fork); }
int wait(int *status) { return (int)SC1(SYS_wait, status); }
int waitpid(int pid, int *status) { return (int)SC2(SYS_waitpid, pid, status); }
int exec(const char *path, char *const argv[]) { fflush_stdout(); return (int)SC2(SYS_exec, path, argv); }
int getpid(void) { return (int)SC0(SYS_getpid); }
long read(int fd, void *buf, size_t n) { return SC3(SYS_read, fd, buf, n); }
long write(int fd, const void *buf, size_t n) { return SC3(SYS_write, fd, buf, n); }
int pipe(int fds[2]) { return (int)SC1(SYS_pipe, fds); }
int close(int fd) { return (int)SC1(SYS_close, fd); }
void *sbrk(long increment) { return (void *)SC1(SYS_sbrk, increment); }
void *mmap(size_t length, int prot) { return (void *)SC2(SYS_mmap, length, prot); }
/* prot and flags share a word (disjoint bits): system calls carry five. */
void *mmapx(void *addr, size_t length, int prot, int flags, int fd, unsigned offset)
{
	return (void *)__mendax_syscall(SYS_mmapx, (long)addr, (long)length, (long)(prot | flags),
					(long)fd, (long)offset);
}
int mprotect(void *addr, size_t length, int prot) { return (int)SC3(SYS_mprotect, addr, length, prot); }
int msync(void *addr, size_t length) { return (int)SC2(SYS_msync, addr, length); }
int munmap(void *addr, size_t length) { return (int)SC2(SYS_munmap, addr, length); }
void yield(void) { SC0(SYS_yield); }
unsigned uptime_ms(void) { return (unsigned)SC0(SYS_uptime); }
int meminfo(struct mendax_meminfo *m) { return (int)SC1(SYS_meminfo, m); }
int benchinfo(struct mendax_benchinfo *b) { return (int)SC1(SYS_benchinfo, b); }
int ps(struct mendax_procinfo *buf, unsigned max) { return (int)SC2(SYS_ps, buf, max); }
int vmmap(int pid, struct mendax_vmrange *buf, unsigned max) { return (int)SC3(SYS_vmmap, pid, buf, max); }
int setfg(int pid) { return (int)SC1(SYS_setfg, pid); }

int open(const char *path, int flags) { return (int)SC2(SYS_open, path, flags); }
long lseek(int fd, long offset, int whence) { return SC3(SYS_lseek, fd, offset, whence); }
int fstat(int fd, struct mendax_stat *st) { return (int)SC2(SYS_fstat, fd, st); }
int stat(const char *path, struct mendax_stat *st) { return (int)SC2(SYS_stat, path, st); }
int getdents(int fd, struct mendax_dirent *buf, unsigned max) { return (int)SC3(SYS_getdents, fd, buf, max); }
int mkdir(const char *path) { return (int)SC1(SYS_mkdir, path); }
int rmdir(const char *path) { return (int)SC1(SYS_rmdir, path); }
int unlink(const char *path) { return (int)SC1(SYS_unlink, path); }
int rename(const char *from, const char *to) { return (int)SC2(SYS_rename, from, to); }
int chdir(const char *path) { return (int)SC1(SYS_chdir, path); }
int getcwd(char *buf, size_t size) { return (int)SC2(SYS_getcwd, buf, size); }
int dup(int fd) { return (int)SC1(SYS_dup, fd); }
int dup2(int fd, int newfd) { return (int)SC2(SYS_dup2, fd, newfd); }
int fsync(int fd) { return (int)SC1(SYS_fsync, fd); }
int sync(void) { return (int)SC0(SYS_sync); }
int drop_caches(void) { return (int)SC0(SYS_drop_caches); }
int halt(void) { fflush_stdout(); return (int)SC0(SYS_halt); }
