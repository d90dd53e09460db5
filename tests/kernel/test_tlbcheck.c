/*
 * tests/kernel/test_tlbcheck.c - the TLB-coherence checker (mm/tlbcheck.c)
 * stays silent through the work that is easiest to get wrong: ASID rollover
 * (ARM; on x86 the same loop is CR3 reloads) and unmapping a space's pages.
 * A checker report during a test fails the test, not only the run.
 */
#include "tests/kernel/ktest.h"
#include "mm/vmm.h"
#include "mm/tlbcheck.h"

#define KIB 1024u

/* Enough activations of fresh spaces (two ASIDs per round: the test space
 * and the kernel's own, whose ASID goes stale at each rollover) to roll
 * the 255 ASIDs over twice and hand every number out again. */
#define ROUNDS 600u

static void spaces_across_asid_rollover_leave_no_stale_entries(void)
{
	unsigned failures = TLBC_FAILURES();
	for (unsigned i = 0; i < ROUNDS; i++) {
		int s = vmm_space_create();
		KCHECK(s > 0);
		KCHECK_EQ(vmm_map_anon((unsigned)s, 0x400000, 4 * PAGE_SIZE, VMM_READ | VMM_WRITE | VMM_USER), 0);
		arch_vmm_space_activate((unsigned)s);
		*(volatile uint32_t *)0x400000 = i;   /* a private frame under the new ASID */
		KCHECK_EQ(*(volatile uint32_t *)0x400000, i);
		arch_vmm_space_activate(VMM_SLOT_KERNEL);
		KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	}
	KCHECK_EQ(TLBC_FAILURES(), failures);
}

/* munmap of the current space: entries gone, TLB flushed, then frames freed. */
static void unmapping_the_current_space_flushes_before_freeing(void)
{
	unsigned failures = TLBC_FAILURES();
	int s = vmm_space_create();
	KCHECK(s > 0);
	KCHECK_EQ(vmm_map_anon((unsigned)s, 0x800000, 64 * KIB, VMM_READ | VMM_WRITE | VMM_USER), 0);
	arch_vmm_space_activate((unsigned)s);
	for (vaddr_t va = 0x800000; va < 0x800000 + 64 * KIB; va += PAGE_SIZE)
		*(volatile uint32_t *)va = (uint32_t)va;
	KCHECK_EQ(vmm_unmap_range((unsigned)s, 0x800000, 64 * KIB), 0);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(TLBC_FAILURES(), failures);
}

const struct ktest ktests_tlbcheck[] = {
	{ spaces_across_asid_rollover_leave_no_stale_entries,
	  "600 fresh spaces across ASID rollovers: no ASID reused while the TLB may hold it" },
	{ unmapping_the_current_space_flushes_before_freeing,
	  "munmap of the current space: flushed before its frames are freed" },
	{ NULL, NULL },
};
