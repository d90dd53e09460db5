/*
 * arch/arm/switch.S - switching kernel stacks between processes, and a new
 * process's way into User mode.
 */
	.arm
	.text
/* void arch_context_switch(struct arch_context *from, const struct arch_context *to)
 * Saves the callee-saved registers (AAPCS: r4-r11) and the return address
 * on this stack, lets vfp.c enable or disable the VFP unit for *to (only
 * while some process owns it: four instructions otherwise), stores
 * sp in *from, loads *to's sp and returns there. */
	.globl arch_context_switch
arch_context_switch:
	push	{r4-r11, lr}
	ldr	r2, =arm_vfp_owner
	ldr	r2, [r2]
	cmp	r2, #0                  /* no owner: FPEXC.EN is off and stays off */
	beq	1f
	mov	r4, r0
	mov	r5, r1
	mov	r0, r1
	bl	arm_vfp_switch          /* FPEXC.EN on exactly for the owner (vfp.c) */
	mov	r0, r4
	mov	r1, r5
1:	str	sp, [r0]
	ldr	sp, [r1]
	pop	{r4-r11, pc}
	.ltorg

/* A new process: sp points at its user frame (arch_proc_init_stack). */
	.globl arm_first_run
arm_first_run:
	bl	proc_first_run
	b	arm_trap_return
