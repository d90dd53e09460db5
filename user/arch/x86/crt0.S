/* user/arch/x86/crt0.S - program entry: the kernel left [argc][argv] at esp. */
	.text
	.globl _start
_start:
	movl (%esp), %eax
	movl 4(%esp), %edx
	andl $-16, %esp
	subl $8, %esp
	pushl %edx
	pushl %eax
	call main
	pushl %eax
	call exit
1:	jmp 1b
	.section .note.GNU-stack, "", @progbits
