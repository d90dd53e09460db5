/*
 * tests/host/test_x86_pte.c - 32-bit x86 page-table entry encodings
 * (arch/x86/mm/pte.h).
 */
#include "htest.h"
#include "arch/x86/mm/pte.h"

HTEST(x86_pte_round_trips_every_protection)
{
	for (unsigned prot = 0; prot < 32; prot++) {
		unsigned p = prot | VMM_READ | VMM_EXEC;   /* no NX without PAE */
		uint32_t e = x86_pte_encode(0xabcde000, p, false);
		struct vmm_page_info info;
		x86_pte_decode(e, &info);
		HCHECK_EQ(info.kind, VMM_PAGE_MAPPED);
		HCHECK_EQ(info.pa, 0xabcde000);
		HCHECK_EQ(info.prot, p);
	}
}

HTEST(x86_pte_bits_match_the_manual)
{
	uint32_t e = x86_pte_encode(0x00400000, VMM_READ | VMM_WRITE | VMM_USER, false);
	HCHECK_EQ(e, 0x00400000 | X86_P | X86_RW | X86_US);
	e = x86_pte_encode(0x1000, VMM_READ | VMM_USER, false);      /* copy-on-write view */
	HCHECK_EQ(e, 0x1000 | X86_P | X86_US);
	e = x86_pte_encode(0x2000, VMM_READ | VMM_WRITE, true);      /* kernel heap */
	HCHECK_EQ(e, 0x2000 | X86_P | X86_RW | X86_G);
	e = x86_pte_encode(0xfebc0000, VMM_READ | VMM_WRITE | VMM_DEVICE, true);
	HCHECK_EQ(e & (X86_PCD | X86_PWT), X86_PCD | X86_PWT);
	HCHECK_EQ(X86_ADDR & 0xfff, 0);
}

HTEST(x86_pde_for_tables)
{
	HCHECK_EQ(x86_pde_table(0x5000, true, true), 0x5000 | X86_P | X86_RW | X86_US);
	/* The zero table's PDE: user-readable, never writable through. */
	HCHECK_EQ(x86_pde_table(0x6000, false, true), 0x6000 | X86_P | X86_US);
	struct vmm_page_info info;
	x86_pte_decode(0x7000, &info);           /* P clear */
	HCHECK_EQ(info.kind, VMM_PAGE_UNMAPPED);
}
