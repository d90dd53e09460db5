/*
 * boards/rpi2/uboot/standin.S - a stand-in for the Raspberry Pi 2 GPU
 * firmware, for QEMU only. QEMU cannot run the real firmware, so this does
 * its job before U-Boot: every core enables SMP coherency and leaves Secure
 * state for Non-secure HYP mode (as the firmware's ARM stub does); core 0
 * then enters U-Boot at 0x8000 with r0 = 0, r1 = 0xC42 (BCM2709 machine
 * type), r2 = the device tree; cores 1-3 wait on their mailbox 3, exactly
 * where the firmware parks them on a real board.
 * Loaded as an ELF at 0 with -kernel: QEMU then starts all four cores here
 * at once in Secure SVC mode with the MMU off (platform-facts.md).
 */
#define UBOOT_ENTRY     0x8000
#define DTB_ADDR        0x03000000   /* loaded here by -device loader; high, so bootm can grow it */
#define MACH_BCM2709    0xC42
#define LOCAL_MBOX3_CLR 0x400000CC   /* core n: + 0x10 * n (BCM2836 "ARM Quad A7 core" 4.7) */

#define MODE_MON 0x16
#define MODE_HYP 0x1A
#define PSR_AIF  0x1C0               /* asynchronous aborts, IRQ and FIQ masked */

/* SCR (ARM ARM B4.1.129): NS = Non-secure; FW, AW = the Non-secure side may
 * mask FIQs and asynchronous aborts; HCE = the HVC instruction is enabled. */
#define SCR_NS  (1 << 0)
#define SCR_FW  (1 << 4)
#define SCR_AW  (1 << 5)
#define SCR_HCE (1 << 8)

/* NSACR (B4.1.111): CP10/CP11 = Non-secure access to the FPU; NS_SMP = the
 * Non-secure side may write ACTLR.SMP. */
#define NSACR_CP10_CP11 (3 << 10)
#define NSACR_NS_SMP    (1 << 18)

	.arm
	.section .text.boot, "ax"
	.globl _start
_start:
	ldr	r0, =(NSACR_CP10_CP11 | NSACR_NS_SMP)
	mcr	p15, 0, r0, c1, c1, 2          /* NSACR */
	/* ACTLR.SMP (Cortex-A7 TRM 4.3.31): must be set before caches and
	 * MMU are enabled so this core takes part in coherency. */
	mrc	p15, 0, r0, c1, c0, 1
	orr	r0, r0, #(1 << 6)
	mcr	p15, 0, r0, c1, c0, 1
	isb

	/* Secure SVC may change to Monitor mode directly; from there an
	 * exception return with SCR.NS set lands in Non-secure HYP. */
	cps	#MODE_MON
	ldr	r0, =(SCR_NS | SCR_FW | SCR_AW | SCR_HCE)
	mcr	p15, 0, r0, c1, c1, 0           /* SCR */
	isb
	mov	r0, #(MODE_HYP | PSR_AIF)
	msr	spsr_cxsf, r0
	adr	lr, in_hyp
	movs	pc, lr

in_hyp:
	/* The virtual counter offset is only writable from HYP (or Monitor
	 * with NS set): zero it so CNTVCT equals CNTPCT for the OS, as the
	 * firmware does (ARM ARM B8.1.3). */
	mov	r0, #0
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c14             /* CNTVOFF */
	isb

	mrc	p15, 0, r0, c0, c0, 5           /* MPIDR: core number in bits [1:0] */
	ands	r0, r0, #3
	bne	secondary

	mov	r0, #0
	ldr	r1, =MACH_BCM2709
	ldr	r2, =DTB_ADDR
	ldr	r3, =UBOOT_ENTRY
	bx	r3

/* Cores 1-3: sleep until an address appears in this core's mailbox 3,
 * clear it (write-1-to-clear) and jump there. wfe keeps QEMU's icount
 * scheduler from starving the other cores (platform-facts.md). */
secondary:
	ldr	r4, =LOCAL_MBOX3_CLR
	add	r4, r4, r0, lsl #4
1:	wfe
	ldr	r3, [r4]
	cmp	r3, #0
	beq	1b
	str	r3, [r4]
	bx	r3

	.ltorg
