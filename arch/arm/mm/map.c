/*
 * arch/arm/mm/map.c - user mappings of one address space, one entry at a
 * time: map, unmap, swap-out, protect, query, and the zero-table lie, each
 * O(1); and what they need to build a table: region pages, the L1 entry
 * writes, a MiB's private table. The tables' layout and bookkeeping:
 * user_table.h. Whole-table passes (fork, teardown, walks): table_pass.c.
 */
#include "arch/arm/mm/user_table.h"
#include "arch/arm/mm/cache.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "lib/panic.h"

/* Marks the group of PTE index i of table occupied: one record lookup,
 * the map path's only extra work. */
static void occ_mark(paddr_t table, unsigned i)
{
	uint32_t *w = pmm_owner_words(table & ~(PAGE_SIZE - 1));
	unsigned k = (table / L2_TABLE_BYTES) % 4;
	w[k / 2] |= occ_bit(i, GROUP) << (k % 2 * 16);
}

void arm_occ_put(paddr_t table, uint32_t occ)
{
	uint32_t *w = pmm_owner_words(table & ~(PAGE_SIZE - 1));
	unsigned k = (table / L2_TABLE_BYTES) % 4, shift = k % 2 * 16;
	w[k / 2] = (w[k / 2] & ~(0xffffu << shift)) | occ << shift;
}

uint32_t *arm_user_pte(unsigned slot, vaddr_t va)
{
	uint32_t l1e = arm_space_l1(slot)[MIB(va)];
	return l1_is_private(l1e) ? pte_ptr(slot, va, l1e) : NULL;
}

paddr_t arm_region_page(unsigned slot, vaddr_t va)
{
	uint32_t *wt = arm_space_window_table(slot);
	uint32_t r = va >> 22;
	if (pte_is_valid(wt[r]))
		return pte_addr(wt[r]);
	paddr_t pa;
	bool zeroed;
	if (pmm_alloc_frame_zeroed(&pa, &zeroed))
		return 0;
	if (!zeroed)
		arch_page_zero(arch_vmm_phys_to_virt(pa));
	wt[r] = pte_encode(pa, VMM_READ | VMM_WRITE, false);
	arm_table_write_done();
	return pa;
}

/* Makes va's MiB a private table, empty (from nothing) or a copy of the
 * zero table. Returns 0 or -E_NOMEM. */
static int make_table(unsigned slot, vaddr_t va, bool from_zero)
{
	paddr_t page = arm_region_page(slot, va);
	if (!page)
		return -E_NOMEM;
	paddr_t table = page + (MIB(va) % 4) * L2_TABLE_BYTES;
	uint32_t *t = arch_vmm_phys_to_virt(table), *l1e = &arm_space_l1(slot)[MIB(va)];
	if (from_zero) {
		memcpy(t, arch_vmm_phys_to_virt(arm_zero_table_pa), L2_TABLE_BYTES);
		arm_occ_put(table, 0xffffu);
		l1_replace(slot, l1e, l1_user_table_desc(table));
	} else {
		l1_write(slot, l1e, l1_user_table_desc(table));
		arm_table_write_done();
	}
	return 0;
}

int arch_vmm_table_make_private(unsigned slot, vaddr_t va)
{
	if (!l1_is_zero_table(arm_space_l1(slot)[MIB(va)]))
		return -E_INVAL;
	return make_table(slot, va, true);
}

/* Writes a PTE over a valid one: break-before-make. */
static void pte_replace(unsigned slot, vaddr_t va, uint32_t *pte, uint32_t new_entry)
{
	ARM_TLBC_PTE(slot, va, *pte, new_entry);
	*pte = 0;
	arm_dsb();
	arm_space_flush_page(slot, va);
	*pte = new_entry;
	arm_table_write_done();
}

int arch_vmm_map(unsigned slot, vaddr_t va, paddr_t pa, unsigned prot)
{
	uint32_t *l1e = &arm_space_l1(slot)[MIB(va)];
	if (!l1_is_private(*l1e)) {
		int rc = make_table(slot, va, l1_is_zero_table(*l1e));
		if (rc)
			return rc;
	}
	/* A page that becomes executable must not be fetched from a stale
	 * I-cache line: clean to the point of unification, invalidate the
	 * I-cache (ARM ARM B2.2.9). */
	if ((prot & VMM_EXEC) && !(prot & VMM_DEVICE))
		arm_sync_icache_range(arch_vmm_phys_to_virt(pa), PAGE_SIZE);
	uint32_t *pte = pte_ptr(slot, va, *l1e), e = pte_encode(pa, prot, false);
	if (pte_is_valid(*pte))
		pte_replace(slot, va, pte, e);
	else {
		if (__builtin_expect(*pte != 0, 0))   /* a swap entry: its slot reference is the caller's now */
			arm_spaces[slot].swap_entries--;
		*pte = e;
		arm_table_write_done();
		occ_mark(l1_table_addr(*l1e), MIB_INDEX(va));
	}
	return 0;
}

