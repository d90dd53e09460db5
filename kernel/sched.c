/*
 * kernel/sched.c - round-robin scheduling: a FIFO run queue, time slices
 * from the timer, sleeping on a channel. The kernel itself is not
 * preemptive: a process is switched out only when it sleeps, yields, exits,
 * or at the end of a trap from user mode once its slice is used up.
 */
#include "kernel/proc.h"
#include "kernel/arch.h"
#include "kernel/bench.h"
#include "mm/tlbcheck.h"
#include "kernel/timer.h"

#define SLICE_TICKS 5   /* 50 ms at 100 Hz */

static struct proc *run_head, *run_tail;
static volatile bool need_resched;
static int tick_chan;   /* sleepers waiting for the next tick */

const void *proc_tick_chan(void)
{
	return &tick_chan;
}

void sched_make_runnable(struct proc *p)
{
	p->state = P_RUNNABLE;
	p->run_next = NULL;
	if (run_tail)
		run_tail->run_next = p;
	else
		run_head = p;
	run_tail = p;
}

static struct proc *take_next(void)
{
	struct proc *p = run_head;
	if (p) {
		run_head = p->run_next;
		if (!run_head)
			run_tail = NULL;
	}
	return p;
}

/* Switches to the next runnable process, or to idle (slot 0) if none.
 * The caller has already set the current process's new state. */
static void schedule(void)
{
	struct proc *cur = proc_current(), *next = take_next();
	if (!next)
		next = proc_by_slot(VMM_SLOT_KERNEL);   /* idle */
	if (next == cur) {
		cur->state = P_RUNNING;
		return;
	}
	next->state = P_RUNNING;
	next->slice = SLICE_TICKS;
	need_resched = false;
	arch_vmm_space_activate(next->slot);
	arch_set_kernel_stack(next->kstack ? next->kstack + KSTACK_SIZE : NULL);
	proc_set_current(next);
	arch_context_switch(&cur->ctx, &next->ctx);
}

void sched_yield(void)
{
	struct proc *cur = proc_current();
	arch_irq_disable();
	if (cur->slot != VMM_SLOT_KERNEL)
		sched_make_runnable(cur);
	schedule();
}

/* Sleeps until chan is woken; never interrupted by a kill. */
static void sleep_on(struct proc *cur, const void *chan)
{
	arch_irq_disable();
	cur->wait_chan = chan;
	cur->state = P_SLEEPING;
	schedule();
	cur->wait_chan = NULL;
}

void sched_sleep(const void *chan)
{
	struct proc *cur = proc_current();
	sleep_on(cur, chan);
	/* Killed while asleep (Ctrl-C): the sleepers that come here wait in a
	 * system call holding nothing that exit does not give back (pipe,
	 * console, wait, tick), so it can end here rather than sleep again. */
	if (cur->kill_reason)
		proc_kill_current(cur->kill_reason);
}

/* For sleepers in the middle of work that exit cannot undo from inside
 * (the page cache waiting for a busy page on the fault path): the kill
 * takes effect at the return to user mode instead (proc_die_if_killed). */
void sched_sleep_unkillable(const void *chan)
{
	sleep_on(proc_current(), chan);
}

/* A driver waiting for its device holds the device (a request in flight,
 * its busy flag): that sleep is not interruptible, it always ends by
 * completion or by the timeout, and a kill waits for the next chance. */
void sched_sleep_timeout(const void *chan, uint32_t ticks)
{
	struct proc *cur = proc_current();
	arch_irq_disable();
	cur->wake_tick = timer_ticks() + (ticks ? ticks : 1);
	cur->timed_sleep = true;
	sleep_on(cur, chan);
	cur->timed_sleep = false;
}

bool sched_can_sleep(void)
{
	return proc_current()->slot != VMM_SLOT_KERNEL;
}

void sched_leave_zombie(void)
{
	arch_irq_disable();
	schedule();   /* state stays P_ZOMBIE: never queued, never woken */
}

void sched_wakeup(const void *chan)
{
	for (unsigned s = 1, n = proc_slot_bound(); s < n; s++) {
		struct proc *p = proc_by_slot(s);
		if (p && p->state == P_SLEEPING && p->wait_chan == chan)
			sched_make_runnable(p);
	}
}

/* Sleepers on the tick channel, and timed sleepers whose time is up. */
static void wake_tick_sleepers(uint32_t now)
{
	for (unsigned s = 1, n = proc_slot_bound(); s < n; s++) {
		struct proc *p = proc_by_slot(s);
		if (p && p->state == P_SLEEPING &&
		    (p->wait_chan == &tick_chan || (p->timed_sleep && (int32_t)(now - p->wake_tick) >= 0)))
			sched_make_runnable(p);
	}
}

void sched_tick(void)
{
	struct proc *cur = proc_current();
	wake_tick_sleepers(timer_ticks());
	if (cur->slot != VMM_SLOT_KERNEL && cur->slice && --cur->slice == 0)
		need_resched = true;
	if (cur->slot == VMM_SLOT_KERNEL && run_head)
		need_resched = true;
}

void sched_kick(void)
{
	need_resched = true;
}

void sched_preempt_point(bool from_user)
{
	if (from_user && need_resched) {
		sched_yield();
		proc_die_if_killed();   /* proc_kill asks for a reschedule to get here */
	}
	if (from_user)
		TLBC_POINT_USER();   /* test builds: nothing the TLB may hold is stale */
}

/* Bench builds leave halts out of the file benchmarks (kernel/bench.h). */
static void idle_halt(void)
{
	bench_exclude_begin();
	arch_wait_for_interrupt();
	bench_exclude_end();
}

NORETURN void sched_idle_loop(void)
{
	for (;;) {
		arch_irq_disable();
		proc_idle_work();
		if (run_head) {
			schedule();
			continue;
		}
		/* wfi/hlt with the check above done under IRQs off: an interrupt
		 * that arrives in between still wakes the CPU. */
		idle_halt();
		arch_irq_enable();
	}
}
