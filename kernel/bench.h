/*
 * kernel/bench.h - the kernel-side part of make bench.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include "lib/types.h"

/* Prints "bench <arch> <name> <value>" lines for the kernel-only costs. */
void kernel_bench(const char *arch, bool quick);

#endif
