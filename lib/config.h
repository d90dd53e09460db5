/*
 * lib/config.h - build-time configuration as C constants, so code can use
 * plain if() instead of #ifdef and both branches are always compiled.
 */
#ifndef LIB_CONFIG_H
#define LIB_CONFIG_H

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

/* Regions (code, data, heap, stack, each mmap) per address space: the
 * limit past which mmap and the like return -E_NOMEM. Each slot's records
 * (12 bytes each) get a window of CONFIG_MAX_REGIONS * 12 bytes, page
 * rounded, in the kernel's metadata range (48 KiB for 4096, so 48 MiB of
 * kernel address space for 1024 slots); only the pages the records reach
 * are backed by frames. Override with make CONFIG_MAX_REGIONS=N. */
#ifndef CONFIG_MAX_REGIONS
#define CONFIG_MAX_REGIONS 4096
#endif

#endif
