/*
 * kernel/proc.c - the process table and the life of a process: start,
 * fork, exec, exit, wait, kill. A process lives in the address-space slot
 * the VMM gave it (so CONFIG_MAX_PROCS bounds both); its frames go back at
 * exit, its slot and kernel stack when its parent reaps it.
 */
#include "kernel/proc.h"
#include "kernel/arch.h"
#include "kernel/elf.h"
#include "kernel/exec_map.h"
#include "kernel/file.h"
#include "kernel/program.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "kernel/usercopy.h"
#include "mm/kheap.h"
#include "mm/kstack.h"
#include "mm/vmm_file.h"

#define USER_STACK_SIZE (1u << 20)
#define ARGS_MAX 16

static struct proc *procs[CONFIG_MAX_PROCS];
static struct proc idle_proc;      /* slot 0: the boot context, then the idle loop */
static struct proc *current = &idle_proc;
static int next_pid = 1;

struct proc *proc_current(void) { return current; }
void proc_set_current(struct proc *p) { current = p; }
struct proc *proc_by_slot(unsigned slot) { return slot < CONFIG_MAX_PROCS ? procs[slot] : NULL; }

/* One past the highest slot holding a process: scans of the table stop
 * there instead of at CONFIG_MAX_PROCS (slots are handed out lowest first). */
static unsigned slot_bound = 1;

unsigned proc_slot_bound(void)
{
	return slot_bound;
}

static void table_set(unsigned slot, struct proc *p)
{
	procs[slot] = p;
	if (p && slot >= slot_bound)
		slot_bound = slot + 1;
	while (!p && slot_bound > 1 && !procs[slot_bound - 1])
		slot_bound--;
}

struct proc *proc_by_pid(int pid)
{
	for (unsigned s = 0; s < slot_bound; s++)
		if (procs[s] && procs[s]->pid == pid && procs[s]->state != P_FREE)
			return procs[s];
	return NULL;
}

unsigned proc_count(void)
{
	unsigned n = 0;
	for (unsigned s = 1; s < slot_bound; s++)
		n += procs[s] != NULL;
	return n;
}

static struct proc *proc_alloc(unsigned slot, const char *name)
{
	struct proc *p = kmalloc(sizeof *p);
	uint8_t *stack = p ? kstack_alloc() : NULL;
	if (!stack) {
		kfree(p);
		return NULL;
	}
	memset(p, 0, sizeof *p);
	p->kstack = stack;
	p->slot = slot;
	p->pid = next_pid++;
	for (int i = 0; name[i] && i < PROC_NAME_MAX - 1; i++)
		p->name[i] = name[i];
	arch_proc_init_stack(p);
	table_set(slot, p);
	return p;
}

static void proc_free(struct proc *p)
{
	arch_proc_release(p);
	table_set(p->slot, NULL);
	vmm_space_destroy(p->slot);
	kstack_free(p->kstack);
	kfree(p);
}

/* Pushes argv on the new (current) user stack: [argc][argv][argv[0..n-1],
 * NULL][strings]. Through copy_to_user: each stack page is a fresh lie whose
 * frame may not exist - then -E_NOMEM, not a kernel fault. */
static int push_args(vaddr_t top, char *const argv[], int argc, vaddr_t *sp_out)
{
	vaddr_t str = top;
	uint32_t w[ARGS_MAX + 3];
	for (int i = argc - 1; i >= 0; i--) {
		size_t len = strlen(argv[i]) + 1;
		str -= len;
		if (copy_to_user(str, argv[i], len))
			return -E_NOMEM;
		w[2 + i] = (uint32_t)str;
	}
	vaddr_t sp = ALIGN_DOWN(str, 16) - (vaddr_t)(argc + 3) * 4;
	w[0] = (uint32_t)argc;
	w[1] = (uint32_t)(sp + 8);
	w[2 + argc] = 0;
	*sp_out = sp;
	return copy_to_user(sp, w, (size_t)(argc + 3) * 4) ? -E_NOMEM : 0;
}

/* A segment of a program from the RAM archive: copied. */
static int copy_segment(unsigned slot, const uint8_t *image, const struct elf_segment *s)
{
	vaddr_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
	vaddr_t end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
	int rc = vmm_map_anon(slot, start, end - start, s->prot | VMM_WRITE);
	if (rc)
		return rc == -E_INVAL ? -E_BADFMT : rc;
	/* The kernel writes the file's bytes through the user mapping:
	 * each page is allocated on that first write, the rest stays the
	 * zero page's until the program writes it. copy_to_user, so that
	 * running out of frames fails the exec instead of the kernel. */
	rc = copy_to_user(s->vaddr, image + s->offset, s->filesz);
	if (rc)
		return rc == -E_FAULT ? -E_BADFMT : rc;
	if (s->prot & VMM_EXEC)
		arch_sync_icache((const void *)s->vaddr, s->filesz);
	if (!(s->prot & VMM_WRITE))   /* code and constants: read-only from now on */
		vmm_protect_range(slot, start, end - start, s->prot);
	return 0;
}

