/*
 * arch/x86/gdt.h - installing mendax's own GDT, TSS and IDT at boot.
 */
#ifndef ARCH_X86_GDT_H
#define ARCH_X86_GDT_H

#include "lib/types.h"

/* Loads the flat GDT, reloads every segment register and loads the task
 * register. Call first thing: Multiboot leaves GDTR possibly invalid. */
void x86_gdt_init(void);

/* Sets the ring-0 stack the CPU switches to on entry from user mode. */
void x86_tss_set_kernel_stack(uint32_t esp0);

/* The double fault's task: its TSS (entry x86_double_fault_task, a stack
 * of its own, the kernel's segments, the CR3 of the moment it is built:
 * every directory shares the kernel half) and, after a #DF, the main TSS,
 * where the CPU saved the interrupted state (SDM Vol. 3A 7.3). */
struct x86_tss;
const struct x86_tss *x86_interrupted_task(void);
void x86_double_fault_task(void);

/* Fills and loads the IDT: exceptions 0-31 and IRQs 0x20-0x2F. */
void x86_idt_init(void);

#endif
