/*
 * kernel/timer.c - counts timer interrupts. Owns only the tick counter;
 * the hardware timer belongs to the board.
 */
#include "kernel/timer.h"

static volatile uint32_t ticks;

void timer_tick(void)
{
	ticks++;
}

uint32_t timer_ticks(void)
{
	return ticks;
}
