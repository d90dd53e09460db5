/*
 * arch/x86/mm/pte.h - 32-bit (non-PAE) page-directory and page-table
 * entries (SDM Vol. 3A 4.3, tables 4-4 to 4-6), encoded and decoded in one
 * place. Pure inline functions: host-tested.
 */
#ifndef ARCH_X86_MM_PTE_H
#define ARCH_X86_MM_PTE_H

#include "lib/types.h"
#include "mm/vmm.h"

#define X86_P    0x001u   /* present */
#define X86_RW   0x002u   /* writable */
#define X86_US   0x004u   /* user accessible */
#define X86_PWT  0x008u   /* write-through */
#define X86_PCD  0x010u   /* cache disable */
#define X86_A    0x020u   /* accessed (set by the CPU) */
#define X86_D    0x040u   /* dirty (set by the CPU, PTEs only) */
#define X86_PS   0x080u   /* in a PDE: 4 MiB page */
#define X86_G    0x100u   /* global */
#define X86_ADDR 0xfffff000u

/* Every flag lives below the 4 KiB frame address, and a bit means one thing. */
_Static_assert((X86_ADDR & 0xfffu) == 0 && (X86_ADDR | 0xfffu) == 0xffffffffu, "frame address bits");
#define X86_FLAGS (X86_P | X86_RW | X86_US | X86_PWT | X86_PCD | X86_A | X86_D | X86_PS | X86_G)
_Static_assert((X86_FLAGS & X86_ADDR) == 0, "flags overlap the frame address");
_Static_assert((X86_P ^ X86_RW ^ X86_US ^ X86_PWT ^ X86_PCD ^ X86_A ^ X86_D ^ X86_PS ^ X86_G) == 0x1ffu,
	       "flags are distinct single bits");
_Static_assert(sizeof(paddr_t) == 4, "non-PAE entries hold a 32-bit frame address");

static inline bool x86_present(uint32_t e) { return (e & X86_P) != 0; }
static inline paddr_t x86_addr(uint32_t e) { return e & X86_ADDR; }

/* Swap entries (mm/vmm.h, VMM_PAGE_SWAPPED). With P clear the processor
 * ignores every other bit of the entry (SDM Vol. 3A 4.3 and 4.5, "Format
 * of a 32-Bit Page-Table Entry that does not map a page": bits 31:1 are
 * ignored), so the software may keep anything there. This port's only
 * other non-present state is 0 (empty), and a swap entry is
 *     bits 31:12  the swap slot (20 bits: VMM_SWAP_SLOT_MAX)
 *     bit  9      X86_SWAP, the marker (an AVL bit, free even in a
 *                 present entry: never set by x86_pte_encode)
 *     bit  0      P = 0
 * so it is never 0, never present, and "P or X86_SWAP" (X86_LIVE) tells
 * an entry that holds something from an empty one in one test. */
#define X86_SWAP       0x200u
#define X86_LIVE       (X86_P | X86_SWAP)
#define X86_SWAP_SHIFT 12u
_Static_assert((X86_SWAP & X86_FLAGS) == 0, "the marker is none of the hardware's flags");
_Static_assert((X86_ADDR >> X86_SWAP_SHIFT) == VMM_SWAP_SLOT_MAX, "a slot fills the frame-address bits");

static inline bool x86_is_swap(uint32_t e) { return (e & X86_LIVE) == X86_SWAP; }
static inline uint32_t x86_swap_slot(uint32_t e) { return e >> X86_SWAP_SHIFT; }

/* slot is 1..VMM_SWAP_SLOT_MAX (the caller checks). */
static inline uint32_t x86_swap_encode(uint32_t slot)
{
	return slot << X86_SWAP_SHIFT | X86_SWAP;
}

/* A 4 KiB page (SDM Vol. 3A table 4-6). VMM_EXEC cannot be refused
 * without PAE's NX bit, and a present page is always readable: READ and
 * EXEC are implicit on this port. Device memory is PCD|PWT, uncached
 * (UC) with the power-on PAT (SDM 11.12.3). global sets G: kernel pages
 * only, which then survive CR3 loads (SDM 4.10.2.4). A and D are the
 * CPU's (SDM 4.8) and are ignored by the decoder. */
static inline uint32_t x86_pte_encode(paddr_t pa, unsigned prot, bool global)
{
	uint32_t e = (pa & X86_ADDR) | X86_P;
	if (prot & VMM_WRITE)
		e |= X86_RW;
	if (prot & VMM_USER)
		e |= X86_US;
	if (prot & VMM_DEVICE)
		e |= X86_PCD | X86_PWT;
	if (global)
		e |= X86_G;
	return e;
}

static inline void x86_pte_decode(uint32_t e, struct vmm_page_info *out)
{
	if (!x86_present(e)) {
		if (x86_is_swap(e))
			*out = (struct vmm_page_info){ VMM_PAGE_SWAPPED, 0, 0, x86_swap_slot(e) };
		else
			*out = (struct vmm_page_info){ VMM_PAGE_UNMAPPED, 0, 0, 0 };
		return;
	}
	out->kind = VMM_PAGE_MAPPED;
	out->pa = x86_addr(e);
	out->prot = VMM_READ | VMM_EXEC;
	if (e & X86_RW)
		out->prot |= VMM_WRITE;
	if (e & X86_US)
		out->prot |= VMM_USER;
	if (e & X86_PCD)
		out->prot |= VMM_DEVICE;
}

/* A PDE for a page table: user tables are P|RW|US (each PTE decides); the
 * shared zero table is P|US without RW, so nothing writes through it. */
static inline uint32_t x86_pde_table(paddr_t table, bool writable, bool user)
{
	return (table & X86_ADDR) | X86_P | (writable ? X86_RW : 0) | (user ? X86_US : 0);
}

#endif
