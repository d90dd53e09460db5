/*
 * kernel/proc.h - processes: one per address-space slot (so the VMM's slot
 * limit is the process limit), a kernel stack each, a saved kernel context
 * and the user register frame at the top of that stack.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "lib/types.h"
#include "mm/vmm.h"
#include "arch/proc.h"   /* struct arch_context, struct arch_frame: per port */

#define PROC_NAME_MAX 16
#define PROC_FDS 16
#define KSTACK_SIZE (8192 - 16)   /* two heap pages with kmalloc's run header */

enum proc_state { P_FREE, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

struct file;
struct vfs_node;

struct proc {
	int pid;
	unsigned slot;               /* address space; also the index in the table */
	enum proc_state state;
	struct proc *parent;
	int exit_status;
	const void *wait_chan;       /* what a sleeping process waits for */
	char name[PROC_NAME_MAX];
	uint8_t *kstack;             /* KSTACK_SIZE bytes from the kernel heap */
	struct arch_context ctx;     /* saved kernel registers while switched out */
	struct arch_frame *frame;    /* user registers, at the top of kstack */
	struct file *fds[PROC_FDS];
	struct vfs_node *cwd;        /* working directory, referenced; NULL: the root */
	char *cwd_path;              /* its normalised absolute path (heap); NULL: "/" */
	vaddr_t brk_base, brk;       /* the sbrk heap */
	struct proc *run_next;       /* run queue link */
	uint32_t slice;              /* ticks left before preemption */
	uint32_t wake_tick;          /* sched_sleep_timeout: woken at this tick */
	bool timed_sleep;            /* ... if set */
	const char *kill_reason;     /* set by proc_kill: dies at the next chance */
};

/* The running process (the idle process, pid 0, when nothing else runs). */
struct proc *proc_current(void);
void proc_set_current(struct proc *p);   /* the scheduler, at a switch */
struct proc *proc_by_slot(unsigned slot);
struct proc *proc_by_pid(int pid);
/* One past the highest slot in use: the end of any scan of the table. */
unsigned proc_slot_bound(void);

/* Boot: makes the boot context the idle process and starts argv[0] from
 * the RAM archive as init (pid 1) with argv. Never returns: the boot CPU
 * becomes the idle loop. */
NORETURN void proc_start(char *const argv[]);

int proc_fork(struct proc *parent);               /* child pid, or -E_AGAIN/-E_NOMEM */
int proc_exec(struct proc *p, const char *path, char *const argv[], int argc);
NORETURN void proc_exit(struct proc *p, int status);
int proc_wait(struct proc *p, int pid, int *status);   /* pid -1: any child */

/* Ends the current process after an unresolvable fault or bad trap; the
 * kernel goes on. reason is printed with the pid. */
NORETURN void proc_kill_current(const char *reason);

/* Marks the live user process pid to be killed with reason (e.g. Ctrl-C):
 * it dies when it wakes from a sleep (a sleeper is woken for it), or on a
 * way back to user mode that reschedules (one is asked for, so a running
 * victim dies at once, any other within a time slice). The hot return
 * path checks nothing. Safe from an interrupt
 * handler. Returns 0, or -E_NOENT when there is no such process. */
int proc_kill(int pid, const char *reason);
/* If proc_kill marked the current process, it dies here. */
void proc_die_if_killed(void);

/* The working directory (kernel/cwd.c). fork copies it (-E_NOMEM), exit
 * releases it; set takes over node's reference and path (a heap string). */
int proc_cwd_fork(struct proc *child, const struct proc *parent);
void proc_cwd_release(struct proc *p);
void proc_cwd_set(struct proc *p, struct vfs_node *node, char *path);
const char *proc_cwd_path(const struct proc *p);
/* Writes the normalised absolute path of path (relative to base, an
 * absolute normalised path) into out (VFS_PATH_MAX bytes): "." and ".."
 * applied, no repeated or trailing '/'. 0 or -E_NAMETOOLONG. */
int cwd_normalise(const char *base, const char *path, char *out);

/* Scheduler (kernel/sched.c). */
void sched_make_runnable(struct proc *p);
void sched_yield(void);
void sched_sleep(const void *chan);        /* current process; IRQs may be on or off */
void sched_wakeup(const void *chan);
/* sched_sleep that also ends once ticks timer ticks have passed (a device
 * that may never answer); the caller checks what it waited for and the time. */
void sched_sleep_timeout(const void *chan, uint32_t ticks);
/* True when a process is current and may sleep; false in the idle context
 * (boot, the in-kernel tests, the idle loop), which must poll instead. */
bool sched_can_sleep(void);
void sched_tick(void);                     /* from the timer interrupt */
void sched_leave_zombie(void);             /* the current process, now a zombie, stops for good */
void sched_preempt_point(bool from_user);  /* at the end of every trap */
void sched_kick(void);                     /* reschedule at the next return to user mode */
NORETURN void sched_idle_loop(void);

/* For the arch code: a new process's first switch ends here, then returns
 * to user mode through its frame. */
void proc_first_run(void);

/* Called by the idle loop; handles init's exit. */
void proc_idle_work(void);

/* kernel/main.c: init (pid 1) has exited with status and been reaped. */
void kernel_init_exited(int status);

/* Stats for ps/meminfo. */
unsigned proc_count(void);
const void *proc_tick_chan(void);

#endif
