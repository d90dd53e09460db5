/* user/arch/arm/cycles.S - unsigned long long bench_cycles(void): PMCCNTR
 * (User access enabled by the kernel); instructions under QEMU -icount. */
	.arm
	.text
	.globl bench_cycles
bench_cycles:
	mrc	p15, 0, r0, c9, c13, 0
	mov	r1, #0
	bx	lr
