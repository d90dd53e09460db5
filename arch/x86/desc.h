/*
 * arch/x86/desc.h - the hardware formats of segment descriptors, gate
 * descriptors and the 32-bit TSS, with constructors, so no other file
 * shifts descriptor bits. Layouts are checked with _Static_assert.
 */
#ifndef ARCH_X86_DESC_H
#define ARCH_X86_DESC_H

#include "lib/types.h"

/* Segment descriptor, SDM Vol. 3A 3.4.5 (Figure 3-8). */
struct x86_seg_desc {
	uint16_t limit_lo;
	uint16_t base_lo;
	uint8_t base_mid;
	uint8_t access;       /* P | DPL(2) | S | type(4) */
	uint8_t limit_flags;  /* G | D/B | L | AVL | limit 19:16 */
	uint8_t base_hi;
} __attribute__((packed));
_Static_assert(sizeof(struct x86_seg_desc) == 8, "segment descriptor is 8 bytes");

/* Access bytes (SDM Vol. 3A 3.4.5.1, Table 3-1; 3.5 for system types). */
#define X86_ACC_PRESENT   0x80
#define X86_ACC_DPL(n)    ((n) << 5)
#define X86_ACC_CODEDATA  0x10          /* S = 1: code or data, not system */
#define X86_ACC_CODE_RX   0x0A          /* execute/read */
#define X86_ACC_DATA_RW   0x02          /* read/write, expand-up */
#define X86_ACC_TSS32     0x09          /* system type: 32-bit TSS, available */
/* Flags nibble: G (4 KiB granularity) and D/B (32-bit default size). */
#define X86_FLAGS_4K_32   0xC

static inline struct x86_seg_desc x86_seg_desc_make(uint32_t base, uint32_t limit,
						    uint8_t access, uint8_t flags)
{
	return (struct x86_seg_desc){
		.limit_lo = limit & 0xffff,
		.base_lo = base & 0xffff,
		.base_mid = (base >> 16) & 0xff,
		.access = access,
		.limit_flags = (uint8_t)((flags << 4) | ((limit >> 16) & 0xf)),
		.base_hi = base >> 24,
	};
}

/* Interrupt gate, SDM Vol. 3A 6.11 (Figure 6-2). */
struct x86_gate_desc {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t zero;
	uint8_t type_attr;    /* P | DPL(2) | 0 | type(4) */
	uint16_t offset_hi;
} __attribute__((packed));
_Static_assert(sizeof(struct x86_gate_desc) == 8, "gate descriptor is 8 bytes");

/* 32-bit interrupt gate: the CPU clears EFLAGS.IF on entry (SDM 6.12.1.3),
 * so handlers start with interrupts off. */
#define X86_GATE_INT32 0x0E

/* Task gate (SDM Vol. 3A 7.2.5): the vector switches to the task whose TSS
 * selector it holds - a new stack and state even when the current stack
 * is unusable. Offset fields unused. */
#define X86_GATE_TASK 0x05

static inline struct x86_gate_desc x86_task_gate_make(uint16_t tss_selector)
{
	return (struct x86_gate_desc){ 0, tss_selector, 0, (uint8_t)(X86_ACC_PRESENT | X86_GATE_TASK), 0 };
}

static inline struct x86_gate_desc x86_gate_make(uint32_t offset, uint16_t selector,
						 unsigned dpl)
{
	return (struct x86_gate_desc){
		.offset_lo = offset & 0xffff,
		.selector = selector,
		.zero = 0,
		.type_attr = (uint8_t)(X86_ACC_PRESENT | X86_ACC_DPL(dpl) | X86_GATE_INT32),
		.offset_hi = offset >> 16,
	};
}

/* Operand of lgdt/lidt, SDM Vol. 3A 3.5.1 / 6.10. */
struct x86_table_ptr {
	uint16_t limit;       /* size in bytes - 1 */
	uint32_t base;
} __attribute__((packed));
_Static_assert(sizeof(struct x86_table_ptr) == 6, "pseudo-descriptor is 6 bytes");

/* 32-bit task-state segment, SDM Vol. 3A 7.2.1 (Figure 7-2). The main TSS
 * supplies SS0:ESP0, the stack the CPU switches to on an interrupt from
 * ring 3, and the I/O-bitmap offset; the one hardware task switch is the
 * double fault's (arch/x86/double_fault.c), into a second TSS. */
struct x86_tss {
	uint16_t prev_task, r0;
	uint32_t esp0;
	uint16_t ss0, r1;
	uint32_t esp1;
	uint16_t ss1, r2;
	uint32_t esp2;
	uint16_t ss2, r3;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint16_t es, r4, cs, r5, ss, r6, ds, r7, fs, r8, gs, r9, ldt, r10;
	uint16_t trap, iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct x86_tss) == 104, "32-bit TSS is 104 bytes");

#endif
