/*
 * drivers/sd/sd_wait.c - bounded waiting for the SD host and protocol
 * layers (sd_host.h): deadlines on the host's free-running counter, and
 * the one place that decides whether a poll yields the CPU.
 */
#include "drivers/sd/sd_host.h"
#include "kernel/proc.h"

uint64_t sd_deadline(const struct sd_clock *clock, uint32_t ms)
{
	/* No 64-bit division: this runs once per block of every transfer. */
	return clock->ticks() + (uint64_t)(clock->hz / 1000u + 1u) * ms + 1u;
}

bool sd_expired(const struct sd_clock *clock, uint64_t deadline)
{
	return clock->ticks() >= deadline;
}

/* A user process in the kernel (a system call waiting for the card) gives
 * the CPU away; the idle/boot context has nobody to give it to. */
void sd_poll_pause(const struct sd_clock *clock)
{
	struct proc *p = proc_current();
	if (p && p->slot != VMM_SLOT_KERNEL)
		sched_yield();
	else
		clock->relax();
}

void sd_sleep_ms(const struct sd_clock *clock, uint32_t ms)
{
	uint64_t deadline = sd_deadline(clock, ms);
	while (!sd_expired(clock, deadline))
		sd_poll_pause(clock);
}
