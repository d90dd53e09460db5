/*
 * kernel/syscall.h - the one system call dispatcher both ports call with
 * the user frame of the trapping process.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

struct arch_frame;

/* Runs the call the frame asks for and stores its result in the frame. */
void syscall_dispatch(struct arch_frame *f);

#endif
