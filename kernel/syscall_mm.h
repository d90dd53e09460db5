/*
 * kernel/syscall_mm.h - the memory-mapping system calls of files and
 * anonymous memory by address (kernel/syscall_mm.c, docs/mapped-files.md),
 * for the table in kernel/syscall.c.
 */
#ifndef KERNEL_SYSCALL_MM_H
#define KERNEL_SYSCALL_MM_H

#include "lib/types.h"

/* PROT_* of the user ABI -> VMM_* rights (write and exec imply read). */
unsigned mm_prot_from_user(uint32_t prot);

int sys_mmapx(const uint32_t a[5]);
int sys_mprotect(const uint32_t a[5]);
int sys_msync(const uint32_t a[5]);

#endif
