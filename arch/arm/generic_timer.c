/*
 * arch/arm/generic_timer.c - a periodic tick from the virtual timer of the
 * ARM generic timer (ARM ARM B8). The rate is read from CNTFRQ, never
 * assumed: QEMU reports 62.5 MHz, a real Pi 2 19.2 MHz.
 */
#include "arch/arm/generic_timer.h"
#include "arch/arm/cp15.h"
#include "kernel/timer.h"

#define CNTV_CTL_ENABLE  (1u << 0)
#define CNTV_CTL_IMASK   (1u << 1)

static uint32_t interval;

void arm_timer_start(unsigned hz)
{
	interval = cp15_cntfrq() / hz;
	/* Compare value, not TVAL reloads: the next deadline is derived from
	 * the last one, so interrupt latency does not accumulate as drift. */
	cp15_set_cntv_cval(cp15_cntvct() + interval);
	cp15_set_cntv_ctl(CNTV_CTL_ENABLE);
	isb();
}

void arm_timer_irq(void)
{
	uint64_t next = cp15_cntv_cval() + interval;
	uint64_t now = cp15_cntvct();
	if (next <= now)          /* fell behind (e.g. stopped in a debugger): skip ahead */
		next = now + interval;
	cp15_set_cntv_cval(next);
	isb();
	timer_tick();
}
