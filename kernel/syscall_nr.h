/*
 * kernel/syscall_nr.h - system call numbers and the structures syscalls
 * fill in, shared by the kernel and user/ (one ABI on both ports; only the
 * trap instruction and registers differ: x86 int 0x80 with eax = number,
 * ebx, ecx, edx, esi, edi = arguments, result in eax; ARM svc #0 with
 * r7 = number, r0-r4 = arguments, result in r0). Errors are negative.
 */
#ifndef KERNEL_SYSCALL_NR_H
#define KERNEL_SYSCALL_NR_H

#define SYS_exit     0
#define SYS_fork     1
#define SYS_wait     2    /* wait(int *status): any child */
#define SYS_waitpid  3    /* waitpid(pid, int *status) */
#define SYS_exec     4    /* exec(const char *path, char *const argv[]) */
#define SYS_getpid   5
#define SYS_read     6
#define SYS_write    7
#define SYS_pipe     8    /* pipe(int fds[2]) */
#define SYS_close    9
#define SYS_sbrk     10   /* sbrk(increment) -> old break */
#define SYS_mmap     11   /* mmap(length, prot) -> address: anonymous memory */
#define SYS_munmap   12   /* munmap(address, length) */
#define SYS_yield    13
#define SYS_uptime   14   /* milliseconds since boot */
#define SYS_meminfo  15   /* meminfo(struct mendax_meminfo *) */
#define SYS_ps       16   /* ps(struct mendax_procinfo *, max) -> count */
#define SYS_vmmap    17   /* vmmap(pid, struct mendax_vmrange *, max) -> count of all ranges (fills <= max) */
#define SYS_setfg    18   /* setfg(pid): the console's foreground (Ctrl-C kills it); 0: none */
#define SYS_COUNT    19

#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4

struct mendax_meminfo {
	unsigned total_frames, free_frames, used_frames, reserved_frames;
	unsigned zero_table_ranges;   /* over all processes */
	unsigned zero_page_maps;
	unsigned shared_cow_pages;
	unsigned processes, max_processes;
	unsigned heap_pages;          /* kernel heap */
};

struct mendax_procinfo {
	int pid, ppid;
	char state;                   /* R running/runnable, S sleeping, Z zombie */
	char name[16];
	unsigned private_pages, shared_pages, zero_page_maps, zero_table_ranges;
};

enum mendax_vmkind { VM_UNMAPPED, VM_ZERO_PAGE, VM_ZERO_TABLE, VM_PRIVATE, VM_COW_SHARED };

struct mendax_vmrange {
	unsigned start, end;          /* [start, end) with one kind throughout */
	unsigned kind;                /* enum mendax_vmkind */
	unsigned refcount;            /* COW-shared: the frame's owners (of the first page) */
	unsigned prot;                /* region's PROT_* */
};

#endif
