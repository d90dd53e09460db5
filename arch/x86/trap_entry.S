/*
 * arch/x86/trap_entry.S - the entry stubs for vectors 0..47 (CPU exceptions
 * and the remapped 8259 IRQs) and the common path that saves a uniform
 * struct x86_trap_frame (arch/x86/trap.h) and calls x86_trap_dispatch().
 */
#include "arch/x86/segments.h"

/* Each stub appends its address to x86_trap_stubs in .rodata, so the table
 * is built in vector order by the order of the macro uses below. */
.macro STUB_TABLE_ENTRY label
	.pushsection .rodata
	.long \label
	.popsection
.endm

/* Vectors where the CPU pushes no error code: push a 0 so the frame shape
 * is the same for all (SDM Vol. 3A 6.13, Table 6-1). */
.macro TRAP_NOERR vec
	.p2align 4
x86_trap_stub_\vec:
	pushl $0
	pushl $\vec
	jmp x86_trap_common
	STUB_TABLE_ENTRY x86_trap_stub_\vec
.endm

/* Vectors where the CPU itself has pushed an error code. */
.macro TRAP_ERR vec
	.p2align 4
x86_trap_stub_\vec:
	pushl $\vec
	jmp x86_trap_common
	STUB_TABLE_ENTRY x86_trap_stub_\vec
.endm

	.pushsection .rodata
	.p2align 2
	.globl x86_trap_stubs
x86_trap_stubs:
	.popsection

	.text
/* Error-code vectors per SDM Vol. 3A Table 6-1: #DF 8, #TS 10, #NP 11,
 * #SS 12, #GP 13, #PF 14, #AC 17, #CP 21; and AMD's #VC 29, #SX 30. */
TRAP_NOERR 0
TRAP_NOERR 1
TRAP_NOERR 2
TRAP_NOERR 3
TRAP_NOERR 4
TRAP_NOERR 5
TRAP_NOERR 6
TRAP_NOERR 7
TRAP_ERR   8
TRAP_NOERR 9
TRAP_ERR   10
TRAP_ERR   11
TRAP_ERR   12
TRAP_ERR   13
TRAP_ERR   14
TRAP_NOERR 15
TRAP_NOERR 16
TRAP_ERR   17
TRAP_NOERR 18
TRAP_NOERR 19
TRAP_NOERR 20
TRAP_ERR   21
TRAP_NOERR 22
TRAP_NOERR 23
TRAP_NOERR 24
TRAP_NOERR 25
TRAP_NOERR 26
TRAP_NOERR 27
TRAP_NOERR 28
TRAP_ERR   29
TRAP_ERR   30
TRAP_NOERR 31
/* IRQ 0-15 at vectors 0x20-0x2F: hardware interrupts have no error code. */
TRAP_NOERR 32
TRAP_NOERR 33
TRAP_NOERR 34
TRAP_NOERR 35
TRAP_NOERR 36
TRAP_NOERR 37
TRAP_NOERR 38
TRAP_NOERR 39
TRAP_NOERR 40
TRAP_NOERR 41
TRAP_NOERR 42
TRAP_NOERR 43
TRAP_NOERR 44
TRAP_NOERR 45
TRAP_NOERR 46
TRAP_NOERR 47

	.pushsection .rodata
x86_trap_stubs_end:
	.popsection

/* Saves the rest of the frame, switches to the kernel data segments (the
 * trap may have come from ring 3 with user selectors loaded), and calls
 * the C dispatcher with a pointer to the frame. The System V i386 ABI wants
 * DF clear on function entry, hence cld. */
	.p2align 4
x86_trap_common:
	pushal
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	movl $X86_KERNEL_DS, %eax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %fs
	movw %ax, %gs
	cld
	pushl %esp
	call x86_trap_dispatch
	addl $4, %esp
	.globl x86_trap_return
x86_trap_return:                /* esp at a trap frame: resume what it describes */
	popl %gs
	popl %fs
	popl %es
	popl %ds
	popal
	addl $8, %esp           /* drop vector and error code */
	iret

/* int 0x80, the system call gate (DPL 3, so user code may raise it). */
	.p2align 4
	.globl x86_syscall_stub
x86_syscall_stub:
	pushl $0
	pushl $0x80
	jmp x86_trap_common

/* The table must hold exactly one entry per vector. */
	.if (x86_trap_stubs_end - x86_trap_stubs) != 4 * X86_STUB_COUNT
	.error "x86_trap_stubs does not have one entry per vector"
	.endif

	.section .note.GNU-stack, "", @progbits
