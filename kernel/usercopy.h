/*
 * kernel/usercopy.h - moving data between the kernel and the current
 * process's user memory. Every user pointer is checked first: NULL, kernel
 * addresses, ranges that wrap or reach past user space, and pages outside
 * the process's regions (or in a region that forbids the access: PROT_NONE
 * refuses reads) get -E_FAULT, never a kernel fault. Only the pages of the
 * bytes copied are made present (the lies resolved), just before the copy;
 * a page that goes away after that (the process slept, a truncate cut the
 * file it maps) makes the copy fail with -E_FAULT, never the kernel (the
 * copies tolerate faults: usercopy_fixup.h); a write into a copy-on-write
 * page breaks it like a user write. A syscall that may copy fewer bytes than it was
 * given checks the whole range with user_range_check() first and then
 * copies only what it moves: untouched pages of the buffer gain no frame.
 */
#ifndef KERNEL_USERCOPY_H
#define KERNEL_USERCOPY_H

#include "lib/types.h"
#include "mm/vmm.h"

int copy_from_user(void *dst, vaddr_t src, size_t n);
int copy_to_user(vaddr_t dst, const void *src, size_t n);
/* copy_from_user of a range user_range_prepare() made ready earlier (the
 * caller may have slept since): 0 or -E_FAULT. */
int copy_from_user_prepared(void *dst, vaddr_t src, size_t n);

/* Copies a NUL-terminated string of at most max bytes (terminator included).
 * Returns its length, -E_FAULT, or -E_INVAL if it does not fit. */
int copy_string_from_user(char *dst, vaddr_t src, size_t max);

/* Checks [va, va + n) for access against bounds and regions, touching no
 * page: 0 or -E_FAULT. */
int user_range_check(vaddr_t va, size_t n, enum vmm_access access);

/* Checks and faults in [va, va + n) for access; 0 or -E_FAULT/-E_NOMEM. */
int user_range_prepare(vaddr_t va, size_t n, enum vmm_access access);

#endif
