/*
 * arch/arm/boot/start.S - the first instructions on every core. Parks
 * cores 1-3, keeps the boot loader's r0-r2, leaves HYP mode, makes sure
 * the MMU and caches are off, gives each exception mode a stack, installs
 * the vectors and clears .bss, then calls arm_boot_main(r0, r1, r2, mode).
 * Entry can be: Secure SVC (QEMU ELF boot, all cores at once), Non-secure
 * SVC (QEMU uImage/raw boot), or Non-secure HYP (Pi firmware, U-Boot).
 */
#include "arch/arm/cpu_bits.h"

#define STACK_SIZE      8192    /* SVC: the kernel stack */
#define EXC_STACK_SIZE  1024    /* IRQ, ABT, UND, FIQ: the entry stubs move to SVC at once */

	.arm
	.section .text.boot, "ax"
	.globl _start
_start:
	/* Interrupts off before anything else (they are on in no entry state
	 * we know, but nothing here could take one). */
	cpsid	aif

	/* Cores 1-3 wait for later SMP work. With an ELF boot all four cores
	 * arrive here at once; with the firmware or QEMU's stub only core 0.
	 * wfe, not a bare spin: a spinning core starves the others under
	 * QEMU -icount (platform-facts.md). */
	mrc	p15, 0, r4, c0, c0, 5           /* MPIDR */
	ands	r4, r4, #3
	bne	park

	mrs	r4, cpsr
	and	r4, r4, #PSR_MODE_MASK          /* r4: the mode we were entered in */
	cmp	r4, #PSR_MODE_HYP
	bleq	leave_hyp
	cps	#PSR_MODE_SVC

	bl	setup_stacks
	bl	caches_and_mmu_off

	/* Vectors: SCTLR.V = 0 selects VBAR (ARM ARM B4.1.156) rather than
	 * the fixed high vectors at 0xFFFF0000. */
	ldr	r5, =arm_vectors
	mcr	p15, 0, r5, c12, c0, 0          /* VBAR */
	mrc	p15, 0, r5, c1, c0, 0
	bic	r5, r5, #SCTLR_V
	mcr	p15, 0, r5, c1, c0, 0
	isb

	/* Clear .bss without touching the stack (it lives in .bss). */
	ldr	r5, =__bss_start
	ldr	r6, =__bss_end
	mov	r7, #0
1:	cmp	r5, r6
	strlo	r7, [r5], #4
	blo	1b

	mov	r3, r4
	bl	arm_boot_main                   /* (r0, r1, r2 from the loader, entry mode) */
	b	park

park:
	wfe
	b	park

/*
 * HYP -> SVC, as the firmware and U-Boot enter the kernel (ARM ARM B1.8,
 * "Hyp mode"). Before leaving: let PL1 use the physical counter and timer
 * (CNTHCTL.PL1PCTEN/PL1PCEN, B4.1.26) and zero the virtual offset
 * (CNTVOFF, writable only from HYP) so the virtual timer counts like the
 * physical one. Then exception-return into SVC with interrupts masked:
 * SPSR via msr spsr_cxsf and ELR_hyp via msr elr_hyp (the spsr_hyp form
 * hung under QEMU; platform-facts.md). Preserves r0-r3.
 */
leave_hyp:
	mov	r5, #(CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN)
	mcr	p15, 4, r5, c14, c1, 0          /* CNTHCTL */
	mov	r5, #0
	mov	r6, #0
	mcrr	p15, 4, r5, r6, c14             /* CNTVOFF */
	mov	r5, #0
	mcr	p15, 4, r5, c1, c1, 0           /* HCR = 0: no traps to HYP */
	mov	r5, #(PSR_MODE_SVC | PSR_A | PSR_I | PSR_F)
	msr	spsr_cxsf, r5
	msr	elr_hyp, lr
	eret

/*
 * MMU, caches and branch prediction off. The boot paths we know leave them
 * off, but U-Boot's "go" leaves them on. Turning the D-cache off with dirty
 * lines would lose data, so clean and invalidate it to the point of
 * coherency first (ARM ARM B2.2.7), then invalidate the I-cache, branch
 * predictor and TLBs, which may hold entries from the previous owner.
 * Needs a stack (the one setup_stacks gave SVC); preserves all registers.
 */
