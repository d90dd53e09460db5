/*
 * arch/arm/mm/table_pass.c - the passes over whole L2 tables of a space:
 * fork's copy-on-write share of a table, unmap-and-release of a range
 * (munmap, exit), the empty checks that give a table back (set_zero,
 * release_if_empty), teardown's leftover swap entries and region pages,
 * and next_mapped's walk. Each looks only at the groups a table's
 * occupancy bitmap marks, and at the L1 entries the summary marks
 * (user_table.h). Fork and teardown look for swap entries only in a space
 * that has some, so their loops over valid entries are the same as without
 * swap.
 */
#include "arch/arm/mm/user_table.h"
#include "mm/pmm.h"
#include "mm/tlb_gather.h"
#include "lib/panic.h"

/* The occupancy bitmap of the L2 table at physical address table: 16 bits
 * of its region page's owner words, by its place in the page. */
static uint32_t occ_get(paddr_t table)
{
	const uint32_t *w = pmm_owner_words(table & ~(PAGE_SIZE - 1));
	unsigned k = (table / L2_TABLE_BYTES) % 4;
	return w[k / 2] >> (k % 2 * 16) & 0xffffu;
}

/* Removes every swap entry of t[i, top) (slot's table). */
static void remove_swap_entries(unsigned slot, uint32_t *t, unsigned i, unsigned top)
{
	for (; i < top; i++)
		if (pte_is_swap(t[i]))
			swap_entry_remove(slot, &t[i]);
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

/* fork found a slot out of references in group last (whose swap entries
 * are copied before its valid ones, so only swap copies are in it): the
 * child's copies in the groups up to it give back what they took (frame
 * and slot references) and become zeros again. The parent's entries of
 * the groups before it, made read-only, stay so: a frame's one owner gets
 * write access back at its next write fault, as for the spans
 * vmm_space_fork shared before a failure. Cold: a slot holds 32,767
 * references (mm/swap_slots.c). */
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
	paddr_t page = arm_region_page(child, va);
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
	arm_occ_put(table, occ);        /* the child's groups are the parent's */
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

/* The group range of a table's index range [first, last]: each group
 * grp marked in occ covers [lo, top). */
#define FOR_EACH_MARKED_GROUP(grp, lo, top, occ, first, last)                         \
	for (unsigned grp = (first) / GROUP, lo, top;                                  \
	     (grp = occ_next((occ), grp)) <= (last) / GROUP &&                         \
	     ((lo = grp * GROUP > (first) ? grp * GROUP : (first)),                    \
	      (top = (grp + 1) * GROUP <= (last) + 1 ? (grp + 1) * GROUP : (last) + 1), 1); \
	     grp++)

/* Clears the valid entries of [first, last] of a space with a live ASID:
 * the TLB may hold them, so their frames go back only after the flush
 * (mm/tlb_gather.h). */
static void release_gathered(unsigned slot, uint32_t *t, vaddr_t base, uint32_t occ, unsigned first,
			     unsigned last, paddr_t skip, struct tlb_gather *g)
{
	FOR_EACH_MARKED_GROUP(grp, lo, top, occ, first, last) {
		for (unsigned i = lo; i < top; i++) {
			uint32_t e = t[i];
			if (!pte_is_valid(e))
				continue;
			ARM_TLBC_PTE(slot, base + i * PAGE_SIZE, e, 0);
			t[i] = 0;
			tlb_gather_add(g, pte_addr(e), skip);
		}
	}
}

/* The same for a space without a live ASID (retired by exit, or its
 * generation gone in a rollover's TLBIALL): nothing is in any TLB, so the
 * frames go back at once, with one splice. exit's loop: a leaf out of
 * line, so the frame database span, the batch and the loop all stay in
 * registers. */
static __attribute__((noinline)) void release_now(uint32_t *t, uint32_t occ, unsigned first,
						 unsigned last, paddr_t skip)
{
	const struct pmm_span span = pmm_db_span;
	struct pmm_batch b = PMM_BATCH_INIT;   /* in registers: the table stores cannot alias it */
	struct pmm_batch out;
	FOR_EACH_MARKED_GROUP(grp, lo, top, occ, first, last) {
		for (unsigned i = lo; i < top; i++) {
			uint32_t e = t[i];
			if (!pte_is_valid(e))
				continue;
			t[i] = 0;
			/* The entry's frame without masking its attribute bits
			 * off: skip is page aligned, so the frames differ exactly
			 * when the words differ above bit 11, and
			 * pmm_span_unref_batch reads only pa >> PAGE_SHIFT. */
			if ((e ^ skip) >= PAGE_SIZE)
				pmm_span_unref_batch(&span, e, &b);
		}
	}
	out = b;   /* b's address never escapes: it can live in registers */
	pmm_batch_free(&out);
}

/* Swap entries first, in a pass of their own: only in a space that has
 * some, so the loops above never look for them. */
static void release_swap_entries(unsigned slot, uint32_t *t, uint32_t occ, unsigned first, unsigned last)
{
	FOR_EACH_MARKED_GROUP(grp, lo, top, occ, first, last)
		remove_swap_entries(slot, t, lo, top);
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
	if (arm_spaces[slot].swap_entries)
		release_swap_entries(slot, t, occ, first, last);
	if (arm_space_live_asid(slot) >= 0) {
		struct tlb_gather g;
		tlb_gather_init(&g, flush_for_gather, slot);
		release_gathered(slot, t, base, occ, first, last, skip, &g);
		tlb_gather_finish(&g);
	} else {
		release_now(t, occ, first, last, skip);
	}
	arm_occ_put(table, occ & ~occ_covered(first, last, GROUP));
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
