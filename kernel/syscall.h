/*
 * kernel/syscall.h - the one system call dispatcher both ports call with
 * the user frame of the trapping process.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "lib/types.h"

struct arch_frame;

/* Runs the call the frame asks for and stores its result in the frame. */
void syscall_dispatch(struct arch_frame *f);

/* Runs call nr with arguments a[0..4] and returns its result (a negative
 * error for an unknown number): for an entry path that has the number and
 * arguments in hand already (x86 sysenter). exec rewrites the caller's
 * frame; its result is then the new program's argc. */
int syscall_run(uint32_t nr, const uint32_t a[5]);

#endif
