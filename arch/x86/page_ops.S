/*
 * arch/x86/page_ops.S - clearing and copying a 4 KiB page with string
 * instructions: 1024 iterations of stosl/movsl, the cheapest way to move a
 * page on i386 without SSE (which the kernel does not use).
 */
	.text
/* void arch_page_zero(void *page) */
	.globl arch_page_zero
arch_page_zero:
	pushl %edi
	movl 8(%esp), %edi
	xorl %eax, %eax
	movl $1024, %ecx
	cld
	rep stosl
	popl %edi
	ret

/* void arch_page_copy(void *dst, const void *src) */
	.globl arch_page_copy
arch_page_copy:
	pushl %edi
	pushl %esi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl $1024, %ecx
	cld
	rep movsl
	popl %esi
	popl %edi
	ret

/* uint64_t arch_cycles(void): the time-stamp counter (under QEMU -icount
 * it counts executed instructions; platform-facts.md). */
	.globl arch_cycles
arch_cycles:
	rdtsc
	ret

	.section .note.GNU-stack, "", @progbits
