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
	/* Leaving the process whose state the FPU holds: set CR0.TS, so that
	 * whoever touches the FPU next traps (#NM) and gets its own state
	 * (arch/x86/fpu.c). Other switches cost only this compare. */
	cmpl x86_fpu_owner, %eax
	jne 1f
	movl %cr0, %ecx
	orl $8, %ecx
	movl %ecx, %cr0
1:	pushl %ebp
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
