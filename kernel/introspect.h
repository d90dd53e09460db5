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

/* Counts the ranges of p's address space (each of one kind and protection)
 * and writes the first max of them to the user buffer buf. Returns the
 * total count, which may exceed max (like snprintf), or -E_FAULT when a
 * record could not be written. */
int introspect_vmmap(struct proc *p, vaddr_t buf, uint32_t max);

#endif
