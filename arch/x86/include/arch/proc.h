/*
 * arch/x86/include/arch/proc.h - the x86 parts of a process that generic
 * code holds: the saved kernel stack pointer, and the user register frame
 * (the trap frame of arch/x86/trap.h).
 */
#ifndef ARCH_X86_PROC_H
#define ARCH_X86_PROC_H

#include "arch/x86/trap.h"

struct arch_context {
	uint32_t esp;       /* callee-saved registers and the return address lie there */
};

struct arch_frame {
	struct x86_trap_frame f;
};

extern const uint16_t arch_elf_machine;

#endif
