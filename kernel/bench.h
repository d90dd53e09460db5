/*
 * kernel/bench.h - the kernel-side part of make bench.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include "lib/types.h"

/* Prints "bench <arch> <name> <value>" lines for the kernel-only costs. */
void kernel_bench(const char *arch, bool quick);

/* SYS_benchinfo: copies a struct mendax_benchinfo to user address a[0];
 * -E_INVAL outside bench builds. */
int sys_benchinfo(const uint32_t a[5]);

#endif
