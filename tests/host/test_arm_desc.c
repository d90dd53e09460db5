/*
 * tests/host/test_arm_desc.c - ARMv7 short-descriptor encodings
 * (arch/arm/mm/desc.h): every protection combination round-trips, and
 * the bits are the ones the ARM ARM names.
 */
#include "htest.h"
#include "arch/arm/mm/desc.h"

HTEST(arm_pte_round_trips_every_protection)
{
	for (unsigned prot = 0; prot < 32; prot++) {
		unsigned p = prot | VMM_READ;
		uint32_t e = pte_encode(0x12345000, p, false);
		struct vmm_page_info info;
		pte_decode(e, &info);
		HCHECK_EQ(info.kind, VMM_PAGE_MAPPED);
		HCHECK_EQ(info.pa, 0x12345000);
		unsigned want = p;
		if (p & VMM_DEVICE)
			want &= ~VMM_EXEC;   /* device memory is always execute-never */
		HCHECK_EQ(info.prot, want);
	}
}

HTEST(arm_pte_bits_match_the_manual)
{
	/* User read/write, normal memory, not executable, non-global. */
	uint32_t e = pte_encode(0x00400000, VMM_READ | VMM_WRITE | VMM_USER, false);
	HCHECK_EQ(e & 0x3, 0x3);                 /* small page + XN */
	HCHECK_EQ(e & (PTE_AP2 | PTE_AP1 | PTE_AP0), PTE_AP1 | PTE_AP0);   /* AP = 011 */
	HCHECK_EQ(e & (PTE_TEX0 | PTE_C | PTE_B), PTE_TEX0 | PTE_C | PTE_B);
	HCHECK(e & PTE_NG);
	HCHECK_EQ(e & PTE_ADDR_MASK, 0x00400000);
	/* Copy-on-write view: read-only for PL0 *and* PL1 (AP = 111). */
	e = pte_encode(0x1000, VMM_READ | VMM_USER, false);
	HCHECK_EQ(e & (PTE_AP2 | PTE_AP1 | PTE_AP0), PTE_AP2 | PTE_AP1 | PTE_AP0);
	/* Kernel heap page: AP = 001, global. */
	e = pte_encode(0x2000, VMM_READ | VMM_WRITE, true);
	HCHECK_EQ(e & (PTE_AP2 | PTE_AP1 | PTE_AP0), PTE_AP0);
	HCHECK(!(e & PTE_NG));
	/* Device: TEX=000 C=0 B=1, XN even if EXEC was asked. */
	e = pte_encode(0x3f000000, VMM_READ | VMM_WRITE | VMM_DEVICE | VMM_EXEC, true);
	HCHECK_EQ(e & (PTE_TEX0 | PTE_C | PTE_B), PTE_B);
	HCHECK(e & PTE_XN);
}

HTEST(arm_l1_table_descriptors)
{
	uint32_t e = l1_table_desc(0x00123c00);
	HCHECK(l1_is_table(e));
	HCHECK_EQ(l1_table_addr(e), 0x00123c00);
	HCHECK_EQ(e & 0x1e0, 0);                 /* domain 0 */
	HCHECK(!l1_is_table(0));
	HCHECK(!l1_is_table(0x00100002));        /* a section */
	HCHECK(!(e & L1_TABLE_PXN));             /* kernel tables: the kernel runs from them */
	uint32_t u = l1_user_table_desc(0x00123c00);
	HCHECK(l1_is_table(u) && (u & L1_TABLE_PXN) && u == (e | (1u << 2)));
	HCHECK_EQ(l1_table_addr(u), 0x00123c00);   /* PXN never leaks into the address */
	struct vmm_page_info info;
	pte_decode(0, &info);
	HCHECK_EQ(info.kind, VMM_PAGE_UNMAPPED);
}
