/*
 * arch/x86/mm/tlb.h - the three ways this port drops TLB entries (SDM Vol.
 * 3A 4.10.4.1). Private to arch/x86/mm. Which one a change needs is
 * decided by the caller; the rules are written where entries change.
 */
#ifndef ARCH_X86_MM_TLB_H
#define ARCH_X86_MM_TLB_H

#include "lib/types.h"
#include "mm/tlbcheck.h"

/* The checker's tag for the current space's entries: without PCIDs every
 * non-global entry belongs to whatever CR3 holds (mm/tlbcheck.h). */
#define X86_TLBC_TAG 0u

#define X86_CR4_PGE (1u << 7)

/* One page, global or not, and (SDM 4.10.4.1) every paging-structure
 * cache entry: enough after changing one PTE, or the PDE whose window
 * page is va. */
static inline void x86_invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
	TLBC_RETIRE_VA(X86_TLBC_TAG, va);
}

/* Loading CR3 drops every non-global TLB entry and the paging-structure
 * caches: all of user space and both table windows (which are non-global
 * by construction: no table PDE has G). Also how a space is entered. */
static inline void x86_load_cr3(uint32_t pd_pa)
{
	__asm__ volatile("mov %0, %%cr3" :: "r"(pd_pa) : "memory");
	TLBC_RETIRE_NONGLOBAL();
}

static inline void x86_flush_nonglobal(void)
{
	uint32_t cr3;
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) :: "memory");
	TLBC_RETIRE_NONGLOBAL();
}

/* Everything, global entries included: toggling CR4.PGE (SDM 4.10.4.1,
 * "MOV to CR4"). Only for a change to the kernel's direct map at boot. */
static inline void x86_flush_all(void)
{
	uint32_t cr4;
	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("mov %0, %%cr4" :: "r"(cr4 & ~X86_CR4_PGE) : "memory");
	__asm__ volatile("mov %0, %%cr4" :: "r"(cr4) : "memory");
	TLBC_RETIRE_ALL();
}

#endif
