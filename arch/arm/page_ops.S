/*
 * arch/arm/page_ops.S - clearing and copying a 4 KiB page with 8-register
 * load/store-multiple instructions (32 bytes each): 128 of them per page.
 */
	.arm
	.text
/* void arch_page_zero(void *page) */
	.globl arch_page_zero
arch_page_zero:
	push	{r4-r9}
	mov	r1, #0
	mov	r2, #0
	mov	r3, #0
	mov	r4, #0
	mov	r5, #0
	mov	r6, #0
	mov	r7, #0
	mov	r8, #0
	add	r9, r0, #4096
1:	stmia	r0!, {r1-r8}
	stmia	r0!, {r1-r8}
	cmp	r0, r9
	bne	1b
	pop	{r4-r9}
	bx	lr

/* void arch_page_copy(void *dst, const void *src) */
	.globl arch_page_copy
arch_page_copy:
	push	{r4-r10}
	add	r10, r0, #4096
1:	ldmia	r1!, {r2-r9}
	stmia	r0!, {r2-r9}
	cmp	r0, r10
	bne	1b
	pop	{r4-r10}
	bx	lr

/* uint64_t arch_cycles(void): PMCCNTR, the PMU cycle counter (enabled at
 * boot; under QEMU -icount it counts executed instructions). 32 bits wide:
 * callers use differences. */
	.globl arch_cycles
arch_cycles:
	mrc	p15, 0, r0, c9, c13, 0
	mov	r1, #0
	bx	lr
