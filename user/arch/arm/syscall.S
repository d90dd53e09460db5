/* user/arch/arm/syscall.S - the system call stubs: svc #0 with r7 = number,
 * r0-r4 = arguments, result in r0; every other register is kept.
 * __mendax_syscall(nr, a0..a4) takes all five arguments; the numbered
 * stubs take that many, and keep r7 in ip (r12, caller-saved, which the
 * kernel gives back unchanged) instead of on the stack. */
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

	.globl __mendax_syscall0
__mendax_syscall0:
	mov	ip, r7
	mov	r7, r0
	svc	#0
	mov	r7, ip
	bx	lr

	.globl __mendax_syscall1
__mendax_syscall1:
	mov	ip, r7
	mov	r7, r0
	mov	r0, r1
	svc	#0
	mov	r7, ip
	bx	lr

	.globl __mendax_syscall2
__mendax_syscall2:
	mov	ip, r7
	mov	r7, r0
	mov	r0, r1
	mov	r1, r2
	svc	#0
	mov	r7, ip
	bx	lr

	.globl __mendax_syscall3
__mendax_syscall3:
	mov	ip, r7
	mov	r7, r0
	mov	r0, r1
	mov	r1, r2
	mov	r2, r3
	svc	#0
	mov	r7, ip
	bx	lr
