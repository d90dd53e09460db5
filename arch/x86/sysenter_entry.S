/*
 * arch/x86/sysenter_entry.S - the fast system call: SYSENTER in, SYSEXIT out
 * (SDM Vol. 2B SYSENTER/SYSEXIT; MSRs set up in arch/x86/sysenter.c).
 * It builds the same struct x86_trap_frame as int 0x80 (arch/x86/trap.h),
 * so fork, exec, kills and the scheduler see one kind of frame; only the
 * way back differs: SYSEXIT when the frame still returns to the caller,
 * the full IRET path (x86_trap_return) when a call rewrote it (exec).
 *
 * User convention (user/arch/x86/syscall.S): eax = number, ebx esi edi ebp
 * = arguments 0-3, ecx = the ESP and edx = the EIP to return to (SYSEXIT
 * loads ESP from ECX and EIP from EDX); result in eax; ecx, edx and the
 * arithmetic flags are not kept. Every other register is.
 */
#include "arch/x86/segments.h"

#define EFLAGS_IF    0x200
#define EFLAGS_FIXED 0x002      /* bit 1 is always 1 (SDM Vol. 1 3.4.3) */

/* Frame offsets (struct x86_trap_frame, lowest address first). */
#define F_VECTOR 48
#define F_ERROR  52
#define F_EIP    56
#define F_ESP    68

	.text
	.p2align 4
	.globl x86_sysenter_entry
x86_sysenter_entry:
	/* SYSENTER loaded CS, SS and ESP from the MSRs and cleared IF, VM
	 * and RF; ESP is a small boot-time stack (sysenter.c) that only a
	 * debug trap or an NMI before this load can use. The process's own
	 * kernel stack top is the TSS's esp0, where int 0x80 would have built
	 * the frame too. */
	movl	%ss:x86_tss + 4, %esp
	pushl	$X86_USER_DS            /* user_ss */
	pushl	%ecx                    /* user_esp */
	pushfl
	orl	$EFLAGS_IF, (%esp)      /* the caller ran with IF set: keep it so for iret */
	pushl	$X86_USER_CS
	pushl	%edx                    /* eip */
	pushl	%edx                    /* error slot: the EIP the call came from */
	pushl	$X86_SYSENTER_MARK      /* vector slot: which registers are arguments */
	pushal
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	/* SYSENTER leaves TF, NT, AC and DF as the user set them: a set NT
	 * would turn the kernel's next iret into a task switch, AC would
	 * check alignment, TF single-step. Until this popfl each instruction
	 * can raise #DB; trap.c lets those go (x86_sysenter_single_step). */
	pushl	$EFLAGS_FIXED
	popfl
	.globl x86_sysenter_flags_clean
x86_sysenter_flags_clean:
	movl	$X86_KERNEL_DS, %eax    /* the caller's ds/es may be null: reload */
	movw	%ax, %ds
	movw	%ax, %es
	movl	%esp, %eax
	call	x86_sysenter_dispatch   /* regparm(1): the frame in eax */
	/* A call that rewrote the frame (exec: a new EIP, new registers) or
	 * one that must restore everything goes the full way back. */
	movl	F_ERROR(%esp), %eax
	cmpl	%eax, F_EIP(%esp)
	jne	x86_trap_return
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	popal
	movl	F_EIP - F_VECTOR(%esp), %edx /* after popal, esp is at the vector slot */
	movl	F_ESP - F_VECTOR(%esp), %ecx
	/* STI's interrupt shadow covers SYSEXIT (SDM Vol. 2B STI): no
	 * interrupt can arrive between them on the kernel stack in user
	 * state. */
	sti
	sysexit

	.section .note.GNU-stack, "", @progbits
