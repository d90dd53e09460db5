/*
 * kernel/usercopy_fixup.h - the user-copy routines' fixup table and the
 * arch side of the copies (arch/<a>/usercopy.S). Every load or store
 * those routines make on a user address is listed with the address to
 * resume at should it fault beyond repair; the trap handlers ask here
 * when a kernel-mode fault on a user address is one the fault path
 * (vmm_fault) could not resolve. Any other kernel fault still stops the
 * machine.
 */
#ifndef KERNEL_USERCOPY_FIXUP_H
#define KERNEL_USERCOPY_FIXUP_H

#ifdef __ASSEMBLER__
/* In usercopy.S: an instruction that may fault on a user address, and
 * where to resume if it does (a {instruction, fixup} pair of words). */
.macro UACCESS fixup, insn:vararg
9999:	\insn
	.pushsection __usercopy_fixups, "a"
	.balign 4
	.long 9999b, \fixup
	.popsection
.endm
#else

#include "lib/types.h"

/* Copies n bytes; dst or src (or both) may be user addresses. 0, or
 * nonzero when a user page could not be made present (part of dst may
 * then have been written). */
int arch_user_copy(void *dst, const void *src, size_t n);

/* Copies up to n bytes from src (user) to dst (kernel), stopping after a
 * NUL: the NUL's index, n when there was none, or -1 on a fault. */
long arch_user_strncpy(char *dst, const char *src, size_t n);

/* Where a faulting user-copy instruction at pc resumes; 0 when pc is not
 * one of them. */
uintptr_t usercopy_fixup(uintptr_t pc);

#endif
#endif
