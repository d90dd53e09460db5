/*
 * kernel/timer.h - the generic tick count, advanced by the board's periodic
 * timer interrupt.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "lib/types.h"

#define TIMER_HZ 100

/* Called from the board's timer interrupt handler, with interrupts off. */
void timer_tick(void);
uint32_t timer_ticks(void);

#endif
