/*
 * kernel/syscall.c - the system calls (numbers in kernel/syscall_nr.h).
 * Each takes its arguments as 32-bit words and returns a value or a
 * negative error; every pointer argument goes through kernel/usercopy.c.
 */
#include "kernel/syscall.h"
#include "kernel/syscall_nr.h"
#include "kernel/arch.h"
#include "kernel/bench.h"
#include "kernel/console.h"
#include "kernel/file.h"
#include "kernel/syscall_fs.h"
#include "kernel/syscall_mm.h"
#include "fs/vfs/vfs.h"
#include "kernel/proc.h"
#include "kernel/timer.h"
#include "kernel/usercopy.h"
#include "lib/string.h"
#include "kernel/introspect.h"
#include "mm/kheap.h"
#include "mm/vmm_region.h"

typedef int (*syscall_fn)(const uint32_t a[5]);

#define IO_CHUNK 512
#define PATH_MAX_LEN VFS_PATH_MAX
#define ARG_MAX_LEN 64
#define ARGV_MAX 8

static int sys_exit(const uint32_t a[5]) { proc_exit(proc_current(), (int)a[0]); }
static int sys_fork(const uint32_t a[5]) { (void)a; return proc_fork(proc_current()); }
static int sys_getpid(const uint32_t a[5]) { (void)a; return proc_current()->pid; }
static int sys_yield(const uint32_t a[5]) { (void)a; sched_yield(); return 0; }
static int sys_uptime(const uint32_t a[5]) { (void)a; return (int)(timer_ticks() * (1000 / TIMER_HZ)); }

/* The status word is made writable before waiting: proc_wait reaps the
 * child, so a copy failing afterwards would lose its status. The page is
 * one the call writes whenever it finds a child. */
static int wait_common(int pid, vaddr_t status_ptr)
{
	int status = 0;
	if (status_ptr && user_range_prepare(status_ptr, 4, VMM_ACCESS_WRITE))
		return -E_FAULT;
	int rc = proc_wait(proc_current(), pid, &status);
	if (rc > 0 && status_ptr && copy_to_user(status_ptr, &status, 4))
		return -E_FAULT;
	return rc;
}

static int sys_wait(const uint32_t a[5]) { return wait_common(-1, a[0]); }
static int sys_waitpid(const uint32_t a[5]) { return wait_common((int)a[0], a[1]); }

/* Copies path and argv into one kernel buffer, then replaces the image. */
static int sys_exec(const uint32_t a[5])
{
	struct { char path[PATH_MAX_LEN]; char args[ARGV_MAX][ARG_MAX_LEN]; char *argv[ARGV_MAX + 1]; } *k;
	k = kmalloc(sizeof *k);
	if (!k)
		return -E_NOMEM;
	int rc = copy_string_from_user(k->path, a[0], PATH_MAX_LEN), argc = 0;
	for (; rc >= 0 && a[1] && argc <= ARGV_MAX; argc++) {
		uint32_t uptr;
		rc = copy_from_user(&uptr, a[1] + 4 * (uint32_t)argc, 4);
		if (rc || !uptr)
			break;
		if (argc == ARGV_MAX)
			rc = -E_INVAL;
		else
			rc = copy_string_from_user(k->args[argc], uptr, ARG_MAX_LEN);
		k->argv[argc] = k->args[argc];
	}
	if (rc >= 0) {
		if (argc == 0)
			k->argv[argc++] = k->path;
		k->argv[argc] = NULL;
		rc = proc_exec(proc_current(), k->path, k->argv, argc);
	}
	kfree(k);
	return rc;
}

static int sys_read(const uint32_t a[5])
{
	struct file *f = fd_file((int)a[0]);
	char buf[IO_CHUNK];
	if (!f)
		return -E_INVAL;
	/* The whole buffer is checked against the regions (a bad pointer fails
	 * before anything is consumed), but only the bytes read are copied:
	 * the pages they land on are the only ones that gain a frame (a 1-byte
	 * read into a fresh 64 MiB buffer costs one). If that copy finds no
	 * free frame the bytes are lost with -E_NOMEM, as a user store would
	 * lose its process; keeping them needs a copy straight from the pipe
	 * that consumes only what it copied. */
	if (user_range_check(a[1], a[2], VMM_ACCESS_WRITE))
		return -E_FAULT;
	if (file_node(f))   /* a VFS file: chunk by chunk, the same rule */
		return fd_read_file(f, a[1], a[2]);
	int n = file_read(f, buf, a[2] < IO_CHUNK ? a[2] : IO_CHUNK);
	/* The buffer may be copy-on-write shared with another process: this
	 * write breaks it here, in this process only (usercopy.c). */
	if (n > 0) {
		int rc = copy_to_user(a[1], buf, (size_t)n);
		if (rc)
			return rc;
	}
	return n;
}

