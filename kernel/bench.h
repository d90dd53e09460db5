/*
 * kernel/bench.h - the kernel-side part of make bench.
 */
#ifndef KERNEL_BENCH_H
#define KERNEL_BENCH_H

#include "lib/config.h"
#include "lib/types.h"

/* Prints "bench <arch> <name> <value>" lines for the kernel-only costs. */
void kernel_bench(const char *arch, bool quick);

/* The swap figures (kernel/bench_swap.c): swap-out and swap-in per page
 * over a swap area in RAM, the transfer apart. */
void bench_swap(const char *arch, bool quick);

/* Bench builds: windows of cycles that are not the running code's own
 * work - halts, device waits, interrupts - which the file benchmarks leave
 * out. Windows may nest (an interrupt inside a device wait) and count once,
 * at the outermost. One CPU: bench builds run on one. Inline no-ops in
 * other builds, so the interrupt path pays nothing there. */
void bench_window_open(void);
void bench_window_close(void);
static inline void bench_exclude_begin(void)
{
	if (CONFIG_BENCH)
		bench_window_open();
}
static inline void bench_exclude_end(void)
{
	if (CONFIG_BENCH)
		bench_window_close();
}
uint64_t bench_excluded_cycles(void);   /* the total so far, an open window included */
/* Bench builds, in a system call (interrupts off): takes an interrupt that
 * is already pending now, inside the caller's window, instead of at the
 * return to user mode, where its entry code would be counted. */
void bench_take_pending_interrupt(void);

/* SYS_benchinfo: copies a struct mendax_benchinfo to user address a[0];
 * -E_INVAL outside bench builds. */
int sys_benchinfo(const uint32_t a[5]);

#endif
