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
 * Unlike the firmware it also gives HYP a vector table (HVBAR): any
 * exception U-Boot takes in HYP is printed on the PL011 and QEMU exits with
 * status 4, so a fault inside U-Boot can never be a silent hang.
 */
#include "arch/arm/hyp_vector_table.h"

#define UBOOT_ENTRY     0x8000
#define DTB_ADDR        0x03000000   /* loaded here by -device loader; high, so bootm can grow it */
#define MACH_BCM2709    0xC42
#define LOCAL_MBOX3_CLR 0x400000CC   /* core n: + 0x10 * n (BCM2836 "ARM Quad A7 core" 4.7) */

#define UART_DR         0x3F201000   /* PL011 UART0, polled; U-Boot's HYP map is 1:1 */
#define UART_FR         0x3F201018
#define UART_FR_TXFF    (1 << 5)
#define EXIT_HYP_FAULT  4            /* QEMU's exit status after a reported exception */

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
	/* Leave HYP traps on, as a firmware may (their reset values are
	 * UNKNOWN): PMU accesses (HDCR.TPM, TPMCR; ARM ARM B4.1.71), CP15 c15
	 * (HSTR.T15, B4.1.72), the FPU (HCPTR.TCP10/11, B4.1.74). U-Boot makes
	 * none of these accesses; a kernel that does not clear them traps to
	 * HYP at its first PMU access and is reported below. */
	mov	r0, #((1 << 6) | (1 << 5))
	mcr	p15, 4, r0, c1, c1, 1           /* HDCR */
	mov	r0, #(1 << 15)
	mcr	p15, 4, r0, c1, c1, 3           /* HSTR */
	mrc	p15, 4, r0, c1, c1, 2
	orr	r0, r0, #((1 << 10) | (1 << 11))
	mcr	p15, 4, r0, c1, c1, 2           /* HCPTR */
	/* Exceptions taken in HYP use HVBAR (ARM ARM B1.8.2, B4.1.83). */
	ldr	r0, =hyp_vectors
	mcr	p15, 4, r0, c12, c0, 0          /* HVBAR */
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

/*
 * The HYP vector table (ARM ARM B1.8.2, "The Hyp exception vectors"):
 * offsets 0x04 undefined instruction, 0x08 HVC/SVC, 0x0C prefetch abort,
 * 0x10 data abort, 0x14 Hyp trap, 0x18 IRQ, 0x1C FIQ. Each entry puts its
 * offset in r12 and reports (arch/arm/hyp_vector_table.h). U-Boot enters the kernel in HYP, so the table
 * stays in force until the kernel replaces HVBAR when it leaves HYP.
 */
	HYP_VECTOR_TABLE hyp_vectors, r12, hyp_report

/*
 * "stand-in: HYP exception 0xNN: ELR_hyp, SPSR_hyp, HSR (syndrome,
 * B3.13.6), HDFAR, HIFAR", then stop. Needs no stack and no memory: the
 * values stay in r4-r8. Stops by exiting QEMU through semihosting; if
 * semihosting is off that SVC comes back here as offset 0x08 from
 * exit_svc, and the core sleeps instead.
 */
hyp_report:
	cpsid	aif
	mrs	r4, elr_hyp
	adr	r0, exit_svc
	add	r0, r0, #4
	cmp	r4, r0                          /* our own exit SVC: no semihosting */
	beq	hyp_sleep
	mrs	r5, spsr
	mrc	p15, 4, r6, c5, c2, 0           /* HSR */
	mrc	p15, 4, r7, c6, c0, 0           /* HDFAR */
	mrc	p15, 4, r8, c6, c0, 2           /* HIFAR */
	ldr	r0, =msg_exception
	bl	put_str
	mov	r0, r12
	bl	put_hex
	ldr	r0, =msg_elr
	bl	put_str
	mov	r0, r4
	bl	put_hex
	ldr	r0, =msg_spsr
	bl	put_str
	mov	r0, r5
	bl	put_hex
	ldr	r0, =msg_hsr
	bl	put_str
	mov	r0, r6
	bl	put_hex
	ldr	r0, =msg_hdfar
	bl	put_str
	mov	r0, r7
	bl	put_hex
	ldr	r0, =msg_hifar
	bl	put_str
	mov	r0, r8
	bl	put_hex
	ldr	r0, =msg_end
	bl	put_str
	/* Semihosting SYS_EXIT_EXTENDED {ADP_Stopped_ApplicationExit, code}. */
	ldr	r1, =exit_block
	mov	r0, #0x20
exit_svc:
	svc	0x123456
hyp_sleep:
	wfi
	b	hyp_sleep

/* r0: a NUL-terminated string. Clobbers r0-r2, r11. */
put_str:
	mov	r2, lr
1:	ldrb	r1, [r0], #1
	cmp	r1, #0
	bxeq	r2
	bl	put_char
	b	1b

/* r0: a word, printed as 0x and 8 hex digits. Clobbers r1, r3, r9-r11. */
put_hex:
	mov	r10, lr
	mov	r9, r0
	mov	r1, #'0'
	bl	put_char
	mov	r1, #'x'
	bl	put_char
	mov	r3, #28
1:	lsr	r1, r9, r3
	and	r1, r1, #0xF
	cmp	r1, #10
	addlo	r1, r1, #'0'
	addhs	r1, r1, #('a' - 10)
	bl	put_char
	subs	r3, r3, #4
	bge	1b
	bx	r10

/* r1: a byte, written when the transmit FIFO has room. Clobbers r11. */
put_char:
	ldr	r11, =UART_FR
1:	ldr	r11, [r11]
	tst	r11, #UART_FR_TXFF
	beq	2f
	yield
	ldr	r11, =UART_FR
	b	1b
2:	ldr	r11, =UART_DR
	str	r1, [r11]
	bx	lr

	.p2align 2
exit_block:
	.word	0x20026, EXIT_HYP_FAULT
msg_exception:	.asciz	"\r\nstand-in: U-Boot took a HYP exception, vector offset "
msg_elr:	.asciz	"\r\n  ELR_hyp "
msg_spsr:	.asciz	"  SPSR_hyp "
msg_hsr:	.asciz	"  HSR "
msg_hdfar:	.asciz	"\r\n  HDFAR "
msg_hifar:	.asciz	"  HIFAR "
msg_end:	.asciz	"\r\nstand-in: stopped\r\n"

	.ltorg
