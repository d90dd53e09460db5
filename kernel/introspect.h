/*
 * kernel/introspect.h - what meminfo, ps and vmmap show: the PMM's counts,
 * and per process what each page of its address space really is.
 */
#ifndef KERNEL_INTROSPECT_H
#define KERNEL_INTROSPECT_H

#include "kernel/syscall_nr.h"
#include "kernel/proc.h"

void introspect_meminfo(struct mendax_meminfo *m);

/* Fills info for the process in slot; false when there is none. */
bool introspect_proc(unsigned slot, struct mendax_procinfo *info);

/* Writes up to max ranges of p's address space, each of one kind, to the
 * user buffer buf. Returns the number written or -E_FAULT. */
int introspect_vmmap(struct proc *p, vaddr_t buf, uint32_t max);

#endif
