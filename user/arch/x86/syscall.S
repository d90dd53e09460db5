/* user/arch/x86/syscall.S - the system call stubs.
 * __mendax_syscall(nr, a0..a4): int 0x80, eax = number, ebx ecx edx esi
 * edi = arguments (the compatibility path, every register kept but eax).
 * __mendax_syscallN(nr, a0..): sysenter (arch/x86/sysenter_entry.S), eax =
 * number, ebx esi edi = arguments, ecx = the stack pointer and edx = the
 * address to come back to (SYSEXIT takes them from there); ecx and edx
 * are not kept, as cdecl allows. */
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

/* The fast stubs: the arguments go in callee-saved registers, which each
 * stub saves around the call. ESP at sysenter is where SYSEXIT returns. */
	.globl __mendax_syscall0
__mendax_syscall0:
	movl 4(%esp), %eax
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:	ret

	.globl __mendax_syscall1
__mendax_syscall1:
	pushl %ebx
	movl 8(%esp), %eax
	movl 12(%esp), %ebx
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:	popl %ebx
	ret

	.globl __mendax_syscall2
__mendax_syscall2:
	pushl %ebx
	pushl %esi
	movl 12(%esp), %eax
	movl 16(%esp), %ebx
	movl 20(%esp), %esi
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:	popl %esi
	popl %ebx
	ret

	.globl __mendax_syscall3
__mendax_syscall3:
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %eax
	movl 20(%esp), %ebx
	movl 24(%esp), %esi
	movl 28(%esp), %edi
	movl %esp, %ecx
	movl $1f, %edx
	sysenter
1:	popl %edi
	popl %esi
	popl %ebx
	ret
	.section .note.GNU-stack, "", @progbits
