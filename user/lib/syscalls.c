/*
 * user/lib/syscalls.c - one C wrapper per system call, over the port's
 * trap instruction (user/arch/<a>/syscall.S).
 */
#include "mendax.h"

#define SC0(nr) __mendax_syscall(nr, 0, 0, 0, 0, 0)
#define SC1(nr, a) __mendax_syscall(nr, (long)(a), 0, 0, 0, 0)
#define SC2(nr, a, b) __mendax_syscall(nr, (long)(a), (long)(b), 0, 0, 0)
#define SC3(nr, a, b, c) __mendax_syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0)

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
int munmap(void *addr, size_t length) { return (int)SC2(SYS_munmap, addr, length); }
void yield(void) { SC0(SYS_yield); }
unsigned uptime_ms(void) { return (unsigned)SC0(SYS_uptime); }
int meminfo(struct mendax_meminfo *m) { return (int)SC1(SYS_meminfo, m); }
int ps(struct mendax_procinfo *buf, unsigned max) { return (int)SC2(SYS_ps, buf, max); }
int vmmap(int pid, struct mendax_vmrange *buf, unsigned max) { return (int)SC3(SYS_vmmap, pid, buf, max); }
int setfg(int pid) { return (int)SC1(SYS_setfg, pid); }
