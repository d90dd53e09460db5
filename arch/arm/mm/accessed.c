/*
 * arch/arm/mm/accessed.c - the clock's second chance on ARM: the access
 * flag AP[0] of user small pages (SCTLR.AFE = 1, ARM ARM B3.7.3), cleared
 * by arch_vmm_test_clear_accessed and set again by the access-flag fault
 * the next access raises (the Cortex-A7 has no hardware management of the
 * flag). Fresh mappings are made with the flag set (desc.h pte_encode).
 *
 * TLB rule behind both halves (ARM ARM B3.9; stated for AArch32 in the
 * ARMv8 ARM, G5.8): "a translation table entry that generates a
 * Translation fault, an Address size fault, or an Access flag fault is not
 * held in the TLB". So clearing the flag must invalidate the old entry
 * (the flag set may be cached), while setting it needs no TLB maintenance,
 * only the DSB that makes the write visible to the walker and an ISB.
 *
 * Locking (SMP): under the space's lock; a second CPU faulting on the same
 * page may find the flag already set by the first and just retry.
 */
#include "arch/arm/mm/accessed.h"
#include "arch/arm/mm/mmu.h"
#include "arch/arm/mm/desc.h"
#include "arch/arm/mm/tlb.h"

uint32_t arm_access_flag_faults;

bool arch_vmm_test_clear_accessed(unsigned slot, vaddr_t va)
{
	uint32_t *pte = arm_user_pte(slot, va);
	if (!pte || !pte_is_valid(*pte) || !pte_accessed(*pte))
		return false;   /* an entry without the flag is not in any TLB: nothing to do */
	uint32_t e = *pte;
	/* The entry now faults on any access: to the TLB checker a weakening
	 * (no rights until the fault), flushed before return by TLBIMVA with
	 * slot's ASID, current or not (B3.10.1: DSB before, DSB + ISB after). */
	ARM_TLBC(slot, va, PAGE_SIZE, pte_addr(e), TLBC_WEAKEN);
	*pte = e & ~PTE_AF;
	arm_dsb();
	arm_space_flush_page(slot, va);
	return true;
}

bool arm_vmm_access_flag_fault(vaddr_t va)
{
	if (va >= arch_vmm_user_end)
		return false;
	uint32_t *pte = arm_user_pte(arm_current_slot, va);
	if (!pte || !pte_is_valid(*pte) || pte_accessed(*pte))
		return false;
	*pte |= PTE_AF;   /* only adds the flag: no TLB held the faulting entry */
	arm_table_write_done();
	arm_access_flag_faults++;
	return true;
}