/* Loads the program into the current (new) space: mapped from its file
 * (demand-paged, kernel/exec_map.c), or copied from the RAM archive. */
static int load_segments(unsigned slot, const struct program *prog, const struct elf_image *elf,
			 vaddr_t *brk)
{
	*brk = 0;
	for (unsigned i = 0; i < elf->count; i++) {
		const struct elf_segment *s = &elf->seg[i];
		vaddr_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
		vaddr_t end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
		if (end > arch_vmm_user_end / 2 || !start)
			return -E_BADFMT;
		int rc = prog->node ? exec_map_segment(slot, prog->node, s)
				    : copy_segment(slot, prog->image, s);
		if (rc)
			return rc;
		if (end > *brk)
			*brk = end;
	}
	return 0;
}

/* The last component of path: the process's name. */
static const char *base_name(const char *path)
{
	const char *b = path;
	for (; *path; path++)
		if (*path == '/' && path[1])
			b = path + 1;
	return b;
}

static int exec_image(struct proc *p, const char *path, const struct program *prog,
		      char *const argv[], int argc)
{
	struct elf_image elf;
	if (elf_parse_headers(prog->image, prog->size, prog->file_size, arch_elf_machine, &elf))
		return -E_BADFMT;
	int slot = vmm_space_create();
	if (slot < 0)
		return slot;
	unsigned prev = arch_vmm_space_current();
	arch_vmm_space_activate((unsigned)slot);
	vaddr_t brk, stack = arch_vmm_user_end - USER_STACK_SIZE - PAGE_SIZE;   /* a guard page above */
	vaddr_t sp = 0;
	int rc = load_segments((unsigned)slot, prog, &elf, &brk);
	if (!rc)
		rc = vmm_map_anon((unsigned)slot, stack, USER_STACK_SIZE, VMM_READ | VMM_WRITE);
	if (!rc)
		rc = push_args(stack + USER_STACK_SIZE, argv, argc, &sp);
	if (rc) {
		arch_vmm_space_activate(prev);
		vmm_space_destroy((unsigned)slot);
		return rc;
	}
	arch_frame_user_entry(p->frame, elf.entry, sp);
	arch_proc_exec(p);
	unsigned old = p->slot;
	if (procs[old] == p)   /* a process being started has no slot of its own yet */
		table_set(old, NULL);
	p->slot = (unsigned)slot;
	table_set((unsigned)slot, p);
	p->brk_base = p->brk = brk;
	path = base_name(path);
	for (int i = 0; path[i] && i < PROC_NAME_MAX - 1; i++)
		p->name[i] = path[i], p->name[i + 1] = 0;
	if (p != current)
		arch_vmm_space_activate(prev);
	if (old != VMM_SLOT_KERNEL && old != (unsigned)slot)
		vmm_space_destroy(old);   /* the old image: not current any more */
	return argc;
}

/* The program comes from the file system or the RAM archive
 * (kernel/program.c); the loader above gets its bytes either way. */
int proc_exec(struct proc *p, const char *path, char *const argv[], int argc)
{
	struct program prog;
	if (argc > ARGS_MAX - 1)
		return -E_INVAL;
	int rc = program_find(p->cwd, path, &prog);
	if (rc)
		return rc;
	rc = exec_image(p, path, &prog, argv, argc);
	program_release(&prog);
	return rc;
}

int proc_fork(struct proc *parent)
{
	int slot = vmm_space_fork(parent->slot);
	if (slot < 0)
		return slot;
	struct proc *c = proc_alloc((unsigned)slot, parent->name);
	if (!c) {
		vmm_space_destroy((unsigned)slot);
		return -E_NOMEM;
	}
	if (arch_proc_fork(c, parent)) {
		proc_free(c);   /* the new space with it */
		return -E_NOMEM;
	}
	memcpy(c->frame, parent->frame, sizeof *c->frame);
	arch_frame_set_return(c->frame, 0);
	c->parent = parent;
	c->brk_base = parent->brk_base;
	c->brk = parent->brk;
	if ((parent->cwd || parent->cwd_path) && proc_cwd_fork(c, parent)) {
		proc_free(c);
		return -E_NOMEM;
	}
	for (int i = 0; i < PROC_FDS; i++)
		c->fds[i] = parent->fds[i] ? file_dup(parent->fds[i]) : NULL;
	sched_make_runnable(c);
	return c->pid;
}

