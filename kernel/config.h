/*
 * kernel/config.h - build-time configuration as C constants, so code can use
 * plain if() instead of #ifdef and both branches are always compiled.
 */
#ifndef KERNEL_CONFIG_H
#define KERNEL_CONFIG_H

#ifdef MENDAX_TEST
#define CONFIG_TEST 1   /* test build: runs tests/kernel and exits the emulator */
#else
#define CONFIG_TEST 0
#endif

#ifdef MENDAX_BENCH
#define CONFIG_BENCH 1  /* benchmark build: runs make bench's measurements as init */
#else
#define CONFIG_BENCH 0
#endif

/* Address-space slots, and so processes: the permanent top-table region
 * holds one 4 KiB table per slot (4 MiB of kernel address space for 1024).
 * Override with make CONFIG_MAX_PROCS=N. */
#ifndef CONFIG_MAX_PROCS
#define CONFIG_MAX_PROCS 1024
#endif

#endif
