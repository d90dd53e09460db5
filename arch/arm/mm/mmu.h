/*
 * arch/arm/mm/mmu.h - state shared by the ARM MMU backend's files (private
 * to arch/arm/mm). Every table is reached without the heap: the kernel L1
 * table is static, each space's TTBR0 table sits in the permanent L1
 * region, L2 tables come four to a page from the PMM and are reached
 * through the current space's L2 window or, for other spaces, through the
 * direct map.
 */
#ifndef ARCH_ARM_MM_MMU_H
#define ARCH_ARM_MM_MMU_H

#include "lib/config.h"
#include "mm/vmm.h"
#include "arch/arm/mm/layout.h"
#include "mm/tlbcheck.h"

/* One address space's hardware resources. */
struct arm_space {
	paddr_t l1;          /* its TTBR0 table (one frame), mapped at L1_REGION + slot * 4096 */
	paddr_t window;      /* the page holding the window L2 table (at +3 KiB) */
	uint32_t asid_gen;   /* generation its ASID belongs to; stale = no ASID */
	uint32_t l1_summary; /* bit k: user L1 entries [32k, 32k + 32) may be non-zero (user_table.h) */
	uint32_t swap_entries; /* swap entries in its tables, exactly (user_table.h): 0 spares fork and teardown the search */
	uint16_t l1_count;   /* user L1 entries that are non-zero, exactly: 0 ends a walk at once */
	uint8_t asid;
};

extern struct arm_space arm_spaces[CONFIG_MAX_PROCS];
extern unsigned arm_current_slot;
extern uint32_t arm_kernel_l1[KERNEL_L1_BYTES / 4];   /* start.S */
extern paddr_t arm_zero_table_pa;                     /* the shared read-only L2 table */

/* Slot's TTBR0 table, through the permanent region. */
static inline uint32_t *arm_space_l1(unsigned slot)
{
	return (uint32_t *)(uintptr_t)(L1_REGION + slot * USER_L1_BYTES);
}

/* Slot's window L2 table: entry r maps the page of L2 tables for the
 * 4 MiB region r (its 4 tables cover MiB 4r .. 4r+3). */
static inline uint32_t *arm_space_window_table(unsigned slot)
{
	return (uint32_t *)arch_vmm_phys_to_virt(arm_spaces[slot].window + 3 * L2_TABLE_BYTES);
}

/* Gives a page of L2 tables back: as a zeroed frame when the occupancy
 * bitmaps of its four tables are all clear (test builds check the page). */
void arm_free_region_page(paddr_t pa);

/* Space teardown's remains: every swap entry of slot still in the page of
 * L2 tables at page goes, with its slot reference (nothing to look at
 * when slot has none left, as after a full unmap). */
void arm_region_page_drop_swap(unsigned slot, paddr_t page);

/* The ASID to flush for slot, or -1 if it holds none (nothing cached). */
int arm_space_live_asid(unsigned slot);

/* Flushes one user page of slot from the TLB if slot has a live ASID. */
void arm_space_flush_page(unsigned slot, vaddr_t va);

/* Flushes every entry of slot (a whole L1 entry changed). */
void arm_space_flush_all(unsigned slot);

/* slot's PTE of user address va, or NULL when va's MiB has no private
 * table (none, or the shared zero table). Through the window when slot
 * is current, the direct map otherwise (map.c). */
uint32_t *arm_user_pte(unsigned slot, vaddr_t va);

/* Test builds: a change to a valid entry of slot, for the TLB checker
 * (mm/tlbcheck.h), under the ASID its entries may be cached with. A slot
 * without a live ASID has nothing cached: its old ASID went at rollover. */
#if TLBC_ENABLED
#define ARM_TLBC(slot, va, span, pa, kind) do {                               \
	int a_ = arm_space_live_asid(slot);                                   \
	if (a_ >= 0)                                                          \
		TLBC_CHANGE((unsigned)a_, (va), (span), (pa), (kind));        \
} while (0)
#else
#define ARM_TLBC(slot, va, span, pa, kind) TLBC_USE(slot, va, span, pa, kind)
#endif

#endif
