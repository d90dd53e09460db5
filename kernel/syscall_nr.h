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
#define SYS_drop_caches 35   /* drop_caches(): sync, then free clean unmapped cache pages and buffers -> frames freed */
/* Mapped files (kernel/syscall_mm.c, docs/mapped-files.md). */
#define SYS_mmapx    36   /* mmapx(addr, length, prot | MAP_* flags, fd, offset) -> address */
#define SYS_mprotect 37   /* mprotect(addr, length, prot) */
#define SYS_msync    38   /* msync(addr, length) */
#define SYS_benchinfo 39  /* bench builds: benchinfo(struct mendax_benchinfo *); else -EINVAL */
#define SYS_COUNT    40

#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4

/* mmap flags: bits apart from PROT_*, so both travel in one word (system
 * calls carry five). Exactly one of SHARED and PRIVATE. */
#define MAP_SHARED    0x0100
#define MAP_PRIVATE   0x0200
#define MAP_FIXED     0x0400   /* at addr, replacing what is there (inside the mmap area only) */
#define MAP_ANONYMOUS 0x0800   /* no file: fd and offset unused (MAP_PRIVATE only) */

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
	unsigned cache_buffers;       /* metadata sectors in the buffer cache (heap memory) */
	/* The page cache (frames of file data; not counted in used_frames): */
	unsigned file_cached;         /* frames holding file pages */
	unsigned file_dirty;          /* of those, not yet written back */
	unsigned file_mapped;         /* of those, used by someone besides the cache */
	unsigned cache_table_frames;  /* the cache's index (taken at boot; in used_frames) */
	unsigned file_reads, file_writes;   /* pages read in / written back since boot */
	/* Swap (mm/swap.h, docs/swap.md); all 0 while swap is off: */
	unsigned swap_on, swap_failed;   /* an area is enabled; a write failed (no more swap-out) */
	unsigned swap_total, swap_used, swap_free;   /* slots (one page each) */
	unsigned swap_bad;            /* slots whose I/O failed, never used again */
	unsigned swap_cached;         /* frames in the swap cache */
	unsigned swap_outs, swap_ins; /* pages written to / read from the area since boot */
	char swap_name[16];           /* its partition ("vda2") */
};

struct mendax_procinfo {
	int pid, ppid;
	char state;                   /* R running/runnable, S sleeping, Z zombie */
	char name[16];
	unsigned private_pages, shared_pages, zero_page_maps, zero_table_ranges;
	unsigned resident_pages;      /* mapped frames (the zero page not counted) */
	unsigned swapped_pages;       /* pages on the swap area (swap entries) */
};

/* A file-backed range's pages (map != 0) are VM_FILE_* or, for a private
 * copy shared by fork, VM_COW_SHARED. */
enum mendax_vmkind { VM_UNMAPPED, VM_ZERO_PAGE, VM_ZERO_TABLE, VM_PRIVATE, VM_COW_SHARED,
	VM_FILE_UNREAD,    /* not read yet: neither here nor in the page cache */
	VM_FILE_CACHED,    /* in the page cache, not mapped here yet */
	VM_FILE_MAPPED,    /* the cache's frame itself, clean (shared with the cache) */
	VM_FILE_DIRTY,     /* the cache's frame, written and not yet written back */
	VM_FILE_PRIVATE,   /* a private copy (a write to a MAP_PRIVATE page) */
	VM_SWAPPED,        /* on the swap area, not in memory (swap_slot: its slot) */
	VM_SWAP_CACHED,    /* mapped, and its frame is in the swap cache (swap_slot: its slot) */
};

struct mendax_vmrange {
	unsigned start, end;          /* [start, end) with one kind throughout */
	unsigned kind;                /* enum mendax_vmkind */
	unsigned refcount;            /* COW-shared or a cache frame: the frame's owners
					 (the cache counts as one), the same throughout */
	unsigned prot;                /* region's PROT_* */
	unsigned map;                 /* 0: anonymous; MAP_SHARED or MAP_PRIVATE of a file */
	unsigned file_page;           /* a file's range: the file's page at start */
	char name[16];                /* a file's range: its name (cut to 15 bytes) */
	unsigned swap_slot;           /* VM_SWAPPED / VM_SWAP_CACHED: the slot at start
					 (consecutive pages in consecutive slots) */
};

#endif