static int sys_write(const uint32_t a[5])
{
	struct file *f = fd_file((int)a[0]);
	char buf[IO_CHUNK];
	if (!f)
		return -E_INVAL;
	size_t done = 0, n = a[2];
	/* Regions only (a PROT_NONE buffer is refused here); each chunk's
	 * pages are resolved as it is copied. */
	if (user_range_check(a[1], n, VMM_ACCESS_READ))
		return -E_FAULT;
	if (file_node(f))   /* a VFS file: straight into the page cache */
		return fd_write_file(f, a[1], n);
	while (done < n) {
		size_t chunk = n - done < IO_CHUNK ? n - done : IO_CHUNK;
		if (copy_from_user(buf, a[1] + done, chunk))
			return -E_FAULT;
		int rc = file_write(f, buf, chunk);
		if (rc < 0)
			return done ? (int)done : rc;
		done += (size_t)rc;
	}
	return (int)done;
}

static int sys_pipe(const uint32_t a[5])
{
	struct proc *p = proc_current();
	if (user_range_check(a[0], 8, VMM_ACCESS_WRITE))
		return -E_FAULT;
	int r = fd_alloc(p, 0), w = r < 0 ? r : fd_alloc(p, r + 1);
	if (w < 0)
		return w;
	/* Made writable before the pipe exists, so the final copy cannot fail. */
	int rc = user_range_prepare(a[0], 8, VMM_ACCESS_WRITE);
	if (rc)
		return rc;
	struct file *rf, *wf;
	if (file_pipe(&rf, &wf))
		return -E_NOMEM;
	int fds[2] = { r, w };
	p->fds[r] = rf;
	p->fds[w] = wf;
	copy_to_user(a[0], fds, sizeof fds);
	return 0;
}

static int sys_close(const uint32_t a[5])
{
	struct file *f = fd_file((int)a[0]);
	if (!f)
		return -E_INVAL;
	proc_current()->fds[a[0]] = NULL;
	return file_close(f);   /* a write-back error of the file's last close */
}

/* The heap grows in whole pages of fresh anonymous memory. */
static int sys_sbrk(const uint32_t a[5])
{
	struct proc *p = proc_current();
	int32_t inc = (int32_t)a[0];
	vaddr_t old = p->brk, want = p->brk + (vaddr_t)inc;
	if (inc < 0 ? want < p->brk_base || want > old : want < old || want >= arch_vmm_user_end / 2)
		return -E_NOMEM;
	vaddr_t old_top = ALIGN_UP(old, PAGE_SIZE), new_top = ALIGN_UP(want, PAGE_SIZE);
	int rc = 0;
	if (new_top > old_top)
		rc = vmm_map_anon(p->slot, old_top, new_top - old_top, VMM_READ | VMM_WRITE);
	else if (new_top < old_top)
		rc = vmm_unmap_range(p->slot, new_top, old_top - new_top);
	if (rc)
		return -E_NOMEM;
	p->brk = want;
	return (int)old;
}

/* Where mmap looks for room: above the sbrk heap's limit, below the stack
 * (and 2 MiB for it to grow into), one unmapped page kept on both sides of
 * every mapping so an overrun faults instead of reaching a neighbour. */
static int sys_mmap(const uint32_t a[5])
{
	struct proc *p = proc_current();
	vaddr_t len = ALIGN_UP(a[0], PAGE_SIZE);
	vaddr_t lo = arch_vmm_user_end / 2, hi = arch_vmm_user_end - (2u << 20) - PAGE_SIZE;
	if (!len || a[0] > hi - lo)
		return -E_NOMEM;
	/* Large mappings start on a table boundary, so their whole ranges can
	 * share the zero table instead of faulting page by page. */
	vaddr_t align = len >= arch_vmm_table_span ? arch_vmm_table_span : PAGE_SIZE;
	vaddr_t at = vmm_region_find_free(p->slot, lo, hi, len, align, PAGE_SIZE);
	if (!at)
		return -E_NOMEM;
	int rc = vmm_map_anon(p->slot, at, len, mm_prot_from_user(a[1]));
	if (rc)
		return rc == -E_INVAL ? -E_NOMEM : rc;
	return (int)at;
}

