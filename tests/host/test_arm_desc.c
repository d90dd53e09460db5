/*
 * tests/host/test_arm_desc.c - ARMv7 short-descriptor encodings
 * (arch/arm/mm/desc.h): every protection combination round-trips, and
 * the bits are the ones the ARM ARM names (SCTLR.AFE = 1: AP[0] is the
 * access flag, AP[2:1] the simplified permissions); swap entries.
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
	/* User read/write, normal memory, not executable, non-global:
	 * AP[2:1] = 01 (B3.7.1 table B3-9: read/write at any PL), AF = 1. */
	uint32_t e = pte_encode(0x00400000, VMM_READ | VMM_WRITE | VMM_USER, false);
	HCHECK_EQ(e & 0x3, 0x3);                 /* small page + XN */
	HCHECK_EQ(e & (PTE_AP2 | PTE_AP1 | PTE_AF), PTE_AP1 | PTE_AF);
	HCHECK_EQ(e & (PTE_TEX0 | PTE_C | PTE_B), PTE_TEX0 | PTE_C | PTE_B);
	HCHECK(e & PTE_NG);
	HCHECK_EQ(e & PTE_ADDR_MASK, 0x00400000);
	/* Copy-on-write view: AP[2:1] = 11, read-only for PL0 *and* PL1. */
	e = pte_encode(0x1000, VMM_READ | VMM_USER, false);
	HCHECK_EQ(e & (PTE_AP2 | PTE_AP1 | PTE_AF), PTE_AP2 | PTE_AP1 | PTE_AF);
	/* Kernel heap page: AP[2:1] = 00 (PL1 read/write, PL0 none), global. */
	e = pte_encode(0x2000, VMM_READ | VMM_WRITE, true);
	HCHECK_EQ(e & (PTE_AP2 | PTE_AP1 | PTE_AF), PTE_AF);
	HCHECK(!(e & PTE_NG));
	/* Kernel read-only: AP[2:1] = 10. */
	e = pte_encode(0x2000, VMM_READ, true);
	HCHECK_EQ(e & (PTE_AP2 | PTE_AP1 | PTE_AF), PTE_AP2 | PTE_AF);
	/* Device: TEX=000 C=0 B=1, XN even if EXEC was asked. */
	e = pte_encode(0x3f000000, VMM_READ | VMM_WRITE | VMM_DEVICE | VMM_EXEC, true);
	HCHECK_EQ(e & (PTE_TEX0 | PTE_C | PTE_B), PTE_B);
	HCHECK(e & PTE_XN);
	HCHECK(e & PTE_AF);
}

/* The four rights are the words they were with AFE = 0 (AP[0] was 1 in
 * every encoding then, and is AF = 1 now): nothing a page allows changed. */
HTEST(arm_pte_afe_encodings_keep_the_old_words)
{
	HCHECK_EQ(pte_encode(0x5000, VMM_READ | VMM_WRITE | VMM_USER, false) & 0x230, 0x030);   /* 011 */
	HCHECK_EQ(pte_encode(0x5000, VMM_READ | VMM_USER, false) & 0x230, 0x230);              /* 111 */
	HCHECK_EQ(pte_encode(0x5000, VMM_READ | VMM_WRITE, false) & 0x230, 0x010);             /* 001 */
	HCHECK_EQ(pte_encode(0x5000, VMM_READ, false) & 0x230, 0x210);                         /* 101 */
}

/* The access flag is no right: with AF = 0 an entry decodes to the same
 * page and rights, and pte_accessed tells the two apart. */
HTEST(arm_pte_access_flag_is_not_a_permission)
{
	for (unsigned prot = 0; prot < 32; prot++) {
		uint32_t e = pte_encode(0x00abc000, prot | VMM_READ, false);
		struct vmm_page_info on, off;
		pte_decode(e, &on);
		pte_decode(e & ~PTE_AF, &off);
		HCHECK(pte_accessed(e) && !pte_accessed(e & ~PTE_AF));
		HCHECK_EQ(off.kind, VMM_PAGE_MAPPED);
		HCHECK_EQ(off.pa, on.pa);
		HCHECK_EQ(off.prot, on.prot);
	}
}

/* Boot sections (cpu_bits.h, start.S): AF = 1 and AP[2:1] = 00. */
HTEST(arm_boot_sections_have_the_access_flag)
{
	HCHECK_EQ(SECTION_KERNEL_RAM & (L1_SECT_AF | L1_SECT_AP1 | L1_SECT_AP2), L1_SECT_AF);
	HCHECK_EQ(SECTION_DEVICE & (L1_SECT_AF | L1_SECT_AP1 | L1_SECT_AP2), L1_SECT_AF);
	HCHECK_EQ(SECTION_KERNEL_RAM & 0x3, L1_TYPE_SECT);
}

/* Swap entries: every slot round-trips, the word is a translation fault
 * (bits[1:0] = 00, B3.5.1), never 0, never valid, and no valid entry or
 * empty word reads as one. */
HTEST(arm_swap_entries_round_trip)
{
	const uint32_t slots[] = { 1, 2, 0x5a4, 0x1000, 0x7fff, 0x8000, 0xabcde, VMM_SWAP_SLOT_MAX - 1,
				   VMM_SWAP_SLOT_MAX };
	for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
		uint32_t e = pte_swap_encode(slots[i]);
		struct vmm_page_info info;
		HCHECK(e != 0);
		HCHECK_EQ(e & 0x3, 0);
		HCHECK(!pte_is_valid(e));
		HCHECK(pte_is_swap(e));
		HCHECK_EQ(pte_swap_slot(e), slots[i]);
		HCHECK(e & PTE_IN_USE);
		pte_decode(e, &info);
		HCHECK_EQ(info.kind, VMM_PAGE_SWAPPED);
		HCHECK_EQ(info.swap_slot, slots[i]);
		HCHECK_EQ(info.pa, 0);
		HCHECK_EQ(info.prot, 0);
	}
	HCHECK(!pte_is_swap(0));
	for (unsigned prot = 0; prot < 32; prot++) {
		uint32_t e = pte_encode(0x5a4000, prot | VMM_READ, prot & 1);
		HCHECK(!pte_is_swap(e) && !pte_is_swap(e & ~PTE_AF));
		struct vmm_page_info info;
		pte_decode(e, &info);
		HCHECK_EQ(info.swap_slot, 0);
	}
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
