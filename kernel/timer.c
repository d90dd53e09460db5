/*
 * kernel/timer.c - counts timer interrupts and hands each tick to the
 * console (input polling) and the scheduler. Owns only the tick counter;
 * the hardware timer belongs to the board.
 */
#include "kernel/timer.h"
#include "kernel/proc.h"
#include "kernel/console.h"

static volatile uint32_t ticks;

void timer_tick(void)
{
	ticks++;
	console_poll();   /* the UART is polled: Ctrl-C must be seen while nobody reads */
	sched_tick();
}

uint32_t timer_ticks(void)
{
	return ticks;
}
