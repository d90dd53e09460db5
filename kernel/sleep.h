/*
 * kernel/sleep.h - sleeping on a channel and waking it (kernel/sched.c),
 * the one scheduler service lower layers use: drivers waiting for a
 * device, the page cache waiting for a page being read or written. Kept
 * apart from kernel/proc.h so they need nothing else of the process model.
 */
#ifndef KERNEL_SLEEP_H
#define KERNEL_SLEEP_H

#include "lib/types.h"

/* Current process; IRQs may be on or off. A kill (Ctrl-C) ends the
 * process inside this sleep: only for sleepers that hold nothing exit
 * does not give back (pipe, console, wait). */
void sched_sleep(const void *chan);
void sched_wakeup(const void *chan);
/* Like sched_sleep, but a kill never ends the sleep: the process dies at
 * its next return to user mode. For sleepers inside a path that holds
 * state exit cannot give back from there (the fault path). */
void sched_sleep_unkillable(const void *chan);
/* sched_sleep that also ends once ticks timer ticks have passed (a device
 * that may never answer); the caller checks what it waited for and the time. */
void sched_sleep_timeout(const void *chan, uint32_t ticks);
/* True when a process is current and may sleep; false in the idle context
 * (boot, the in-kernel tests, the idle loop), which must poll instead. */
bool sched_can_sleep(void);

#endif
