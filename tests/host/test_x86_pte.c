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

HTEST(x86_pte_global_round_trips_and_sets_only_g)
{
	for (unsigned prot = 0; prot < 32; prot++) {
		uint32_t local = x86_pte_encode(0x12345000, prot, false);
		uint32_t global = x86_pte_encode(0x12345000, prot, true);
		HCHECK_EQ(global, local | X86_G);
		struct vmm_page_info a, b;
		x86_pte_decode(local, &a);
		x86_pte_decode(global, &b);
		HCHECK_EQ(a.prot, b.prot);
		HCHECK_EQ(a.pa, b.pa);
	}
}

HTEST(x86_pte_exec_and_read_are_implicit)
{
	/* No NX without PAE, no "present but unreadable": READ and EXEC change
	 * nothing in the entry, and every valid entry decodes with both. */
	uint32_t base = x86_pte_encode(0x3000, 0, false);
	HCHECK_EQ(x86_pte_encode(0x3000, VMM_READ, false), base);
	HCHECK_EQ(x86_pte_encode(0x3000, VMM_EXEC, false), base);
	HCHECK_EQ(x86_pte_encode(0x3000, VMM_READ | VMM_EXEC, false), base);
	struct vmm_page_info info;
	x86_pte_decode(base, &info);
	HCHECK_EQ(info.prot, VMM_READ | VMM_EXEC);
}

HTEST(x86_pte_address_is_masked_both_ways)
{
	/* Low bits of a frame address must never leak into flag bits. */
	uint32_t e = x86_pte_encode(0xfffff123, VMM_READ, false);
	HCHECK_EQ(e, 0xfffff000 | X86_P);
	HCHECK_EQ(x86_addr(e), 0xfffff000);
	HCHECK_EQ(x86_pde_table(0x00abcfff, true, false), 0x00abc000 | X86_P | X86_RW);
	struct vmm_page_info info;
	x86_pte_decode(0xfffff000 | 0xfff, &info);   /* every flag bit set */
	HCHECK_EQ(info.pa, 0xfffff000);
	HCHECK_EQ(info.prot, VMM_READ | VMM_EXEC | VMM_WRITE | VMM_USER | VMM_DEVICE);
}

HTEST(x86_pte_decode_ignores_accessed_and_dirty)
{
	/* A and D are set by the CPU's page walks (SDM Vol. 3A 4.8): a page
	 * the CPU has touched still reads back as what was mapped. */
	uint32_t e = x86_pte_encode(0x8000, VMM_READ | VMM_WRITE | VMM_USER, false);
	struct vmm_page_info clean, touched;
	x86_pte_decode(e, &clean);
	x86_pte_decode(e | X86_A | X86_D, &touched);
	HCHECK_EQ(clean.kind, touched.kind);
	HCHECK_EQ(clean.pa, touched.pa);
	HCHECK_EQ(clean.prot, touched.prot);
	struct vmm_page_info none;
	x86_pte_decode(0xabcde000 | X86_RW | X86_US | X86_A, &none);   /* P clear */
	HCHECK_EQ(none.kind, VMM_PAGE_UNMAPPED);
	HCHECK_EQ(none.pa, 0);
	HCHECK_EQ(none.prot, 0);
}

HTEST(x86_pte_flag_bits_are_the_manuals)
{
	/* SDM Vol. 3A table 4-6 (PTE) / 4-4 (4 MiB PDE). */
	HCHECK_EQ(X86_P, 1u << 0);
	HCHECK_EQ(X86_RW, 1u << 1);
	HCHECK_EQ(X86_US, 1u << 2);
	HCHECK_EQ(X86_PWT, 1u << 3);
	HCHECK_EQ(X86_PCD, 1u << 4);
	HCHECK_EQ(X86_A, 1u << 5);
	HCHECK_EQ(X86_D, 1u << 6);
	HCHECK_EQ(X86_PS, 1u << 7);
	HCHECK_EQ(X86_G, 1u << 8);
	HCHECK_EQ(X86_ADDR, ~0xfffu);
}

HTEST(x86_swap_entries_round_trip_and_are_never_present_or_empty)
{
	/* Bits 31:1 of a non-present entry are ignored by the processor (SDM
	 * Vol. 3A 4.3/4.5): the slot and the marker live there. */
	const uint32_t slots[] = { 1, 2, 0x800, 0x7ffff, VMM_SWAP_SLOT_MAX };
	for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
		uint32_t e = x86_swap_encode(slots[i]);
		struct vmm_page_info info;
		x86_pte_decode(e, &info);
		HCHECK(e != 0);
		HCHECK(!x86_present(e));
		HCHECK(x86_is_swap(e));
		HCHECK(e & X86_LIVE);
		HCHECK_EQ(info.kind, VMM_PAGE_SWAPPED);
		HCHECK_EQ(info.swap_slot, slots[i]);
		HCHECK_EQ(info.pa, 0);
		HCHECK_EQ(info.prot, 0);
	}
}

HTEST(x86_swap_marker_is_never_in_a_mapping)
{
	/* No present entry the encoder makes is a swap entry, and an empty
	 * entry is neither; every encoded mapping counts as live. */
	for (unsigned prot = 0; prot < 32; prot++) {
		uint32_t e = x86_pte_encode(0xfffff000, prot, prot & 1);
		HCHECK_EQ(e & X86_SWAP, 0);
		HCHECK(!x86_is_swap(e));
		HCHECK(e & X86_LIVE);
	}
	HCHECK(!x86_is_swap(0));
	HCHECK_EQ(X86_SWAP, 1u << 9);   /* an AVL bit (SDM Vol. 3A table 4-6) */
	HCHECK_EQ(x86_swap_slot(x86_swap_encode(VMM_SWAP_SLOT_MAX)), VMM_SWAP_SLOT_MAX);
}
