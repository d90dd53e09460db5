/*
 * arch/x86/switch.S - switching kernel stacks between processes, and a new
 * process's way into user mode.
 */
	.text
/* void arch_context_switch(struct arch_context *from, const struct arch_context *to)
 * Saves the callee-saved registers (i386 System V ABI) on this stack,
 * stores esp in *from, loads *to's esp and pops its registers. */
	.globl arch_context_switch
arch_context_switch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl (%edx), %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* A new process: esp points at its user frame (arch_proc_init_stack). */
	.globl x86_first_run
x86_first_run:
	call proc_first_run
	jmp x86_trap_return

	.section .note.GNU-stack, "", @progbits
