/* user/arch/arm/crt0.S - program entry: the kernel left [argc][argv] at sp. */
	.arm
	.text
	.globl _start
_start:
	ldr	r0, [sp]
	ldr	r1, [sp, #4]
	bic	sp, sp, #7
	bl	main
	bl	exit
1:	b	1b
