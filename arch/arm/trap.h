/*
 * arch/arm/trap.h - the register frame the vector stubs build, and the
 * C entry they call.
 */
#ifndef ARCH_ARM_TRAP_H
#define ARCH_ARM_TRAP_H

#include "lib/types.h"

struct arm_trap_frame {
	uint32_t r[13];
	uint32_t svc_lr;    /* lr of SVC mode when the exception was taken */
	uint32_t usr_sp;    /* User/System mode banked registers */
	uint32_t usr_lr;
	uint32_t pad[2];   /* keeps the frame a multiple of 8 bytes (AAPCS stack alignment) */
	uint32_t pc;        /* where execution resumes (adjusted by the stub) */
	uint32_t cpsr;      /* the interrupted code's CPSR (SPSR of the exception) */
};
_Static_assert(sizeof(struct arm_trap_frame) == 20 * 4, "frame layout is shared with vectors.S");

void arm_trap(struct arm_trap_frame *f, uint32_t kind);

/* A system call from User mode: vectors.S calls it for an SVC from User
 * mode (r7 = number, r0-r4 = arguments, result in r0). */
void arm_syscall(struct arm_trap_frame *f);

/* Probe whether this core runs in Secure state: reads SCR, which is
 * UNDEFINED in Non-secure PL1; the undef handler recognises the probe. */
bool arm_in_secure_state(void);

/* True once arch_emulator_exit() has issued its semihosting SVC: an SVC
 * from the kernel after that means no semihosting (arch/arm/cpu.c). */
bool arm_semihosting_exit_trapped(void);

#endif
