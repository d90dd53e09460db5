/*
 * boards/rpi2/core_park.S - where cores 1-3 wait: asleep in wfi, woken by an
 * IPI on their ARM-local mailbox 0. Runs at its physical address with the
 * MMU off, in whatever mode the loader left the core (Secure SVC: ELF
 * boot; Non-secure SVC: QEMU's stub; Non-secure HYP: firmware, stand-in),
 * with no stack: only PC-relative code and the physical device addresses.
 * It must never touch memory, so it needs neither caches nor ACTLR.SMP.
 */
#include "board.h"

	.arm
	.section .text
	.globl board_core_park
board_core_park:
	cpsid	aif
	mrc	p15, 0, r0, c0, c0, 5           /* MPIDR: core number in [1:0] */
	and	r0, r0, #3
	/* Let mailbox 0 raise this core's IRQ line (BCM2836 "Quad A7" 4.7,
	 * "Core Mailboxes interrupt control"): with CPSR.I set nothing is
	 * taken, but WFI wakes on a pending interrupt even when it is masked
	 * (ARM ARM B1.8.13), so an IPI is the way to wake the core later. */
	ldr	r1, =(RPI2_LOCAL_PHYS + LOCAL_MBOX_IRQ_CTL(0))
	mov	r2, #LOCAL_MBOX_IRQ_MBOX0
	str	r2, [r1, r0, lsl #2]
	ldr	r1, =(RPI2_LOCAL_PHYS + LOCAL_MBOX_RDCLR(0, 0))
	add	r1, r1, r0, lsl #4              /* r1: this core's mailbox 0, read/clear */
	dsb
	/* wfi, not wfe: QEMU runs wfe as a yield, so a wfe loop burns a host
	 * core, and under -icount it stops virtual time (platform-facts-2 4). */
1:	wfi
	ldr	r2, [r1]
	cmp	r2, #0
	beq	1b
	str	r2, [r1]                        /* write-1-to-clear what was read */
	dsb
	bx	r2                              /* the address the IPI carried, with
	                                         * r0 = core number; MMU still off */

/* An IPI target that proves the core is parked here and wakes: it answers
 * in its own mailbox 1 (core 0 reads and clears it) and parks again. */
	.globl board_core_ping
board_core_ping:
	ldr	r1, =(RPI2_LOCAL_PHYS + LOCAL_MBOX_SET(0, 1))
	add	r1, r1, r0, lsl #4
	ldr	r2, =CORE_PING_ANSWER
	str	r2, [r1]
	dsb
	b	board_core_park

	.ltorg
