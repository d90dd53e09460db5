/* user/arch/x86/syscall.S - int 0x80: eax = number, ebx ecx edx esi edi = arguments. */
	.text
	.globl __mendax_syscall
__mendax_syscall:
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %eax
	movl 20(%esp), %ebx
	movl 24(%esp), %ecx
	movl 28(%esp), %edx
	movl 32(%esp), %esi
	movl 36(%esp), %edi
	int $0x80
	popl %edi
	popl %esi
	popl %ebx
	ret
	.section .note.GNU-stack, "", @progbits
