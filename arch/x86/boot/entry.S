/*
 * arch/x86/boot/entry.S - the Multiboot v1 header and the first
 * instructions: clear .bss, set up the boot stack, call x86_boot_main()
 * with the loader's EAX (magic) and EBX (boot information address).
 */
#include "arch/x86/boot/multiboot.h"

#define MB_FLAGS (MB_HEADER_PAGE_ALIGN | MB_HEADER_MEMORY_INFO)

/* The header must lie 32-bit aligned in the first 8 KiB of the file (spec
 * 3.1.1); kernel.ld puts .multiboot first. No address fields (flag 16):
 * the loader takes addresses from the ELF program headers. */
	.section .multiboot, "a"
	.p2align 2
	.long MB_HEADER_MAGIC
	.long MB_FLAGS
	.long -(MB_HEADER_MAGIC + MB_FLAGS)

#define BOOT_STACK_SIZE 16384

/* In .bss, so it lies inside __kernel_start..__kernel_end and is reserved
 * with the image. 16-byte aligned as the i386 System V ABI expects. */
	.section .bss
	.p2align 4
	.globl x86_boot_stack, x86_boot_stack_top
x86_boot_stack:
	.skip BOOT_STACK_SIZE
x86_boot_stack_top:

/* Entry state (Multiboot spec 3.2): 32-bit protected mode, paging off,
 * flat CS/DS/ES/FS/GS/SS, EFLAGS.IF and VM clear, ESP undefined, GDTR
 * possibly invalid (so no segment register is touched here). */
	.text
	.globl _start
	.type _start, @function
_start:
	cli
	cld
	movl %eax, %esi                 /* rep stos below uses eax, ecx, edi */
	movl $__bss_start, %edi
	movl $__bss_end, %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb
	movl $x86_boot_stack_top, %esp
	xorl %ebp, %ebp                 /* ends frame-pointer backtraces */
	pushl $0                        /* EFLAGS: a known state (DF, AC, NT clear) */
	popfl
	pushl %ebx                      /* boot information (physical) */
	pushl %esi                      /* magic */
	call x86_boot_main
1:	cli                             /* x86_boot_main never returns */
	hlt
	jmp 1b
	.size _start, . - _start

	.section .note.GNU-stack, "", @progbits