/* As Linux: a length of 0 is an error; a range holding no mapping is not. */
static int sys_munmap(const uint32_t a[5])
{
	struct proc *p = proc_current();
	if ((a[0] & (PAGE_SIZE - 1)) || !a[0] || !a[1] || a[0] >= arch_vmm_user_end ||
	    a[1] > arch_vmm_user_end - a[0])
		return -E_INVAL;
	return vmm_unmap_range(p->slot, a[0], ALIGN_UP(a[1], PAGE_SIZE));
}

static int sys_meminfo(const uint32_t a[5])
{
	struct mendax_meminfo m;
	introspect_meminfo(&m);
	return copy_to_user(a[0], &m, sizeof m) ? -E_FAULT : 0;
}

static int sys_ps(const uint32_t a[5])
{
	struct mendax_procinfo info;
	unsigned n = 0;
	for (unsigned s = 1; s < proc_slot_bound() && n < a[1]; s++) {
		if (!introspect_proc(s, &info))
			continue;
		if (copy_to_user(a[0] + n * sizeof info, &info, sizeof info))
			return -E_FAULT;
		n++;
	}
	return (int)n;
}

/* vmmap(pid, buf, max) -> the number of ranges, of which the first max
 * are written. The idle process (pid 0) has no user address space. */
static int sys_vmmap(const uint32_t a[5])
{
	struct proc *target = (int)a[0] > 0 ? proc_by_pid((int)a[0]) : NULL;
	if (!target || target->state == P_ZOMBIE || target->slot == VMM_SLOT_KERNEL)
		return -E_NOENT;
	return introspect_vmmap(target, a[1], a[2]);
}

/* setfg(pid): the caller names itself or one of its children as the
 * process Ctrl-C interrupts (the shell, for the program it runs), or 0. */
static int sys_setfg(const uint32_t a[5])
{
	struct proc *me = proc_current(), *target = (int)a[0] > 0 ? proc_by_pid((int)a[0]) : NULL;
	if ((int)a[0] != 0 && (!target || target->state == P_ZOMBIE ||
			       (target != me && target->parent != me)))
		return -E_NOENT;
	return console_set_foreground((int)a[0]);
}

static const syscall_fn table[SYS_COUNT] = {
	[SYS_exit] = sys_exit, [SYS_fork] = sys_fork, [SYS_wait] = sys_wait,
	[SYS_waitpid] = sys_waitpid, [SYS_exec] = sys_exec, [SYS_getpid] = sys_getpid,
	[SYS_read] = sys_read, [SYS_write] = sys_write, [SYS_pipe] = sys_pipe,
	[SYS_close] = sys_close, [SYS_sbrk] = sys_sbrk, [SYS_mmap] = sys_mmap,
	[SYS_munmap] = sys_munmap, [SYS_yield] = sys_yield, [SYS_uptime] = sys_uptime,
	[SYS_meminfo] = sys_meminfo, [SYS_ps] = sys_ps, [SYS_vmmap] = sys_vmmap,
	[SYS_setfg] = sys_setfg,
	[SYS_open] = sys_open, [SYS_lseek] = sys_lseek, [SYS_fstat] = sys_fstat,
	[SYS_stat] = sys_stat, [SYS_getdents] = sys_getdents, [SYS_mkdir] = sys_mkdir,
	[SYS_rmdir] = sys_rmdir, [SYS_unlink] = sys_unlink, [SYS_rename] = sys_rename,
	[SYS_chdir] = sys_chdir, [SYS_getcwd] = sys_getcwd, [SYS_dup] = sys_dup,
	[SYS_dup2] = sys_dup2, [SYS_fsync] = sys_fsync, [SYS_sync] = sys_sync,
	[SYS_halt] = sys_halt, [SYS_drop_caches] = sys_drop_caches,
	[SYS_mmapx] = sys_mmapx, [SYS_mprotect] = sys_mprotect, [SYS_msync] = sys_msync,
	[SYS_benchinfo] = sys_benchinfo,
};

int syscall_run(uint32_t nr, const uint32_t a[5])
{
	return nr < SYS_COUNT && table[nr] ? table[nr](a) : -E_INVAL;
}

void syscall_dispatch(struct arch_frame *f)
{
	uint32_t a[5];
	for (unsigned i = 0; i < 5; i++)
		a[i] = arch_frame_syscall_arg(f, i);
	/* exec rewrote the frame for the new program; its result is argc. */
	arch_frame_set_return(f, (uint32_t)syscall_run(arch_frame_syscall_nr(f), a));
}
