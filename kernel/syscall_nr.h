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
/* Files, descriptors and paths (kernel/syscall_fs.c, docs/storage.md). */
#define SYS_open     19   /* open(path, O_* flags) -> fd */
#define SYS_lseek    20   /* lseek(fd, offset, SEEK_*) -> new offset */
#define SYS_fstat    21   /* fstat(fd, struct mendax_stat *) */
#define SYS_stat     22   /* stat(path, struct mendax_stat *) */
#define SYS_getdents 23   /* getdents(fd, struct mendax_dirent *, max) -> records (0: end) */
#define SYS_mkdir    24   /* mkdir(path) */
#define SYS_rmdir    25   /* rmdir(path) */
#define SYS_unlink   26   /* unlink(path) */
#define SYS_rename   27   /* rename(from, to) */
#define SYS_chdir    28   /* chdir(path) */
#define SYS_getcwd   29   /* getcwd(buf, size) -> length of the path (NUL not counted) */
#define SYS_dup      30   /* dup(fd) -> lowest free fd */
#define SYS_dup2     31   /* dup2(fd, newfd) -> newfd */
#define SYS_fsync    32   /* fsync(fd) */
#define SYS_sync     33
#define SYS_halt     34   /* halt(): sync every file system, then stop the machine */
#define SYS_benchinfo 35  /* bench builds: benchinfo(struct mendax_benchinfo *); else -EINVAL */
#define SYS_COUNT    36

#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4

/* open() flags: the numbers of fs/vfs/vfs.h's VFS_O_* (asserted in
 * kernel/syscall_fs.c). */
#define O_RDONLY    0x000
#define O_WRONLY    0x001
#define O_RDWR      0x002
#define O_ACCMODE   0x003
#define O_CREAT     0x040
#define O_EXCL      0x080
#define O_TRUNC     0x200
#define O_APPEND    0x400
#define O_DIRECTORY 0x10000

#define MENDAX_FDS 16   /* descriptors per process (kernel/proc.h PROC_FDS) */

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define MENDAX_T_FILE 1   /* mendax_stat.type, mendax_dirent.type */
#define MENDAX_T_DIR  2

struct mendax_stat {
	unsigned type;                /* MENDAX_T_* */
	unsigned size;                /* bytes; 0 for a directory */
	unsigned mdate, mtime;        /* FAT-style date and time of the last write */
};

struct mendax_dirent {
	char name[256];
	unsigned type;                /* MENDAX_T_* */
	unsigned size;
};

/* Running totals for make bench's file benchmarks (kernel/bench.c). */
struct mendax_benchinfo {
	unsigned long long driver_cycles;     /* inside block driver calls, excluded cycles not */
	unsigned long long excluded_cycles;   /* halts, device waits, interrupts */
};

struct mendax_meminfo {
	unsigned total_frames, free_frames, used_frames, reserved_frames;
	unsigned zero_table_ranges;   /* over all processes */
	unsigned zero_page_maps;
	unsigned shared_cow_pages;
	unsigned processes, max_processes;
	unsigned heap_pages;          /* kernel heap */
	unsigned cache_buffers;       /* disk buffers cached until this call, which dropped them */
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
