/*
 * arch/arm/vfp.h - the VFP/NEON unit shared lazily between processes: each
 * process has its own registers (struct arm_vfp_state in its arch_context),
 * the hardware holds one owner's, and FPEXC.EN is set only while the owner
 * runs. The kernel itself never uses the unit (-mgeneral-regs-only).
 */
#ifndef ARCH_ARM_VFP_H
#define ARCH_ARM_VFP_H

#include "kernel/types.h"

/* d0-d31 and FPSCR: what a process sees of the unit (FPEXC is the
 * kernel's). All zeros is the state a program starts with: round to
 * nearest, no flush-to-zero, default NaN off, no cumulative flags. */
struct arm_vfp_state {
	uint64_t d[32];
	uint32_t fpscr;
	uint32_t pad;
};

struct arch_context;

/* The undef handler found a VFP/NEON instruction of the current process:
 * true if the unit is now the process's and the instruction may run
 * again; false if the unit is unusable or already enabled for it (then the
 * instruction is undefined for real). */
bool arm_vfp_claim(void);

/* Whether the CPU has a unit the kernel could enable (after the first
 * claim; CPACR or NSACR may deny it). */
bool arm_vfp_available(void);

/* switch.S, before every context switch. */
void arm_vfp_switch(struct arch_context *from, struct arch_context *to);

/* A new process (fork: the current one is its parent) starts with a copy
 * of the current process's registers. */
void arm_vfp_fork(struct arch_context *child);

/* exec: the current process's program starts with a fresh unit. */
void arm_vfp_exec_reset(void);

/* vfp_regs.S: raw register access (FPEXC needs CPACR access to cp10/cp11). */
uint32_t arm_fpexc_read(void);
void arm_fpexc_write(uint32_t v);   /* followed by an ISB */
uint32_t arm_mvfr0_read(void);
void arm_vfp_save(struct arm_vfp_state *s, bool d32);
void arm_vfp_load(const struct arm_vfp_state *s, bool d32);

#endif
