/*
 * arch/arm/vfp.h - the VFP/NEON unit shared lazily between processes: each
 * process that has used it has its own registers (struct arm_vfp_state,
 * from the kernel heap, reached from its arch_context), the hardware holds
 * one owner's, and FPEXC.EN is set only while the owner runs. The kernel
 * itself never uses the unit (-mgeneral-regs-only).
 */
#ifndef ARCH_ARM_VFP_H
#define ARCH_ARM_VFP_H

#include "lib/types.h"

/* d0-d31 and FPSCR: what a process sees of the unit (FPEXC is the
 * kernel's). All zeros is the state a program starts with: round to
 * nearest, no flush-to-zero, default NaN off, no cumulative flags. */
struct arm_vfp_state {
	uint64_t d[32];
	uint32_t fpscr;
	uint32_t pad;
};
_Static_assert(offsetof(struct arm_vfp_state, fpscr) == 256, "vfp_regs.S stores FPSCR at 256");

struct arch_context;

/* The undef handler found a VFP/NEON instruction of the current process.
 * 0: the unit is now the process's, run the instruction again; -E_NOMEM:
 * no memory for its registers; -E_INVAL: no usable unit, or the unit is
 * already enabled for it (then the instruction is undefined for real). */
int arm_vfp_claim(void);

/* Whether the CPU has a unit the kernel could enable (known after the
 * first claim; CPACR or NSACR may deny it). */
bool arm_vfp_available(void);

/* switch.S, before a context switch, only while some process owns the
 * unit (arm_vfp_owner != NULL): FPEXC.EN on exactly for the owner. */
extern struct arch_context *arm_vfp_owner;
void arm_vfp_switch(struct arch_context *to);

/* fork: the child gets a copy of the parent's registers (0 or -E_NOMEM,
 * nothing changed then). */
int arm_vfp_fork(struct arch_context *child, const struct arch_context *parent);

/* exec (the new program starts from zeros) and reaping: the registers
 * are dropped and the unit forgets c. */
void arm_vfp_release(struct arch_context *c);

/* vfp_regs.S: raw register access (FPEXC needs CPACR access to cp10/cp11). */
uint32_t arm_fpexc_read(void);
void arm_fpexc_write(uint32_t v);   /* followed by an ISB */
uint32_t arm_mvfr0_read(void);
void arm_vfp_save(struct arm_vfp_state *s, bool d32);
void arm_vfp_load(const struct arm_vfp_state *s, bool d32);

#endif
