/*
 * arch/x86/boot/entry.S - the Multiboot v1 header and the first
 * instructions: clear .bss, build the boot page directory, turn paging on
 * (with CR0.WP), continue at the kernel's virtual address, set up the boot
 * stack and call x86_boot_main() with the loader's EAX (magic) and EBX
 * (boot information, a physical address). Until paging is on this code
 * runs at its physical address although it is linked high: every symbol
 * address is converted with KERNEL_VIRT_BASE by hand.
 */
#include "arch/x86/boot/multiboot.h"
#include "arch/x86/mm/layout.h"

#define PHYS(sym) ((sym) - KERNEL_VIRT_BASE)
#define PDE_P   0x001
#define PDE_RW  0x002
#define PDE_PS  0x080      /* 4 MiB page (needs CR4.PSE) */
#define PDE_G   0x100      /* global: kept across CR3 loads (needs CR4.PGE) */
#define CR0_WP  (1 << 16)
#define CR0_PG  (1 << 31)
#define CR4_PSE (1 << 4)
#define CR4_PGE (1 << 7)

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
	/* The boot page directory: 4 MiB pages only, so no page tables are
	 * needed before the PMM exists. arch_vmm_init replaces it. */
	.p2align 12
	.globl x86_boot_pd
x86_boot_pd:
	.skip 4096
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
	movl $PHYS(__bss_start), %edi
	movl $PHYS(__bss_end), %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb

	/* Boot page directory (SDM Vol. 3A 4.3, table 4-4 for 4 MiB PDEs):
	 * the first BOOT_IDENTITY_BYTES 1:1, so the instructions after the CR0
	 * write still run; and RAM 0 .. DIRECT_MAP_PHYS_END at
	 * KERNEL_VIRT_BASE, global (CR4.PGE: kept across CR3 loads, since
	 * every space shares them). CR4.PSE before CR0.PG: PS is honoured only
	 * with it (SDM 4.3). */
	movl $PHYS(x86_boot_pd), %edi
#if BOOT_IDENTITY_BYTES != 0x400000
#error "entry.S maps exactly one 4 MiB identity page"
#endif
	movl $(PDE_P | PDE_RW | PDE_PS), (%edi)
	leal (KERNEL_VIRT_BASE >> 22) * 4(%edi), %edi
	movl $(PDE_P | PDE_RW | PDE_PS | PDE_G), %eax
	movl $(DIRECT_MAP_PHYS_END >> 22), %ecx
1:	movl %eax, (%edi)
	addl $0x400000, %eax
	addl $4, %edi
	loop 1b

	movl %cr4, %eax
	orl $(CR4_PSE | CR4_PGE), %eax
	movl %eax, %cr4
	movl $PHYS(x86_boot_pd), %eax
	movl %eax, %cr3
	/* CR0.WP: supervisor writes honour read-only pages (SDM Vol. 3A 2.5,
	 * 4.1.3, 4.6.1), so a kernel write into a copy-on-write or zero-page
	 * user page faults like a user write would - the rule the lies rely
	 * on when the kernel copies out to user memory - and the kernel's own
	 * text, read-only from arch_vmm_init on, cannot be overwritten. */
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0
	movl $virtual_entry, %eax
	jmp *%eax                       /* from here on: virtual addresses */

virtual_entry:
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
