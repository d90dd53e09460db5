/*
 * arch/x86/mm/mmu.h - state shared by the x86 paging backend's files
 * (private to arch/x86/mm). Tables are reached without the heap: every
 * space's page directory sits in the permanent PD region; the current
 * space's page tables appear through the recursive slot (PDE 1023) and
 * another space's through the alternate recursive slot (PDE 1022).
 */
#ifndef ARCH_X86_MM_MMU_H
#define ARCH_X86_MM_MMU_H

#include "lib/config.h"
#include "mm/vmm.h"
#include "arch/x86/mm/layout.h"
#include "arch/x86/mm/tlb.h"

extern paddr_t x86_pd_phys[CONFIG_MAX_PROCS];
extern unsigned x86_current_slot;
extern paddr_t x86_zero_table_pa;
/* entry.S's boot directory; after arch_vmm_init the template of every
 * directory's kernel half (PDEs 768-1021), which never changes again. */
extern uint32_t x86_boot_pd[1024];

#define KERNEL_PDE_FIRST (KERNEL_VIRT_BASE >> 22)   /* 768 */

static inline uint32_t *x86_space_pd(unsigned slot)
{
	return (uint32_t *)(uintptr_t)(PD_REGION + slot * PAGE_SIZE);
}

/* The page table (1024 PTEs) of va's 4 MiB range in slot, through the
 * recursive slot when slot is current, else through the alternate one.
 * The PDE must be present. */
uint32_t *x86_space_pt(unsigned slot, vaddr_t va);

/* Each directory's summary of its user half: bit k is set whenever one of
 * PDEs [24k, 24k + 24) may be present (a superset, as mm/table_occ.h's
 * bitmaps; 32 bits cover the 768 user PDEs), so walks over a space skip
 * its empty stretches without reading them. */
#define X86_PDES_PER_SUMMARY_BIT 24u
extern uint32_t x86_pd_summary[CONFIG_MAX_PROCS];
/* And the exact number of present user PDEs: 0 ends every walk at once
 * (after exit's teardown, the reaping parent's destroy finds nothing). */
extern uint16_t x86_pd_user_count[CONFIG_MAX_PROCS];

/* The first user PDE index in [i, last] of slot that is present, or
 * last + 1 (last below KERNEL_PDE_FIRST). */
unsigned x86_next_user_pde(unsigned slot, unsigned i, unsigned last);

/* Writes slot's PDE for va and keeps the windows and TLB consistent. */
void x86_set_pde(unsigned slot, vaddr_t va, uint32_t pde);

/* The current space is about to change: its alternate window is closed
 * (the caller's CR3 load drops the window's translations). */
void x86_window_leave(void);

/* slot is being destroyed: unhook it from the alternate window. */
void x86_window_drop_slot(unsigned slot);

/* Removes every swap entry of slot's private table for va (whose PDE is
 * pde), dropping their slot references (mm/swap.h): what destroy does
 * with a table's remains. */
void x86_table_drop_swap_entries(unsigned slot, vaddr_t va, uint32_t pde);

/* Test builds: checks the paging set-up (control registers, windows,
 * layout) right after arch_vmm_init; panics on a mismatch. */
void x86_vmm_selfcheck(void);

#endif
