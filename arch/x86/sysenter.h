/*
 * arch/x86/sysenter.h - the fast system call path (sysenter_entry.S, sysenter.c).
 * Arch-private.
 */
#ifndef ARCH_X86_SYSENTER_H
#define ARCH_X86_SYSENTER_H

#include "arch/x86/trap.h"

/* Points the SYSENTER MSRs at the entry (once, at boot, after the GDT). */
void x86_sysenter_init(void);

/* sysenter_entry.S's C side: the call, then the return-to-user checks. */
__attribute__((regparm(1))) void x86_sysenter_dispatch(struct x86_trap_frame *f);

/* True for a kernel-mode #DB on the entry's instructions before it clears
 * TF (a caller's single-step flag): nothing to report, resume. */
bool x86_sysenter_single_step(const struct x86_trap_frame *f);

#endif
