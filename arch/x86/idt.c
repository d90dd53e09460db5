/*
 * arch/x86/idt.c - the interrupt descriptor table: one interrupt gate per
 * CPU exception and per remapped 8259 line, each pointing at its stub in
 * trap_entry.S. Gates for every other vector stay not-present.
 */
#include "arch/x86/gdt.h"
#include "arch/x86/desc.h"
#include "arch/x86/segments.h"

/* Stub addresses in vector order 0..X86_STUB_COUNT-1, from trap_entry.S. */
extern const uint32_t x86_trap_stubs[X86_STUB_COUNT];
extern void x86_syscall_stub(void);

/* A full 256-entry table: a stray "int n" for an unused vector then hits an
 * all-zero descriptor (an invalid gate type) and raises #GP with the IDT
 * bit set in its error code (SDM Vol. 3A 6.13), which the fault report
 * decodes as "IDT vector 0x80" (checked under QEMU). */
static struct x86_gate_desc idt[256] __attribute__((aligned(8)));

void x86_idt_init(void)
{
	for (unsigned v = 0; v < X86_STUB_COUNT; v++)
		idt[v] = x86_gate_make(x86_trap_stubs[v], X86_KERNEL_CS, 0);
	/* System calls: an interrupt gate (IF cleared on entry: the kernel is
	 * not preemptive) that ring 3 may use (DPL 3, SDM Vol. 3A 6.12.1.1). */
	idt[X86_SYSCALL_VECTOR] = x86_gate_make((uint32_t)(uintptr_t)x86_syscall_stub, X86_KERNEL_CS, 3);
	/* A double fault switches tasks (arch/x86/double_fault.c): it must run
	 * even when the fault was that the stack is gone. */
	idt[8] = x86_task_gate_make(X86_DF_TSS_SEL);

	struct x86_table_ptr p = { sizeof idt - 1, (uint32_t)(uintptr_t)idt };
	__asm__ volatile("lidt %0" : : "m"(p) : "memory");
}
