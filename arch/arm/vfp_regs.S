/*
 * arch/arm/vfp_regs.S - the only kernel code that touches the VFP/NEON unit:
 * FPEXC, MVFR0 and saving/loading a process's d0-d31 and FPSCR
 * (arch/arm/vfp.h). Assembled for VFPv4 + NEON (Cortex-A7); the C code
 * stays soft-float.
 */
	.arm
	.fpu	neon-vfpv4
	.text

	.globl arm_fpexc_read
arm_fpexc_read:
	vmrs	r0, fpexc
	bx	lr

/* The ISB makes the new FPEXC.EN certain for the register transfer that
 * follows in the kernel (a conservative context synchronisation, ARM ARM
 * B1.11; the exception return to User mode synchronises as well). */
	.globl arm_fpexc_write
arm_fpexc_write:
	vmsr	fpexc, r0
	isb
	bx	lr

	.globl arm_mvfr0_read
arm_mvfr0_read:
	vmrs	r0, mvfr0
	bx	lr

/* void arm_vfp_save(struct arm_vfp_state *s, bool d32): d[32], then fpscr
 * at offset 256. Without D32 (MVFR0 says 16 registers) d16-d31 stay as
 * they are in memory. */
	.globl arm_vfp_save
arm_vfp_save:
	add	r2, r0, #256
	vstmia	r0!, {d0-d15}
	cmp	r1, #0
	vstmiane r0, {d16-d31}
	vmrs	r3, fpscr
	str	r3, [r2]
	bx	lr

	.globl arm_vfp_load
arm_vfp_load:
	add	r2, r0, #256
	vldmia	r0!, {d0-d15}
	cmp	r1, #0
	vldmiane r0, {d16-d31}
	ldr	r3, [r2]
	vmsr	fpscr, r3
	bx	lr
