/*
 * arch/x86/include/arch/proc.h - the x86 parts of a process that generic
 * code holds: the saved kernel stack pointer, its FPU state
 * (arch/x86/fpu.c), and the user register frame (the trap frame of
 * arch/x86/trap.h).
 */
#ifndef ARCH_X86_PROC_H
#define ARCH_X86_PROC_H

#include "arch/x86/trap.h"

/* fxsave's image is 512 bytes and must be 16-byte aligned (SDM Vol. 2A
 * FXSAVE); the process is a heap object, so the area carries the slack. */
#define X86_FPU_AREA 512

struct x86_fpu_state {
	uint8_t area[X86_FPU_AREA + 15];
	bool saved;         /* area holds the state; false: fninit's clean state */
};

struct arch_context {
	uint32_t esp;       /* first (switch.S): callee-saved registers and the return address lie there */
	struct x86_fpu_state fpu;
};

struct arch_frame {
	struct x86_trap_frame f;
};

extern const uint16_t arch_elf_machine;

#endif
