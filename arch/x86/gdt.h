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

/* Fills and loads the IDT: exceptions 0-31 and IRQs 0x20-0x2F. */
void x86_idt_init(void);

#endif
