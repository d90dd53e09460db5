/*
 * arch/arm/mm/accessed.h - the access flag of user pages, for the trap
 * handler (arch/arm/trap.c) and the tests. With SCTLR.AFE = 1 AP[0] is the
 * access flag (ARM ARM B3.7.3); the Cortex-A7 never sets it itself, so the
 * access-flag fault it raises on a page whose flag the clock cleared
 * (arch_vmm_test_clear_accessed) sets it here.
 */
#ifndef ARCH_ARM_MM_ACCESSED_H
#define ARCH_ARM_MM_ACCESSED_H

#include "mm/vmm.h"

/* An access-flag fault at user address va of the current space: sets the
 * flag of its valid entry and returns true (retry the access); false when
 * va has no valid entry without the flag (an unexpected fault). */
bool arm_vmm_access_flag_fault(vaddr_t va);

/* Access-flag faults resolved since boot. */
extern uint32_t arm_access_flag_faults;

#endif