caches_and_mmu_off:
	push	{r0-r5, lr}
	mrc	p15, 0, r5, c1, c0, 0           /* SCTLR */
	tst	r5, #SCTLR_C
	blne	dcache_clean_invalidate_all
	mrc	p15, 0, r5, c1, c0, 0
	bic	r5, r5, #(SCTLR_M | SCTLR_C | SCTLR_A)
	bic	r5, r5, #(SCTLR_I | SCTLR_Z)
	mcr	p15, 0, r5, c1, c0, 0
	isb
	mov	r5, #0
	mcr	p15, 0, r5, c7, c5, 0           /* ICIALLU */
	mcr	p15, 0, r5, c7, c5, 6           /* BPIALL */
	mcr	p15, 0, r5, c8, c7, 0           /* TLBIALL */
	dsb
	isb
	pop	{r0-r5, pc}

/*
 * Clean and invalidate every data/unified cache level up to the level of
 * coherency, by set/way (CLIDR, CSSELR, CCSIDR; ARM ARM B4.1.20-B4.1.43 and
 * the maintenance loop described with B2.2.7). Preserves all registers.
 */
dcache_clean_invalidate_all:
	push	{r0-r12, lr}
	dmb
	mrc	p15, 1, r0, c0, c0, 1           /* r0: CLIDR */
	ubfx	r1, r0, #24, #3
	lsl	r1, r1, #1                      /* r1: LoC << 1 */
	mov	r2, #0                          /* r2: level << 1 (CSSELR format) */
1:	cmp	r2, r1
	bge	5f
	add	r3, r2, r2, lsr #1              /* 3 * level: this level's Ctype field */
	lsr	r3, r0, r3
	and	r3, r3, #7
	cmp	r3, #2                          /* 0 none, 1 I-cache only */
	blt	4f
	mcr	p15, 2, r2, c0, c0, 0           /* CSSELR */
	isb
	mrc	p15, 1, r3, c0, c0, 0           /* r3: CCSIDR */
	and	r4, r3, #7
	add	r4, r4, #4                      /* r4: log2(line bytes) = set shift */
	ubfx	r5, r3, #3, #10                 /* r5: ways - 1 */
	clz	r6, r5                          /* r6: way shift */
	ubfx	r7, r3, #13, #15                /* r7: sets - 1, counts down */
2:	mov	r8, r5                          /* r8: way, counts down */
3:	orr	r9, r2, r8, lsl r6
	orr	r9, r9, r7, lsl r4
	mcr	p15, 0, r9, c7, c14, 2          /* DCCISW */
	subs	r8, r8, #1
	bge	3b
	subs	r7, r7, #1
	bge	2b
4:	add	r2, r2, #2
	b	1b
5:	mov	r2, #0
	mcr	p15, 2, r2, c0, c0, 0           /* CSSELR back to level 1 */
	dsb
	isb
	pop	{r0-r12, pc}

/* One stack per exception mode (each lies in .bss, inside the kernel
 * image the PMM reserves). Preserves r0-r5. */
setup_stacks:
	cps	#PSR_MODE_IRQ
	ldr	sp, =irq_stack_top
	cps	#PSR_MODE_ABT
	ldr	sp, =abt_stack_top
	cps	#PSR_MODE_UND
	ldr	sp, =und_stack_top
	cps	#PSR_MODE_FIQ
	ldr	sp, =fiq_stack_top
	cps	#PSR_MODE_SVC
	ldr	sp, =svc_stack_top
	bx	lr

	.ltorg

	.section .bss
	.p2align 3
	.globl svc_stack_top
svc_stack:	.skip STACK_SIZE
svc_stack_top:
irq_stack:	.skip EXC_STACK_SIZE
irq_stack_top:
abt_stack:	.skip EXC_STACK_SIZE
abt_stack_top:
und_stack:	.skip EXC_STACK_SIZE
und_stack_top:
fiq_stack:	.skip EXC_STACK_SIZE
fiq_stack_top:
