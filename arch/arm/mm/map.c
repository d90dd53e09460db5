/*
 * arch/arm/mm/map.c - user mappings of one address space: map, unmap,
 * protect, query, and the zero-table lie, each O(1). A private L2 table for
 * MiB m always lives in the page of L2 tables of region m / 4, at slot
 * m % 4, so the current space's PTE of va is at L2_WINDOW + (va >> 12) * 4;
 * another space's tables are reached through the direct map. Each table's
 * occupancy bitmap (mm/table_occ.h: 16 groups of 16 PTEs) is 16 bits of
 * the frame database record of its region page (four tables, 64 bits).
 * Swap entries (desc.h) live in the same tables: every call that removes
 * one gives its slot reference back (vmm_swap_entry_drop), fork's copy
 * takes one more (vmm_swap_entry_dup), and they count as occupied. Each
 * space counts its swap entries exactly (arm_space.swap_entries): fork and
 * teardown look for them only in a space that has some, so their loops
 * over valid entries are the same as without swap.
 */
#include "arch/arm/mm/mmu.h"
#include "arch/arm/mm/cache.h"
#include "arch/arm/mm/desc.h"
#include "arch/arm/mm/tlb.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "mm/tlb_gather.h"
#include "mm/table_occ.h"
#include "kernel/arch.h"
#include "lib/panic.h"

#define MIB(va) ((va) >> L1_SECTION_SHIFT)
#define PTES_PER_TABLE (L2_TABLE_BYTES / 4)
#define MIB_INDEX(va) (((va) >> PAGE_SHIFT) % PTES_PER_TABLE)   /* PTE index inside its table */
#define GROUP 16u   /* PTEs per occupancy bit: 16 groups cover a table's 256 */

/* The occupancy bitmap of the L2 table at physical address table: 16 bits
 * of its region page's owner words, by its place in the page. */
static uint32_t occ_get(paddr_t table)
{
	const uint32_t *w = pmm_owner_words(table & ~(PAGE_SIZE - 1));
	unsigned k = (table / L2_TABLE_BYTES) % 4;
	return w[k / 2] >> (k % 2 * 16) & 0xffffu;
}

/* Marks the group of PTE index i of table occupied: one record lookup,
 * the map path's only extra work. */
static void occ_mark(paddr_t table, unsigned i)
{
	uint32_t *w = pmm_owner_words(table & ~(PAGE_SIZE - 1));
	unsigned k = (table / L2_TABLE_BYTES) % 4;
	w[k / 2] |= occ_bit(i, GROUP) << (k % 2 * 16);
}

static void occ_put(paddr_t table, uint32_t occ)
{
	uint32_t *w = pmm_owner_words(table & ~(PAGE_SIZE - 1));
	unsigned k = (table / L2_TABLE_BYTES) % 4, shift = k % 2 * 16;
	w[k / 2] = (w[k / 2] & ~(0xffffu << shift)) | occ << shift;
}

/* The space's L1 summary: bit k set whenever one of user L1 entries
 * [32k, 32k + 32) may be non-zero (superset; the window's entry is not
 * counted), so walks skip empty stretches without reading them. */
#define L1_PER_SUMMARY_BIT 32u

/* Every write of a user L1 entry goes through here: the summary and the
 * count follow it. */
static void l1_write(unsigned slot, uint32_t *l1e, uint32_t new_entry)
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

static bool l1_is_zero_table(uint32_t e)
{
	return l1_is_table(e) && l1_table_addr(e) == arm_zero_table_pa;
}

static bool l1_is_private(uint32_t e)
{
	return l1_is_table(e) && l1_table_addr(e) != arm_zero_table_pa;
}

/* Pointer to the PTE of va in slot's private table (the L1 entry must be
 * private): through the window when slot is current. */
static uint32_t *pte_ptr(unsigned slot, vaddr_t va, uint32_t l1e)
{
	if (slot == arm_current_slot)
		return (uint32_t *)(uintptr_t)(L2_WINDOW + (va >> PAGE_SHIFT) * 4);
	uint32_t *table = arch_vmm_phys_to_virt(l1_table_addr(l1e));
	return &table[(va >> PAGE_SHIFT) % PTES_PER_TABLE];
}

uint32_t *arm_user_pte(unsigned slot, vaddr_t va)
{
	uint32_t l1e = arm_space_l1(slot)[MIB(va)];
	return l1_is_private(l1e) ? pte_ptr(slot, va, l1e) : NULL;
}

/* Removes slot's swap entry at *pte and its slot reference. A swap entry
 * is a translation fault, which no TLB holds (ARM ARM B3.9; the ARMv8
 * ARM's AArch32 G5.8: "a translation table entry that generates a
 * Translation fault ... is not held in the TLB"): no maintenance. */
static void swap_entry_remove(unsigned slot, uint32_t *pte)
{
	uint32_t swap_slot = pte_swap_slot(*pte);
	*pte = 0;
	arm_spaces[slot].swap_entries--;
	vmm_swap_entry_drop(swap_slot);
}

/* Removes every swap entry of t[i, top) (slot's table). */
static void remove_swap_entries(unsigned slot, uint32_t *t, unsigned i, unsigned top)
{
	for (; i < top; i++)
		if (pte_is_swap(t[i]))
			swap_entry_remove(slot, &t[i]);
}

/* The page of L2 tables for va's 4 MiB region, allocated on first use and
 * entered in the window. Returns its physical address, or 0 without memory. */
static paddr_t region_page(unsigned slot, vaddr_t va)
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

/* Frees va's region page when none of its four tables is in use. */
static void region_page_release(unsigned slot, vaddr_t va)
{
	uint32_t *l1 = arm_space_l1(slot), *wt = arm_space_window_table(slot);
	uint32_t r = va >> 22;
	for (unsigned k = 0; k < 4; k++)
		if (l1_is_private(l1[r * 4 + k]))
			return;
	paddr_t pa = pte_addr(wt[r]);
	wt[r] = 0;
	ARM_TLBC(slot, L2_WINDOW + r * PAGE_SIZE, PAGE_SIZE, pa, TLBC_REMOVE);
	arm_space_flush_page(slot, L2_WINDOW + r * PAGE_SIZE);
	arm_free_region_page(pa);
}

void arm_region_page_drop_swap(unsigned slot, paddr_t page)
{
	for (unsigned k = 0; k < 4 && arm_spaces[slot].swap_entries; k++) {
		paddr_t table = page + k * L2_TABLE_BYTES;
		uint32_t occ = occ_get(table), *t = arch_vmm_phys_to_virt(table);
		for (unsigned g = 0; (g = occ_next(occ, g)) < 32; g++)
			remove_swap_entries(slot, t, g * GROUP, (g + 1) * GROUP);
	}
}

void arm_free_region_page(paddr_t pa)
{
	const uint32_t *w = pmm_owner_words(pa);
	if (w[0] || w[1]) {   /* a table still marked: not known to be zeros */
		pmm_free_frame(pa);
		return;
	}
	if (CONFIG_TEST) {   /* the claim below, checked */
		const uint32_t *t = arch_vmm_phys_to_virt(pa);
		for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
			if (t[i])
				panic("arm_free_region_page: word %u of %#x is %#x", i, pa, t[i]);
	}
	pmm_free_zeroed(pa);
}

/* Replaces a valid L1 entry: break-before-make (ARM ARM B3.10.1). The whole
 * MiB may be cached under the space's ASID, so flush the ASID. */
static void l1_replace(unsigned slot, uint32_t *l1e, uint32_t new_entry)
{
	ARM_TLBC(slot, (vaddr_t)(l1e - arm_space_l1(slot)) << L1_SECTION_SHIFT,
		 1u << L1_SECTION_SHIFT, l1_table_addr(*l1e), TLBC_REPLACE);
	l1_write(slot, l1e, 0);
	arm_dsb();
	arm_space_flush_all(slot);
	l1_write(slot, l1e, new_entry);
	arm_table_write_done();
}

/* Makes va's MiB a private table, empty (from nothing) or a copy of the
 * zero table. Returns 0 or -E_NOMEM. */
