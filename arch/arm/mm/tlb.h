/*
 * arch/arm/mm/tlb.h - TLB maintenance and the ordering rules around it.
 * ARM ARM B3.10.1 ("General TLB maintenance requirements") and B3.10.2:
 * a table write must be made visible to the walker with a DSB before the
 * TLB operation; the TLB operation must complete (DSB) and the pipeline be
 * resynchronised (ISB) before relying on the new translation. Uniprocessor
 * forms; the inner-shareable (...IS) forms replace them once SMP is on.
 */
#ifndef ARCH_ARM_MM_TLB_H
#define ARCH_ARM_MM_TLB_H

#include "lib/types.h"
#include "mm/tlbcheck.h"

static inline void arm_dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void arm_isb(void) { __asm__ volatile("isb" ::: "memory"); }

/* After writing a descriptor that was invalid: no TLB can hold the old
 * (faulting) entry, so only visibility to the walker is needed. */
static inline void arm_table_write_done(void)
{
	arm_dsb();
	arm_isb();
}

/* One page of one ASID (TLBIMVA, B4.2.2). */
static inline void arm_tlb_flush_page(uint32_t va, unsigned asid)
{
	arm_dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" :: "r"((va & ~0xfffu) | (asid & 0xff)) : "memory");
	arm_dsb();
	arm_isb();
	TLBC_RETIRE_VA(asid & 0xff, va);
}

/* One page in every ASID, for global (kernel) mappings (TLBIMVAA). */
static inline void arm_tlb_flush_page_all_asids(uint32_t va)
{
	arm_dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 3" :: "r"(va & ~0xfffu) : "memory");
	arm_dsb();
	arm_isb();
	TLBC_RETIRE_VA_ALL_TAGS(va);
}

/* Every non-global entry of one ASID (TLBIASID). */
static inline void arm_tlb_flush_asid(unsigned asid)
{
	arm_dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 2" :: "r"(asid & 0xff) : "memory");
	arm_dsb();
	arm_isb();
	TLBC_RETIRE_TAG(asid & 0xff);
}

/* Everything (TLBIALL). */
static inline void arm_tlb_flush_all(void)
{
	arm_dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" :: "r"(0) : "memory");
	arm_dsb();
	arm_isb();
	TLBC_RETIRE_ALL();
}

/* Every branch predictor entry (BPIALL): needed when an ASID is reused for
 * another space, whose code may differ at the same addresses (ARM ARM
 * B2.2.4 / B3.10.4). Completed by the DSB and ISB of the caller. */
static inline void arm_bp_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 6" :: "r"(0) : "memory");
}

#endif