/* The valid PTE of va in slot: 0 and *out, -E_PERM on the zero table
 * (make it private first), -E_NOENT when nothing valid is mapped (*out is
 * then the invalid PTE, or NULL without a private table; unset on -E_PERM). */
static int find_pte(unsigned slot, vaddr_t va, uint32_t **out)
{
	uint32_t l1e = arm_space_l1(slot)[MIB(va)];
	if (l1_is_zero_table(l1e))
		return -E_PERM;
	if (!l1_is_private(l1e)) {
		*out = NULL;
		return -E_NOENT;
	}
	*out = pte_ptr(slot, va, l1e);
	return pte_is_valid(**out) ? 0 : -E_NOENT;
}

int arch_vmm_unmap(unsigned slot, vaddr_t va, paddr_t *old_pa)
{
	uint32_t *pte;
	int rc = find_pte(slot, va, &pte);
	if (__builtin_expect(rc != 0, 0)) {
		if (rc == -E_NOENT && pte && pte_is_swap(*pte))
			swap_entry_remove(slot, pte);   /* nothing was mapped: still -E_NOENT */
		return rc;
	}
	if (old_pa)
		*old_pa = pte_addr(*pte);
	ARM_TLBC_PTE(slot, va, *pte, 0);
	*pte = 0;
	arm_dsb();
	arm_space_flush_page(slot, va);
	return 0;
}

int arch_vmm_set_swapped(unsigned slot, vaddr_t va, uint32_t swap_slot, paddr_t *old_pa)
{
	if (swap_slot == 0 || swap_slot > VMM_SWAP_SLOT_MAX)
		return -E_INVAL;
	uint32_t *pte;
	int rc = find_pte(slot, va, &pte);
	if (rc)
		return rc;
	if (old_pa)
		*old_pa = pte_addr(*pte);
	/* Valid -> invalid, as unmap: the swap entry is the "break" of
	 * break-before-make (B3.10.1) and nothing is made, so it is written at
	 * once; DSB makes it visible to the walker, then TLBIMVA with slot's
	 * ASID, DSB, ISB (arm_space_flush_page) drop the old entry. */
	uint32_t e = pte_swap_encode(swap_slot);
	ARM_TLBC_PTE(slot, va, *pte, e);
	*pte = e;
	arm_spaces[slot].swap_entries++;
	arm_dsb();
	arm_space_flush_page(slot, va);
	return 0;
}

int arch_vmm_protect(unsigned slot, vaddr_t va, unsigned prot)
{
	uint32_t *pte;
	int rc = find_pte(slot, va, &pte);
	if (rc)
		return rc;
	/* A page becoming executable: its bytes were written as data, so clean
	 * them to the point of unification and invalidate the I-cache and
	 * branch predictor before the entry allows fetches (B2.2.7, B2.2.9). */
	if ((prot & VMM_EXEC) && (*pte & PTE_XN) && !(prot & VMM_DEVICE))
		arm_sync_icache_range(arch_vmm_phys_to_virt(pte_addr(*pte)), PAGE_SIZE);
	/* Same frame, same memory type, only the permissions change: the ARM
	 * ARM (B3.10.1) does not require break-before-make for that, only the
	 * TLB invalidate after the new entry is visible. The access flag is
	 * no permission: it stays as it was (a page not used since the clock
	 * last cleared it is still unused). */
	uint32_t e = pte_encode(pte_addr(*pte), prot, false) & (*pte | ~PTE_AF);
	ARM_TLBC_PTE(slot, va, *pte, e);
	*pte = e;
	arm_dsb();
	arm_space_flush_page(slot, va);
	return 0;
}

void arch_vmm_query(unsigned slot, vaddr_t va, struct vmm_page_info *out)
{
	uint32_t l1e = arm_space_l1(slot)[MIB(va)];
	if (l1_is_zero_table(l1e)) {
		pte_decode(((const uint32_t *)arch_vmm_phys_to_virt(arm_zero_table_pa))[0], out);
		out->kind = VMM_PAGE_ZERO_TABLE;
		return;
	}
	if (!l1_is_private(l1e)) {
		*out = (struct vmm_page_info){ VMM_PAGE_UNMAPPED, 0, 0, 0 };
		return;
	}
	pte_decode(*pte_ptr(slot, va, l1e), out);
}

enum vmm_table_kind arch_vmm_table_kind(unsigned slot, vaddr_t va)
{
	uint32_t l1e = arm_space_l1(slot)[MIB(va)];
	if (l1_is_zero_table(l1e))
		return VMM_TABLE_ZERO;
	return l1_is_private(l1e) ? VMM_TABLE_PRIVATE : VMM_TABLE_NONE;
}

bool arch_vmm_window_entry(vaddr_t va, uint32_t *raw)
{
	uint32_t l1e = arm_space_l1(arm_current_slot)[MIB(va)];
	if (!l1_is_private(l1e))
		return false;
	*raw = *(volatile uint32_t *)(uintptr_t)(L2_WINDOW + (va >> PAGE_SHIFT) * 4);
	return true;
}

void arch_vmm_entry_decode(uint32_t raw, struct vmm_page_info *out)
{
	pte_decode(raw, out);
}
