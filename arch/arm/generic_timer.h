/*
 * arch/arm/generic_timer.h - the ARM generic timer's virtual timer (CNTV)
 * as a periodic tick source. The board routes its interrupt.
 */
#ifndef ARCH_ARM_GENERIC_TIMER_H
#define ARCH_ARM_GENERIC_TIMER_H

#include "lib/types.h"

/* Programs the first expiry 1/hz s from now and enables the timer. */
void arm_timer_start(unsigned hz);

/* From the IRQ path when the board reports the virtual timer: schedules
 * the next expiry and ticks the kernel. */
void arm_timer_irq(void);

#endif
