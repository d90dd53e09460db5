/*
 * arch/arm/cp15.h - typed accessors for the CP15 and generic-timer system
 * registers the ARM port uses, one inline function each, so no other C
 * file writes MRC/MCR by hand.
 */
#ifndef ARCH_ARM_CP15_H
#define ARCH_ARM_CP15_H

#include "lib/types.h"

#define CP15_READ(name, op1, crn, crm, op2)                                   \
	static inline uint32_t name(void)                                     \
	{                                                                     \
		uint32_t v;                                                   \
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 : "=r"(v)); \
		return v;                                                     \
	}
#define CP15_WRITE(name, op1, crn, crm, op2)                                  \
	static inline void name(uint32_t v)                                   \
	{                                                                     \
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 :: "r"(v) : "memory"); \
	}

CP15_READ(cp15_mpidr, 0, c0, c0, 5)
CP15_READ(cp15_sctlr, 0, c1, c0, 0)
CP15_WRITE(cp15_set_sctlr, 0, c1, c0, 0)
CP15_READ(cp15_cpacr, 0, c1, c0, 2)
CP15_WRITE(cp15_set_cpacr, 0, c1, c0, 2)
CP15_READ(cp15_dfsr, 0, c5, c0, 0)
CP15_READ(cp15_ifsr, 0, c5, c0, 1)
CP15_READ(cp15_dfar, 0, c6, c0, 0)
CP15_READ(cp15_ifar, 0, c6, c0, 2)
CP15_READ(cp15_scr, 0, c1, c1, 0)          /* UNDEFINED in Non-secure PL1 */
CP15_READ(cp15_cntfrq, 0, c14, c0, 0)
CP15_READ(cp15_cntv_ctl, 0, c14, c3, 1)
CP15_WRITE(cp15_set_cntv_ctl, 0, c14, c3, 1)
CP15_WRITE(cp15_set_cntv_tval, 0, c14, c3, 0)

static inline uint64_t cp15_cntvct(void)
{
	uint32_t lo, hi;
	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline uint64_t cp15_cntv_cval(void)
{
	uint32_t lo, hi;
	__asm__ volatile("mrrc p15, 3, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline void cp15_set_cntv_cval(uint64_t v)
{
	__asm__ volatile("mcrr p15, 3, %0, %1, c14" :: "r"((uint32_t)v), "r"((uint32_t)(v >> 32)));
}

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void dmb(void) { __asm__ volatile("dmb" ::: "memory"); }

#endif
