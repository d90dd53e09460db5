/*
 * kernel/fs_lock.c - the file-system lock (see fs_lock.h): a flag and a
 * sleep channel. Correct on one CPU with a kernel that is not preemptive:
 * the test and the set run with nothing else in between. SMP will need a
 * spinlock around the flag (or an atomic exchange) under the same names.
 */
#include "kernel/fs_lock.h"
#include "kernel/proc.h"
#include "kernel/timer.h"

static bool held;
static const struct proc *owner;   /* who holds it (NULL: the idle context) */

void fs_lock(void)
{
	/* The timeout only bounds the sleep; the holder's unlock wakes us. */
	while (held)
		sched_sleep_timeout(&held, TIMER_HZ);
	held = true;
	owner = proc_current();
}

bool fs_lock_unless_mine(void)
{
	if (held && owner == proc_current())
		return false;
	fs_lock();
	return true;
}

bool fs_trylock(void)
{
	if (held)
		return false;
	held = true;
	owner = proc_current();
	return true;
}

void fs_unlock(void)
{
	held = false;
	sched_wakeup(&held);
}
