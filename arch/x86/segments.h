/*
 * arch/x86/segments.h - the GDT layout mendax uses: slot numbers and the
 * selectors built from them. Shared by C and assembly (no C declarations).
 */
#ifndef ARCH_X86_SEGMENTS_H
#define ARCH_X86_SEGMENTS_H

/* A selector is index << 3 | TI << 2 | RPL (SDM Vol. 3A 3.4.2). */
#define X86_GDT_NULL        0
#define X86_GDT_KERNEL_CODE 1
#define X86_GDT_KERNEL_DATA 2
#define X86_GDT_USER_CODE   3
#define X86_GDT_USER_DATA   4
#define X86_GDT_TSS         5
#define X86_GDT_DF_TSS      6   /* the double-fault task (arch/x86/double_fault.c) */
#define X86_GDT_ENTRIES     7

#define X86_KERNEL_CS ((X86_GDT_KERNEL_CODE << 3) | 0)
#define X86_KERNEL_DS ((X86_GDT_KERNEL_DATA << 3) | 0)
#define X86_USER_CS   ((X86_GDT_USER_CODE << 3) | 3)
#define X86_USER_DS   ((X86_GDT_USER_DATA << 3) | 3)
#define X86_TSS_SEL   ((X86_GDT_TSS << 3) | 0)
#define X86_DF_TSS_SEL ((X86_GDT_DF_TSS << 3) | 0)

/* IDT layout: CPU exceptions 0-31 (SDM Vol. 3A 6.3.1), then the 16 lines of
 * the two 8259As remapped to 0x20-0x2F so they no longer collide with them. */
#define X86_EXCEPTIONS  32
#define X86_IRQ_BASE    0x20
#define X86_IRQ_LINES   16
#define X86_STUB_COUNT  (X86_IRQ_BASE + X86_IRQ_LINES)
#define X86_SYSCALL_VECTOR 0x80
/* Not a vector: what the sysenter entry stores in a frame's vector slot
 * (arch/x86/sysenter_entry.S), so a frame tells how its call came in. */
#define X86_SYSENTER_MARK  0x100

#endif
