/*
 * boards/rpi2/irq.c - interrupt routing on the BCM2836: the ARM-local
 * controller (per-core timer interrupts, and the GPU interrupt line) in
 * front of the BCM2835 controller (peripheral interrupts). Only core 0
 * takes interrupts; the generic timer is its only source so far.
 */
#include "board.h"
#include "mmio.h"
#include "arch/arm/arm_board.h"
#include "arch/arm/generic_timer.h"
#include "kernel/board.h"
#include "lib/kprintf.h"

#define BOOT_CORE 0u

void board_irq_init(void)
{
	/* Every BCM2835 source off (Peripherals 7.5, "Disable IRQs"). */
	mmio_write(RPI2_IC_BASE + IC_DISABLE1, 0xFFFFFFFFu);
	mmio_write(RPI2_IC_BASE + IC_DISABLE2, 0xFFFFFFFFu);
	mmio_write(RPI2_IC_BASE + IC_DISABLE_BASIC, 0xFFFFFFFFu);
	mmio_barrier();
	/* GPU interrupts to core 0 IRQ (Quad A7 4.5); no core timer routed yet. */
	mmio_write(RPI2_LOCAL_BASE + LOCAL_GPU_ROUTING, BOOT_CORE);
	mmio_write(RPI2_LOCAL_BASE + LOCAL_TIMER_CTL(BOOT_CORE), 0);
	mmio_barrier();
}

void board_timer_start(unsigned hz)
{
	/* Route core 0's virtual timer to its IRQ line (Quad A7 4.6, "Core
	 * timers interrupts"), then arm the timer. */
	mmio_write(RPI2_LOCAL_BASE + LOCAL_TIMER_CTL(BOOT_CORE), LOCAL_TIMER_CNTVIRQ);
	mmio_barrier();
	arm_timer_start(hz);
}

/* A GPU interrupt we never enabled: report it once, and disable whatever
 * is pending (Peripherals 7.5: writing 1 to a Disable bit masks that
 * source) so a source stuck high cannot re-enter the vector forever.
 * Basic pending bits 0-7 are the ARM-specific sources; 8 and 9 only say
 * "something in pending 1/2" and 10-20 mirror GPU sources already there. */
static void spurious_gpu_irq(void)
{
	static bool reported;
	mmio_barrier();
	uint32_t basic = mmio_read(RPI2_IC_BASE + IC_PENDING_BASIC);
	uint32_t p1 = mmio_read(RPI2_IC_BASE + IC_PENDING1);
	uint32_t p2 = mmio_read(RPI2_IC_BASE + IC_PENDING2);
	if (!reported)
		kprintf("rpi2: unexpected peripheral interrupt (pending basic %#x, 1 %#x, 2 %#x): "
			"masked\n", basic, p1, p2);
	reported = true;
	mmio_write(RPI2_IC_BASE + IC_DISABLE_BASIC, basic & 0xFFu);
	mmio_write(RPI2_IC_BASE + IC_DISABLE1, p1);
	mmio_write(RPI2_IC_BASE + IC_DISABLE2, p2);
	mmio_barrier();
}

void board_irq_dispatch(void)
{
	uint32_t pending = mmio_read(RPI2_LOCAL_BASE + LOCAL_IRQ_PENDING(BOOT_CORE));
	if (pending & LOCAL_PENDING_CNTV)
		arm_timer_irq();
	if (pending & LOCAL_PENDING_GPU)
		spurious_gpu_irq();
}
