/*
 * arch/arm/vectors.S - the exception vector table (VBAR) and the entry
 * stubs. Every exception is handled on the SVC stack: the stub stores the
 * return address and SPSR there with SRS, switches to SVC, saves the rest
 * as a struct arm_trap_frame (arch/arm/trap.h) and calls arm_trap(frame,
 * kind). Returning restores everything and resumes with RFE.
 */
#include "arch/arm/cpu_bits.h"
#include "arch/arm/mm/layout.h"

	.arm
	.section .text
	.p2align 5                      /* VBAR bits [4:0] are RES0 (B4.1.156) */
	.globl arm_vectors
arm_vectors:
	b	never_taken             /* reset: not taken through VBAR */
	b	undef_entry
	b	svc_entry
	b	pabt_entry
	b	dabt_entry
	b	never_taken             /* reserved (HYP trap in HYP mode only) */
	b	irq_entry
	b	fiq_entry

/* Vectors the architecture never takes through VBAR outside HYP mode.
 * Stop here with wfe, not a bare spin (platform-facts.md: a spinning core
 * starved the others under QEMU -icount). */
never_taken:
	wfe
	b	never_taken

/*
 * lr_adjust: the exception's LR minus the address to resume at (B1.8.3,
 * table "Exception return addresses"): undef and SVC 0 (resume at the next
 * instruction), prefetch abort 4, data abort 8 (the faulting instruction),
 * IRQ/FIQ 4.
 * Frame (20 words, grows down): r0-r12, svc_lr, usr_sp, usr_lr, 2 pad, then
 * pc and cpsr stored by SRS.
 */
/* The frame on the SVC stack (lr already adjusted); r0 = the frame. */
.macro TRAP_SAVE
	srsdb	sp!, #PSR_MODE_SVC      /* {lr, spsr} of this mode onto the SVC stack */
	cps	#PSR_MODE_SVC
	sub	sp, sp, #20             /* svc_lr, usr_sp, usr_lr, 2 pad: 80 bytes keep sp 8-aligned */
	push	{r0-r12}
	str	lr, [sp, #52]           /* the interrupted SVC code's lr: bl below clobbers it */
	add	r0, sp, #56
	stmia	r0, {sp, lr}^           /* User/System banked sp and lr */
	mov	r0, sp
.endm

.macro TRAP_ENTRY name, kind, lr_adjust
\name:
	.if \lr_adjust
	sub	lr, lr, #\lr_adjust
	.endif
	TRAP_SAVE
	mov	r1, #\kind
	bl	arm_trap
	b	trap_return
.endm

	TRAP_ENTRY undef_entry, TRAP_UNDEF, 0
	TRAP_ENTRY pabt_entry, TRAP_PABT, 4
	TRAP_ENTRY irq_entry, TRAP_IRQ, 4
	TRAP_ENTRY fiq_entry, TRAP_FIQ, 4

/*
 * The data abort: the exception a kernel stack overflow raises, a push
 * into the guard page below a kernel stack (mm/kstack.h); an IRQ, undef
 * or prefetch abort taken with SP_svc at a stack's bottom ends here too,
 * its SRS aborting. The frame goes on SP_svc, so an abort from a PL1
 * mode first checks that 80 bytes fit above the guard (from User mode the
 * kernel stack is empty: no check). Abort mode's own SP is the scratch
 * register: no stub keeps anything on it. SP_svc is read with the banked
 * MRS of the Virtualization Extensions (ARM ARM B9.3.9; the Cortex-A7 has
 * them). An overflow builds the frame on this CPU's overflow stack
 * (TPIDRPRW, start.S) and reports it (arch/arm/kstack_overflow.c).
 */
	.arch_extension virt
dabt_entry:
	sub	lr, lr, #8
	mrs	sp, spsr
	tst	sp, #(PSR_MODE_MASK & ~PSR_MODE_USR)   /* User mode: mode bits 10000 */
	bne	dabt_from_pl1
dabt_save:
	TRAP_SAVE
	mov	r1, #TRAP_DABT
	bl	arm_trap
	b	trap_return

dabt_from_pl1:
	mrs	sp, SP_svc
	sub	sp, sp, #TRAP_FRAME_BYTES
	sub	sp, sp, #(KSTACK_REGION & 0xff000000)
	sub	sp, sp, #(KSTACK_REGION & 0x00ffffff)   /* sp: the frame's offset in the stack region */
	cmp	sp, #(KSTACK_REGION_END - KSTACK_REGION)
	bhs	dabt_save               /* not a kernel stack (the boot stack) */
	tst	sp, #KSTACK_SLOT_GUARD
	bne	dabt_save               /* it fits in the stack page */
	mrs	sp, SP_svc              /* for the report: Abort mode keeps it */
	cps	#PSR_MODE_SVC
	mrc	p15, 0, sp, c13, c0, 4  /* TPIDRPRW: this CPU's overflow stack */
	cps	#PSR_MODE_ABT
	TRAP_SAVE
	mrs	r1, SP_abt
	bl	arm_kstack_overflow     /* does not return */

/*
 * The system call: an SVC from User mode. The same frame as every trap
 * (fork copies it, exec rewrites it), but none of arm_trap's sorting: the
 * call goes straight to arm_syscall. An SVC from a PL1 mode (semihosting,
 * or a kernel bug) is not a system call: it goes the general way, which
 * needs the SVC lr in the frame; a call from User mode does not (no SVC
 * code was interrupted). SVC is taken in SVC mode already: no cps.
 */
svc_entry:
	srsdb	sp!, #PSR_MODE_SVC
	sub	sp, sp, #20
	push	{r0-r12}
	mrs	r0, spsr
	tst	r0, #(PSR_MODE_MASK & ~PSR_MODE_USR)   /* User mode: mode bits 10000 */
	bne	svc_from_pl1
	add	r0, sp, #56
	stmia	r0, {sp, lr}^           /* User sp and lr */
	mov	r0, sp
	bl	arm_syscall
	add	r0, sp, #56             /* back to User mode: the svc lr is dead */
	ldmia	r0, {sp, lr}^
	nop                             /* no banked register access right after LDM ^ (A8.8.59) */
	pop	{r0-r12}
	add	sp, sp, #20
	rfeia	sp!

svc_from_pl1:                           /* the rest of TRAP_ENTRY: r0-r12 are saved */
	str	lr, [sp, #52]
	add	r0, sp, #56
	stmia	r0, {sp, lr}^
	mov	r0, sp
	mov	r1, #TRAP_SVC
	bl	arm_trap
	b	trap_return

	.globl arm_trap_return
arm_trap_return:                        /* sp at a frame: resume what it describes */
trap_return:
	add	r0, sp, #56
	ldmia	r0, {sp, lr}^
	nop                             /* no banked register access right after LDM ^ (A8.8.59) */
	ldr	lr, [sp, #52]
	pop	{r0-r12}
	add	sp, sp, #20
	rfeia	sp!                     /* pc and cpsr from the frame */
