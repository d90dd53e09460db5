/*
 * arch/x86/mm/mmu.h - state shared by the x86 paging backend's files
 * (private to arch/x86/mm). Tables are reached without the heap: every
 * space's page directory sits in the permanent PD region; the current
 * space's page tables appear through the recursive slot (PDE 1023) and
 * another space's through the alternate recursive slot (PDE 1022).
 */
#ifndef ARCH_X86_MM_MMU_H
#define ARCH_X86_MM_MMU_H

#include "kernel/config.h"
#include "mm/vmm.h"
#include "arch/x86/mm/layout.h"

extern paddr_t x86_pd_phys[CONFIG_MAX_PROCS];
extern unsigned x86_current_slot;
extern paddr_t x86_zero_table_pa;
extern uint32_t x86_boot_pd[1024];   /* entry.S */

#define KERNEL_PDE_FIRST (KERNEL_VIRT_BASE >> 22)   /* 768 */

static inline uint32_t *x86_space_pd(unsigned slot)
{
	return (uint32_t *)(uintptr_t)(PD_REGION + slot * PAGE_SIZE);
}

static inline void x86_invlpg(vaddr_t va)
{
	__asm__ volatile("invlpg (%0)" :: "r"(va) : "memory");
}

/* Reloading CR3 drops every non-global TLB entry (SDM Vol. 3A 4.10.4.1). */
static inline void x86_flush_nonglobal(void)
{
	uint32_t cr3;
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr3) :: "memory");
}

/* The page table (1024 PTEs) of va's 4 MiB range in slot, through the
 * recursive slot when slot is current, else through the alternate one.
 * The PDE must be present. */
uint32_t *x86_space_pt(unsigned slot, vaddr_t va);

/* Writes slot's PDE for va and keeps the windows and TLB consistent. */
void x86_set_pde(unsigned slot, vaddr_t va, uint32_t pde);

/* The current space changed: the alternate window setting went with it. */
void x86_window_forget(void);

/* slot is being destroyed: unhook it from the alternate window. */
void x86_window_drop_slot(unsigned slot);

#endif
