/*
 * arch/arm/include/arch/proc.h - the ARM parts of a process that generic
 * code holds: the saved SVC stack pointer and VFP/NEON registers, and the
 * user register frame (the trap frame of arch/arm/trap.h).
 */
#ifndef ARCH_ARM_PROC_H
#define ARCH_ARM_PROC_H

#include "arch/arm/trap.h"
#include "arch/arm/vfp.h"

struct arch_context {
	uint32_t sp;        /* r4-r11 and the return address lie there (switch.S: first) */
	struct arm_vfp_state *vfp;  /* VFP/NEON registers (vfp.c); NULL: unused since exec, zeros */
};

struct arch_frame {
	struct arm_trap_frame f;
};

extern const uint16_t arch_elf_machine;

/* System call registers (kernel/arch.h): r7 = number, r0-r4 = arguments,
 * result in r0 (the EABI Linux convention). */
static inline uint32_t arch_frame_syscall_nr(const struct arch_frame *af)
{
	return af->f.r[7];
}

static inline uint32_t arch_frame_syscall_arg(const struct arch_frame *af, unsigned i)
{
	return i < 5 ? af->f.r[i] : 0;
}

static inline void arch_frame_set_return(struct arch_frame *af, uint32_t value)
{
	af->f.r[0] = value;
}

#endif