/* Children of an exiting process go to init (pid 1), which reaps them. */
static void reparent_children(struct proc *p)
{
	struct proc *init = proc_by_pid(1);
	for (unsigned s = 1; s < slot_bound; s++) {
		if (procs[s] && procs[s]->parent == p) {
			procs[s]->parent = init;
			if (procs[s]->state == P_ZOMBIE && init)
				sched_wakeup(init);
		}
	}
}

static volatile bool init_exited;
static int init_status;

/* From the idle loop: once init has exited, reap it and let the kernel
 * decide what that means (kernel/main.c). */
void proc_idle_work(void)
{
	if (!init_exited)
		return;
	init_exited = false;
	struct proc *init = proc_by_pid(1);
	if (init)
		proc_free(init);
	kernel_init_exited(init_status);
}

NORETURN void proc_exit(struct proc *p, int status)
{
	for (int i = 0; i < PROC_FDS; i++)
		if (p->fds[i])
			file_close(p->fds[i]), p->fds[i] = NULL;
	if (p->cwd || p->cwd_path)   /* most processes never chdir: no call */
		proc_cwd_release(p);
	/* Mapped files go while the process can still sleep: their dirty
	 * shared pages are written back, their files let go. */
	vmm_unmap_files(p->slot);
	/* Every frame and table goes back now; the slot when reaped. The
	 * space is retired first (no TLB holds anything of it afterwards), so
	 * its frames go back without a flush per batch. (The closes above may
	 * sleep for the file-system lock or a disk: before the retire.) */
	arch_vmm_space_retire(p->slot);
	vmm_unmap_range(p->slot, 0, arch_vmm_user_end);
	reparent_children(p);
	p->exit_status = status;
	p->state = P_ZOMBIE;
	if (p->pid == 1) {
		init_exited = true;
		init_status = status;
	}
	if (p->parent)
		sched_wakeup(p->parent);
	sched_leave_zombie();
	panic("proc_exit: a zombie ran again");
}

int proc_wait(struct proc *p, int pid, int *status)
{
	for (;;) {
		bool any = false;
		for (unsigned s = 1; s < slot_bound; s++) {
			struct proc *c = procs[s];
			if (!c || c->parent != p || (pid != -1 && c->pid != pid))
				continue;
			any = true;
			if (c->state != P_ZOMBIE)
				continue;
			int cpid = c->pid;
			*status = c->exit_status;
			proc_free(c);
			return cpid;
		}
		if (!any)
			return -E_NOENT;
		sched_sleep(p);
	}
}

NORETURN void proc_kill_current(const char *reason)
{
	kprintf("mendax: pid %d (%s) killed: %s\n", current->pid, current->name, reason);
	proc_exit(current, -1);
}

int proc_kill(int pid, const char *reason)
{
	struct proc *p = pid > 0 ? proc_by_pid(pid) : NULL;
	if (!p || p->state == P_ZOMBIE || p->slot == VMM_SLOT_KERNEL)
		return -E_NOENT;
	p->kill_reason = reason;
	if (p->state == P_SLEEPING)
		sched_make_runnable(p);   /* sched_sleep sees the mark when it returns */
	sched_kick();
	return 0;
}

void proc_die_if_killed(void)
{
	if (current->kill_reason)
		proc_kill_current(current->kill_reason);
}

void proc_first_run(void)
{
	/* Nothing to undo from the switch; a hook for later bookkeeping. (A
	 * process killed before it ever ran dies at its first reschedule.) */
}

NORETURN void proc_start(char *const argv[])
{
	const char *init_path = argv[0];
	idle_proc.state = P_RUNNING;
	idle_proc.slot = VMM_SLOT_KERNEL;
	procs[VMM_SLOT_KERNEL] = &idle_proc;
	struct proc *init = proc_alloc(VMM_SLOT_KERNEL, init_path);
	if (!init)
		panic("proc_start: no memory for init");
	procs[VMM_SLOT_KERNEL] = &idle_proc;   /* init has no slot until exec gives it one */
	for (int i = 0; i < 3; i++)
		init->fds[i] = file_console();
	int argc = 0;
	while (argv[argc])
		argc++;
	int rc = proc_exec(init, init_path, argv, argc);
	if (rc < 0)
		panic("proc_start: cannot start %s (error %d)", init_path, rc);
	sched_make_runnable(init);
	sched_idle_loop();
}
