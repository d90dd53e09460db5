/* user/arch/arm/syscall.S - svc #0: r7 = number, r0-r4 = arguments, result in r0. */
	.arm
	.text
	.globl __mendax_syscall
__mendax_syscall:
	push	{r4, r7, lr}
	mov	r7, r0
	mov	r0, r1
	mov	r1, r2
	mov	r2, r3
	ldr	r3, [sp, #12]
	ldr	r4, [sp, #16]
	svc	#0
	pop	{r4, r7, pc}
