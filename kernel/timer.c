/*
 * kernel/timer.c - counts timer interrupts. Owns only the tick counter;
 * the hardware timer belongs to the board.
 */
#include "kernel/timer.h"
#include "kernel/proc.h"

static volatile uint32_t ticks;

void timer_tick(void)
{
	ticks++;
	sched_tick();
}

uint32_t timer_ticks(void)
{
	return ticks;
}