static int make_table(unsigned slot, vaddr_t va, bool from_zero)
{
	paddr_t page = region_page(slot, va);
	if (!page)
		return -E_NOMEM;
	paddr_t table = page + (MIB(va) % 4) * L2_TABLE_BYTES;
	uint32_t *t = arch_vmm_phys_to_virt(table), *l1e = &arm_space_l1(slot)[MIB(va)];
	if (from_zero) {
		memcpy(t, arch_vmm_phys_to_virt(arm_zero_table_pa), L2_TABLE_BYTES);
		occ_put(table, 0xffffu);
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

/* The first user L1 index in [i, last] of slot that is non-zero, or
 * last + 1; groups seen empty leave the summary. */
static unsigned next_user_l1(unsigned slot, unsigned i, unsigned last)
{
	const uint32_t *l1 = arm_space_l1(slot);
	uint32_t *sum = &arm_spaces[slot].l1_summary;
	if (!arm_spaces[slot].l1_count)
		return last + 1;
	for (; i <= last; i = (i / L1_PER_SUMMARY_BIT + 1) * L1_PER_SUMMARY_BIT) {
		unsigned k = i / L1_PER_SUMMARY_BIT, top = (k + 1) * L1_PER_SUMMARY_BIT;
		if (!(*sum >> k & 1))
			continue;
		bool whole = i == k * L1_PER_SUMMARY_BIT;
		for (; i < top && i <= last; i++)
			if (l1[i])
				return i;
		if (whole && i == top)
			*sum &= ~(1u << k);
	}
	return i > last ? last + 1 : i;
}

vaddr_t arch_vmm_next_mapped(unsigned slot, vaddr_t va, vaddr_t end)
{
	while (va < end) {
		/* Empty L1 entries skipped by the summary: most of a space is nothing. */
		unsigned i = MIB(va), last = MIB(end - 1);
		i = next_user_l1(slot, i, last);
		if (i > last)
			return end;
		if (i != MIB(va))
			va = (vaddr_t)i << L1_SECTION_SHIFT;
		uint32_t l1e = arm_space_l1(slot)[MIB(va)];
		vaddr_t span_end = (va & ~((1u << L1_SECTION_SHIFT) - 1)) + (1u << L1_SECTION_SHIFT);
		if (l1_is_zero_table(l1e))
			return va;
		uint32_t occ = l1_is_private(l1e) ? occ_get(l1_table_addr(l1e)) : 0;
		if (occ) {
			vaddr_t base = span_end - (1u << L1_SECTION_SHIFT), stop = end < span_end ? end : span_end;
			unsigned n = (unsigned)((stop - base) >> PAGE_SHIFT);
			const uint32_t *t = arch_vmm_phys_to_virt(l1_table_addr(l1e));
			unsigned k = occ_find(t, occ, GROUP, MIB_INDEX(va), n, PTE_IN_USE);
			if (k < n)
				return base + k * PAGE_SIZE;
		}
		va = span_end;
	}
	return end;
}

/* One group of the parent's table into the child's (zeros there), write
 * access removed in both: fork's hot loop. Read-only at both levels (AP[2:1]
 * = 11): kernel writes break copy-on-write too. Changing permission in
 * place is allowed without break-before-make (ARM ARM B3.10.1 lists it).
 * Invalid entries are skipped: share_swap_entries copies the swap ones. */
static void share_group(unsigned parent, vaddr_t base, uint32_t *ppt, uint32_t *cpt, unsigned g,
			paddr_t skip)
{
	const struct pmm_span span = pmm_db_span;
	const uintptr_t to_child = (uintptr_t)cpt - (uintptr_t)ppt;   /* one pointer walks both tables */
	for (uint32_t *p = ppt + g * GROUP, *end = p + GROUP; p < end; p++) {
		uint32_t e = *p;
		if (!pte_is_valid(e))
			continue;
		if (pte_addr(e) != skip)
			pmm_span_ref_if_used(&span, pte_addr(e));
		if (TLBC_ENABLED && !(e & PTE_AP2))
			ARM_TLBC(parent, base + (vaddr_t)(p - ppt) * PAGE_SIZE, PAGE_SIZE, pte_addr(e), TLBC_WEAKEN);
		e |= PTE_AP2;
		*p = e;
		*(uint32_t *)((uintptr_t)p + to_child) = e;
	}
}

/* The swap entries of group g copied into the child's table, one more
 * reference on each slot. false when a slot took no more references (the
 * entries before it are copied). Only for a parent that has some. */
static bool share_swap_entries(unsigned child, const uint32_t *ppt, uint32_t *cpt, unsigned g)
{
	for (unsigned i = g * GROUP; i < (g + 1) * GROUP; i++) {
		if (!pte_is_swap(ppt[i]))
			continue;
		if (vmm_swap_entry_dup(pte_swap_slot(ppt[i])))
			return false;
		cpt[i] = ppt[i];
		arm_spaces[child].swap_entries++;
	}
	return true;
}

/* fork found a slot out of references in group last: the child's copies
 * in the groups up to it (zeros past the failure) give back what they
 * took (frame and slot references) and become zeros again. The parent's
 * entries made read-only stay so, a frame's one owner gets write access back at its
 * next write fault - as for the spans vmm_space_fork shared before a
 * failure. Cold: a slot holds 32,767 references (mm/swap_slots.c). */
static void unshare(unsigned child, uint32_t *cpt, uint32_t occ, unsigned last, paddr_t skip)
{
	for (unsigned g = 0; (g = occ_next(occ, g)) <= last; g++) {
		remove_swap_entries(child, cpt, g * GROUP, (g + 1) * GROUP);
		for (unsigned i = g * GROUP; i < (g + 1) * GROUP; i++) {
			if (pte_is_valid(cpt[i]) && pte_addr(cpt[i]) != skip)
				pmm_unref_if_used(pte_addr(cpt[i]));
			cpt[i] = 0;
		}
	}
}

int arch_vmm_table_share_cow(unsigned parent, unsigned child, vaddr_t va, paddr_t skip)
{
	uint32_t l1e = arm_space_l1(parent)[MIB(va)];
	paddr_t page = region_page(child, va);
	if (!page)
		return -E_NOMEM;
	paddr_t table = page + (MIB(va) % 4) * L2_TABLE_BYTES;
	vaddr_t base = va & ~((1u << L1_SECTION_SHIFT) - 1);
	uint32_t *ppt = pte_ptr(parent, base, l1e);
	uint32_t *cpt = arch_vmm_phys_to_virt(table);   /* zeros: a fresh slot of its region page */
	uint32_t occ = occ_get(l1_table_addr(l1e));
	bool swaps = arm_spaces[parent].swap_entries != 0;
	unsigned g = 0;
	for (; (g = occ_next(occ, g)) < 32; g++) {
		if (swaps && !share_swap_entries(child, ppt, cpt, g))
			break;
		share_group(parent, base, ppt, cpt, g, skip);
	}
	bool weakened = occ != 0;   /* entries may have lost write access: one ASID flush below */
	if (g < 32) {
		unshare(child, cpt, occ, g, skip);
		region_page_release(child, va);   /* if no other table of the child is there */
		arm_space_flush_all(parent);
		return -E_NOMEM;
	}
	occ_put(table, occ);        /* the child's groups are the parent's */
	l1_write(child, &arm_space_l1(child)[MIB(va)], l1_user_table_desc(table));
	arm_table_write_done();
	if (weakened && !TLBC_INJECT(skip_weaken_flush))   /* test-only mistake */
		arm_space_flush_all(parent);   /* one ASID flush instead of one per page */
	return 0;
}

static void flush_for_gather(unsigned slot)
{
	arm_dsb();
	if (!TLBC_INJECT(skip_unmap_flush))   /* test-only mistake */
		arm_space_flush_all(slot);
}

/* Clears the valid entries of t[i, top). A space without a live ASID
 * (retired by exit, or its generation gone in a rollover's TLBIALL) has
 * nothing in any TLB: its frames go back at once. Otherwise they go back
 * only after the flush (mm/tlb_gather.h). */
static void release_entries(unsigned slot, uint32_t *t, vaddr_t base, unsigned i, unsigned top,
			    paddr_t skip, struct tlb_gather *g, struct pmm_batch *freed)
{
	if (g) {
		for (; i < top; i++) {
			uint32_t e = t[i];
			if (!pte_is_valid(e))
				continue;
			ARM_TLBC_PTE(slot, base + i * PAGE_SIZE, e, 0);
			t[i] = 0;
			tlb_gather_add(g, pte_addr(e), skip);
		}
		return;
	}
	/* Two loops: this one, the teardown's, keeps no test of g in a register. */
	const struct pmm_span span = pmm_db_span;
	struct pmm_batch b = *freed;   /* in registers: the table stores cannot alias it */
	for (; i < top; i++) {
		uint32_t e = t[i];
		if (!pte_is_valid(e))
			continue;
		t[i] = 0;
		if (pte_addr(e) != skip)
			pmm_span_unref_batch(&span, pte_addr(e), &b);
	}
	*freed = b;
}

void arch_vmm_table_unmap_release(unsigned slot, vaddr_t va, vaddr_t end, paddr_t skip)
{
	uint32_t l1e = arm_space_l1(slot)[MIB(va)];
	paddr_t table = l1_table_addr(l1e);
	uint32_t occ;
	if (!l1_is_private(l1e) || !(occ = occ_get(table)))
		return;
	uint32_t *t = arch_vmm_phys_to_virt(table);
	vaddr_t base = va & ~((1u << L1_SECTION_SHIFT) - 1);
	unsigned first = MIB_INDEX(va), last = MIB_INDEX(end - 1);
	struct tlb_gather g;
	tlb_gather_init(&g, flush_for_gather, slot);
	struct pmm_batch freed = PMM_BATCH_INIT;
	struct tlb_gather *gp = arm_space_live_asid(slot) >= 0 ? &g : NULL;
	for (unsigned grp = first / GROUP; (grp = occ_next(occ, grp)) <= last / GROUP; grp++) {
		unsigned lo = grp * GROUP > first ? grp * GROUP : first;
		unsigned top = (grp + 1) * GROUP <= last + 1 ? (grp + 1) * GROUP : last + 1;
		if (arm_spaces[slot].swap_entries)
			remove_swap_entries(slot, t, lo, top);
		release_entries(slot, t, base, lo, top, skip, gp, &freed);
	}
	pmm_batch_free(&freed);   /* one splice for the frames that went */
	occ_put(table, occ & ~occ_covered(first, last, GROUP));
	if (gp)
		tlb_gather_finish(gp);
}

enum vmm_table_kind arch_vmm_table_kind(unsigned slot, vaddr_t va)
{
	uint32_t l1e = arm_space_l1(slot)[MIB(va)];
	if (l1_is_zero_table(l1e))
		return VMM_TABLE_ZERO;
	return l1_is_private(l1e) ? VMM_TABLE_PRIVATE : VMM_TABLE_NONE;
}

/* Only the groups the bitmap marks are looked at: an emptied table
 * (bitmap 0) is known empty at once. */
static bool table_is_empty(uint32_t l1e)
{
	uint32_t occ = occ_get(l1_table_addr(l1e));
	const uint32_t *t = arch_vmm_phys_to_virt(l1_table_addr(l1e));
	return !occ || occ_find(t, occ, GROUP, 0, PTES_PER_TABLE, PTE_IN_USE) == PTES_PER_TABLE;
}

int arch_vmm_table_set_zero(unsigned slot, vaddr_t va)
{
	uint32_t *l1e = &arm_space_l1(slot)[MIB(va)];
	if (va & ((1u << L1_SECTION_SHIFT) - 1))
		return -E_INVAL;
	if (l1_is_private(*l1e)) {
		if (!table_is_empty(*l1e))
			return -E_INVAL;
		l1_replace(slot, l1e, l1_user_table_desc(arm_zero_table_pa));
		region_page_release(slot, va);
		return 0;
	}
	if (l1_is_zero_table(*l1e))
		return 0;
	l1_write(slot, l1e, l1_user_table_desc(arm_zero_table_pa));
	arm_table_write_done();
	return 0;
}

bool arch_vmm_table_release_if_empty(unsigned slot, vaddr_t va)
{
	uint32_t *l1e = &arm_space_l1(slot)[MIB(va)];
	if (l1_is_zero_table(*l1e)) {
		ARM_TLBC(slot, va, 1u << L1_SECTION_SHIFT, arm_zero_table_pa, TLBC_REMOVE);
		l1_write(slot, l1e, 0);
		arm_dsb();
		arm_space_flush_all(slot);
		return true;
	}
	if (!l1_is_private(*l1e) || !table_is_empty(*l1e))
		return false;
	ARM_TLBC(slot, va, 1u << L1_SECTION_SHIFT, l1_table_addr(*l1e), TLBC_REMOVE);
	l1_write(slot, l1e, 0);
	arm_dsb();
	arm_space_flush_all(slot);
	region_page_release(slot, va);
	return true;
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
