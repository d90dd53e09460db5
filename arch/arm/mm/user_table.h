/*
 * arch/arm/mm/user_table.h - how a space's user L2 tables are kept, for
 * the two files that change them (private to arch/arm/mm): map.c, one
 * entry at a time, and table_pass.c, whole tables. A private L2 table for
 * MiB m always lives in the page of L2 tables of region m / 4, at slot
 * m % 4, so the current space's PTE of va is at L2_WINDOW + (va >> 12) * 4;
 * another space's tables are reached through the direct map. Each table's
 * occupancy bitmap (mm/table_occ.h: 16 groups of 16 PTEs) is 16 bits of
 * the frame database record of its region page (four tables, 64 bits).
 * Swap entries (desc.h) live in the same tables: every call that removes
 * one gives its slot reference back (vmm_swap_entry_drop), fork's copy
 * takes one more (vmm_swap_entry_dup), and they count as occupied. Each
 * space counts its swap entries exactly (arm_space.swap_entries).
 */
#ifndef ARCH_ARM_MM_USER_TABLE_H
#define ARCH_ARM_MM_USER_TABLE_H

#include "arch/arm/mm/mmu.h"
#include "arch/arm/mm/desc.h"
#include "arch/arm/mm/tlb.h"
#include "mm/swap.h"
#include "mm/table_occ.h"
#include "kernel/arch.h"

#define MIB(va) ((va) >> L1_SECTION_SHIFT)
#define PTES_PER_TABLE (L2_TABLE_BYTES / 4)
#define MIB_INDEX(va) (((va) >> PAGE_SHIFT) % PTES_PER_TABLE)   /* PTE index inside its table */
#define GROUP 16u   /* PTEs per occupancy bit: 16 groups cover a table's 256 */

/* Sets the occupancy bitmap of the L2 table at physical address table
 * (map.c). */
void arm_occ_put(paddr_t table, uint32_t occ);

/* The space's L1 summary: bit k set whenever one of user L1 entries
 * [32k, 32k + 32) may be non-zero (superset; the window's entry is not
 * counted), so walks skip empty stretches without reading them. */
#define L1_PER_SUMMARY_BIT 32u

/* Every write of a user L1 entry goes through here: the summary and the
 * count follow it. */
static inline void l1_write(unsigned slot, uint32_t *l1e, uint32_t new_entry)
{
	struct arm_space *s = &arm_spaces[slot];
	if (new_entry)
		s->l1_summary |= 1u << ((unsigned)(l1e - arm_space_l1(slot)) / L1_PER_SUMMARY_BIT);
	s->l1_count += (new_entry != 0) - (*l1e != 0);
	*l1e = new_entry;
}

#define ARM_TLBC_PTE(slot, va, old, new) \
	ARM_TLBC(slot, va, PAGE_SIZE, pte_addr(old), arm_tlbc_kind(old, new))

static inline enum tlbc_change arm_tlbc_kind(uint32_t old, uint32_t new_entry)
{
	struct vmm_page_info a, b;
	if (!pte_is_valid(new_entry))
		return TLBC_REMOVE;
	pte_decode(old, &a);
	pte_decode(new_entry, &b);
	return tlbc_kind_of(a.pa, a.prot, b.pa, b.prot);
}

static inline bool l1_is_zero_table(uint32_t e)
{
	return l1_is_table(e) && l1_table_addr(e) == arm_zero_table_pa;
}

static inline bool l1_is_private(uint32_t e)
{
	return l1_is_table(e) && l1_table_addr(e) != arm_zero_table_pa;
}

/* Pointer to the PTE of va in slot's private table (the L1 entry must be
 * private): through the window when slot is current. */
static inline uint32_t *pte_ptr(unsigned slot, vaddr_t va, uint32_t l1e)
{
	if (slot == arm_current_slot)
		return (uint32_t *)(uintptr_t)(L2_WINDOW + (va >> PAGE_SHIFT) * 4);
	uint32_t *table = arch_vmm_phys_to_virt(l1_table_addr(l1e));
	return &table[(va >> PAGE_SHIFT) % PTES_PER_TABLE];
}

/* Removes slot's swap entry at *pte and its slot reference. A swap entry
 * is a translation fault, which no TLB holds (ARM ARM B3.9; the ARMv8
 * ARM's AArch32 G5.8: "a translation table entry that generates a
 * Translation fault ... is not held in the TLB"): no maintenance. */
static inline void swap_entry_remove(unsigned slot, uint32_t *pte)
{
	uint32_t swap_slot = pte_swap_slot(*pte);
	*pte = 0;
	arm_spaces[slot].swap_entries--;
	vmm_swap_entry_drop(swap_slot);
}

/* The page of L2 tables for va's 4 MiB region, allocated on first use and
 * entered in the window. Returns its physical address, or 0 without memory
 * (map.c). */
paddr_t arm_region_page(unsigned slot, vaddr_t va);

/* Replaces a valid L1 entry: break-before-make (ARM ARM B3.10.1). The whole
 * MiB may be cached under the space's ASID, so flush the ASID. */
static inline void l1_replace(unsigned slot, uint32_t *l1e, uint32_t new_entry)
{
	ARM_TLBC(slot, (vaddr_t)(l1e - arm_space_l1(slot)) << L1_SECTION_SHIFT,
		 1u << L1_SECTION_SHIFT, l1_table_addr(*l1e), TLBC_REPLACE);
	l1_write(slot, l1e, 0);
	arm_dsb();
	arm_space_flush_all(slot);
	l1_write(slot, l1e, new_entry);
	arm_table_write_done();
}

#endif
