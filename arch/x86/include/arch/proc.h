/*
 * arch/x86/include/arch/proc.h - the x86 parts of a process that generic
 * code holds: the saved kernel stack pointer, its FPU state
 * (arch/x86/fpu.c), and the user register frame (the trap frame of
 * arch/x86/trap.h).
 */
#ifndef ARCH_X86_PROC_H
#define ARCH_X86_PROC_H

#include "arch/x86/trap.h"

/* A process's FPU image (arch/x86/fpu.c): fxsave's 512 bytes, 16-byte
 * aligned (SDM Vol. 2A FXSAVE; kmalloc aligns to 16), or fnsave's 108. */
struct x86_fpu_state {
	uint8_t image[512] __attribute__((aligned(16)));
};

struct arch_context {
	uint32_t esp;       /* first (switch.S): callee-saved registers and the return address lie there */
	struct x86_fpu_state *fpu;  /* from the heap at its first FPU use; NULL: fninit's state */
};

struct arch_frame {
	struct x86_trap_frame f;
};

extern const uint16_t arch_elf_machine;

/* System call registers of int 0x80 (kernel/arch.h): eax = number, ebx
 * ecx edx esi edi = arguments 0-4, result in eax. The sysenter path has
 * its own (arch/x86/sysenter.c) and does not come through these. */
static inline uint32_t arch_frame_syscall_nr(const struct arch_frame *af)
{
	return af->f.eax;
}

static inline uint32_t arch_frame_syscall_arg(const struct arch_frame *af, unsigned i)
{
	const struct x86_trap_frame *f = &af->f;
	switch (i) {
	case 0: return f->ebx;
	case 1: return f->ecx;
	case 2: return f->edx;
	case 3: return f->esi;
	default: return f->edi;
	}
}

static inline void arch_frame_set_return(struct arch_frame *af, uint32_t value)
{
	af->f.eax = value;
}

#endif
