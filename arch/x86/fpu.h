/*
 * arch/x86/fpu.h - each process's own x87/MMX/SSE state, switched lazily
 * with CR0.TS (arch/x86/fpu.c). Arch-private.
 */
#ifndef ARCH_X86_FPU_H
#define ARCH_X86_FPU_H

#include "lib/types.h"

#define X86_VECTOR_NM 7   /* #NM device not available (SDM Vol. 3A 6.15) */

/* Boot: finds fxsave (CPUID.01H:EDX.FXSR), sets CR0.MP/NE and CR4.OSFXSR,
 * captures the clean state of fninit and sets CR0.TS. */
void x86_fpu_init(void);

/* #NM (device not available): gives the FPU to the current process.
 * Returns false when it came from kernel mode, which must never use the
 * FPU (the caller reports it as a kernel fault). */
bool x86_fpu_trap(bool from_user);

#endif
