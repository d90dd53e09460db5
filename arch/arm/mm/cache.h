/*
 * arch/arm/mm/cache.h - data-cache maintenance by address, for memory that
 * another observer reads without the ARM's caches (the VideoCore, DMA) and
 * for instructions written as data (ARM ARM B2.2.7, B4.2.1).
 */
#ifndef ARCH_ARM_MM_CACHE_H
#define ARCH_ARM_MM_CACHE_H

#include "lib/types.h"

#define ARM_CACHE_LINE 64u   /* Cortex-A7 L1 D-cache and L2 line length (TRM 6.1) */

/* Clean and invalidate [p, p + n) to the point of coherency (DCCIMVAC). */
static inline void arm_dcache_clean_inval_range(const void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)(ARM_CACHE_LINE - 1);
	for (; a < (uintptr_t)p + n; a += ARM_CACHE_LINE)
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" :: "r"(a) : "memory");
	__asm__ volatile("dsb" ::: "memory");
}

/* Makes instructions just written at [p, p + n) visible to fetches: clean
 * the D-cache to the point of unification (DCCMVAU), invalidate the
 * I-cache and branch predictor (ICIALLU, BPIALL) - ARM ARM B2.2.9. */
static inline void arm_sync_icache_range(const void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)(ARM_CACHE_LINE - 1);
	for (; a < (uintptr_t)p + n; a += ARM_CACHE_LINE)
		__asm__ volatile("mcr p15, 0, %0, c7, c11, 1" :: "r"(a) : "memory");
	__asm__ volatile("dsb; mcr p15, 0, %0, c7, c5, 0; mcr p15, 0, %0, c7, c5, 6; dsb; isb"
			 :: "r"(0) : "memory");
}

#endif
