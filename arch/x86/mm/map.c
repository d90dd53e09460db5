/*
 * arch/x86/mm/map.c - user mappings of one address space: map, unmap,
 * protect, query and the zero-table lie, each O(1) through the windows of
 * arch/x86/mm/window.c. The TLB is the current space's only: a change to
 * another space needs no flush (loading its CR3 later drops non-global
 * entries); a change to the current one is followed by invlpg.
 * Each page table's occupancy bitmap (mm/table_occ.h: 32 groups of 32
 * PTEs, in the frame database record of the table's frame) lets fork,
 * teardown and the empty check skip the groups that hold nothing; a
 * second bitmap beside it marks the groups that may hold a swap entry
 * (pte.h), so the per-page loops of fork and teardown look at present
 * entries only and a table without swap entries pays one test for them.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"
#include "arch/x86/mm/share_cow.h"
#include <stddef.h>   /* offsetof */
#include "lib/string.h"
#include "mm/pmm.h"
#include "mm/tlb_gather.h"
#include "mm/table_occ.h"
#include "mm/swap.h"
#include "kernel/arch.h"
#include "lib/panic.h"

#define PTES 1024u
#define GROUP 32u   /* PTEs per occupancy bit */

/* The occupancy bitmap of the private table a PDE points at (a group's
 * bit: it may hold a present or a swap entry), and its swap bitmap (the
 * groups that may hold a swap entry; a subset of the first). */
static uint32_t *occ_of(uint32_t pde)
{
	return pmm_owner_words(x86_addr(pde));
}

static uint32_t *swap_occ_of(uint32_t pde)
{
	return pmm_owner_words(x86_addr(pde)) + 1;
}

static uint32_t pde_of(unsigned slot, vaddr_t va)
{
	return x86_space_pd(slot)[va >> 22];
}

static bool pde_is_zero(uint32_t pde)
{
	return x86_present(pde) && x86_addr(pde) == x86_zero_table_pa;
}

static bool pde_is_private(uint32_t pde)
{
	return x86_present(pde) && x86_addr(pde) != x86_zero_table_pa;
}

static uint32_t *pte_of(unsigned slot, vaddr_t va)
{
	return &x86_space_pt(slot, va)[(va >> 12) & 1023];
}

static void flush_page(unsigned slot, vaddr_t va)
{
	if (slot == x86_current_slot)
		x86_invlpg(va);
}

/* Test builds: a change to a valid PTE of slot, for the TLB checker, with
 * the caller's file and line. Only the current space can have entries
 * cached (a CR3 load drops the rest). */
#if TLBC_ENABLED
static void x86_tlbc_pte(unsigned slot, vaddr_t va, uint32_t old, uint32_t new_entry,
			 const char *file, int line)
{
	if (slot != x86_current_slot)
		return;
	struct vmm_page_info a, b;
	x86_pte_decode(old, &a);
	x86_pte_decode(new_entry, &b);
	tlbc_change(X86_TLBC_TAG, va, PAGE_SIZE, a.pa, !x86_present(new_entry) ? TLBC_REMOVE :
		    tlbc_kind_of(a.pa, a.prot, b.pa, b.prot), file, line);
}
#define tlbc_pte(slot, va, old, new_entry) x86_tlbc_pte(slot, va, old, new_entry, __FILE__, __LINE__)
#else
#define tlbc_pte(slot, va, old, new_entry) TLBC_USE(slot, va, old, new_entry)
#endif
void arch_vmm_flush_page(unsigned slot, vaddr_t va)
{
	flush_page(slot, va);
}

/* A fresh table for va's range: empty (a frame known to be zeros when the
 * PMM has one: emptied tables go back that way), or a copy of the zero
 * table, every group occupied. */
static int new_table(unsigned slot, vaddr_t va, bool from_zero)
{
	paddr_t pa;
	bool zeroed = false;
	if (from_zero ? pmm_alloc_frame(&pa) : pmm_alloc_frame_zeroed(&pa, &zeroed))
		return -E_NOMEM;
	void *t = arch_vmm_phys_to_virt(pa);
	if (from_zero) {
		arch_page_copy(t, arch_vmm_phys_to_virt(x86_zero_table_pa));
		*pmm_owner_words(pa) = ~0u;
	} else if (!zeroed) {
		arch_page_zero(t);
	}
	x86_set_pde(slot, va, x86_pde_table(pa, true, true));
	return 0;
}

int arch_vmm_table_make_private(unsigned slot, vaddr_t va)
{
	if (!pde_is_zero(pde_of(slot, va)))
		return -E_INVAL;
	return new_table(slot, va, true);
}

int arch_vmm_map(unsigned slot, vaddr_t va, paddr_t pa, unsigned prot)
{
	uint32_t pde = pde_of(slot, va);
	if (!pde_is_private(pde)) {
		int rc = new_table(slot, va, pde_is_zero(pde));
		if (rc)
			return rc;
		pde = pde_of(slot, va);
	}
	uint32_t *pte = pte_of(slot, va);
	bool was = x86_present(*pte);
	uint32_t e = x86_pte_encode(pa, prot, false);
	if (was)
		tlbc_pte(slot, va, *pte, e);
	*pte = e;
	if (was)
		flush_page(slot, va);
	else
		*occ_of(pde) |= occ_bit((va >> 12) & (PTES - 1), GROUP);
	return 0;
}

/* The valid PTE of va in slot: 0 and *out, -E_PERM on the zero table
 * (make it private first), -E_NOENT when nothing is mapped (*out is then
 * the empty or swap entry when the range has a private table, else NULL). */
static int find_pte(unsigned slot, vaddr_t va, uint32_t **out)
{
	uint32_t pde = pde_of(slot, va);
	*out = NULL;
	if (pde_is_zero(pde))
		return -E_PERM;
	if (!pde_is_private(pde))
		return -E_NOENT;
	*out = pte_of(slot, va);
	return x86_present(**out) ? 0 : -E_NOENT;
}

/* A swap entry removed: its slot reference goes (mm/vmm.h's rules). It
 * has no TLB entry (a translation is cached only when P is 1 in every
 * entry of its walk, SDM Vol. 3A 4.10.2). The drop touches no page table (the swap cache may
 * free its frame), so pt pointers into the windows stay good. */
static void remove_swap_entry(uint32_t *pte)
{
	uint32_t swap_slot = x86_swap_slot(*pte);
	*pte = 0;
	vmm_swap_entry_drop(swap_slot);
}

int arch_vmm_unmap(unsigned slot, vaddr_t va, paddr_t *old_pa)
{
	uint32_t *pte;
	int rc = find_pte(slot, va, &pte);
	if (rc) {
		if (pte && x86_is_swap(*pte))
			remove_swap_entry(pte);   /* nothing was mapped: still -E_NOENT */
		return rc;
	}
	if (old_pa)
		*old_pa = x86_addr(*pte);
	tlbc_pte(slot, va, *pte, 0);
	*pte = 0;
	flush_page(slot, va);
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
	uint32_t e = x86_swap_encode(swap_slot);
	if (old_pa)
		*old_pa = x86_addr(*pte);
	tlbc_pte(slot, va, *pte, e);   /* not present: reported as a removal */
	*pte = e;
	flush_page(slot, va);
	*swap_occ_of(pde_of(slot, va)) |= occ_bit((va >> 12) & (PTES - 1), GROUP);
	return 0;
}

/* PTE.A (SDM Vol. 3A 4.8) is set by the walk that fills a TLB entry, and
 * not again while that entry is cached: clearing it needs the entry gone,
 * or later accesses would hit the TLB and leave A clear. The current
 * space: invlpg. Another space has no entry cached on this port (no
 * PCIDs: the CR3 load that left it dropped every non-global entry, and
 * the one that enters it will again, SDM 4.10.4.1), so the next access
 * walks the tables and sets A. With SMP: a shootdown to the CPUs that
 * have the space loaded. A clear A means no entry was cached since the
 * last clear (every writer of a PTE here flushes a replaced entry). */
bool arch_vmm_test_clear_accessed(unsigned slot, vaddr_t va)
{
	uint32_t *pte;
	if (find_pte(slot, va, &pte) || !(*pte & X86_A))
		return false;
	/* One locked RMW: another CPU's walker setting D meanwhile is kept. */
	__atomic_fetch_and(pte, ~X86_A, __ATOMIC_RELAXED);
	flush_page(slot, va);
	return true;
}

int arch_vmm_protect(unsigned slot, vaddr_t va, unsigned prot)
{
	uint32_t *pte;
	int rc = find_pte(slot, va, &pte);
	if (rc)
		return rc;
	uint32_t e = x86_pte_encode(x86_addr(*pte), prot, false);
	tlbc_pte(slot, va, *pte, e);
	*pte = e;
	flush_page(slot, va);
	return 0;
}

void arch_vmm_query(unsigned slot, vaddr_t va, struct vmm_page_info *out)
{
	uint32_t pde = pde_of(slot, va);
	if (pde_is_zero(pde)) {
		x86_pte_decode(*(uint32_t *)arch_vmm_phys_to_virt(x86_zero_table_pa), out);
		out->kind = VMM_PAGE_ZERO_TABLE;
	} else if (pde_is_private(pde)) {
		x86_pte_decode(*pte_of(slot, va), out);
	} else {
		*out = (struct vmm_page_info){ VMM_PAGE_UNMAPPED, 0, 0, 0 };
	}
}

vaddr_t arch_vmm_next_mapped(unsigned slot, vaddr_t va, vaddr_t end)
{
	while (va < end) {
		/* Empty PDEs skipped by the directory's summary (space.c). */
		unsigned i = va >> 22, last = (end - 1) >> 22;
		i = x86_next_user_pde(slot, i, last);
		if (i > last)
			return end;
		if (i != va >> 22)
			va = (vaddr_t)i << 22;
		uint32_t pde = pde_of(slot, va);
		vaddr_t span_end = (va & ~((4u << 20) - 1)) + (4u << 20);
		if (pde_is_zero(pde))
			return va;
		if (pde_is_private(pde) && *occ_of(pde)) {
			vaddr_t base = span_end - TABLE_SPAN, stop = end < span_end ? end : span_end;
			unsigned n = (unsigned)((stop - base) >> 12);
			unsigned i = occ_find(x86_space_pt(slot, va), *occ_of(pde), GROUP,
					      (va >> 12) & (PTES - 1), n, X86_LIVE);
			if (i < n)
				return base + i * PAGE_SIZE;
		}
		if (span_end < va || span_end == 0)
			break;   /* wrapped past the top */
		va = span_end;
	}
	return end;
}

/* The layout share_cow.S reads, checked where the C structures are known. */
_Static_assert(offsetof(struct pmm_span, db) == SHARE_SPAN_DB, "share_cow.S: span");
_Static_assert(offsetof(struct pmm_span, base_pfn) == SHARE_SPAN_BASE_PFN, "share_cow.S: span");
_Static_assert(offsetof(struct pmm_span, nframes) == SHARE_SPAN_NFRAMES, "share_cow.S: span");
_Static_assert(offsetof(struct pmm_frame, refcount) == SHARE_FRAME_REFCOUNT, "share_cow.S: record");
_Static_assert(sizeof(struct pmm_frame) == SHARE_FRAME_WORDS * 4, "share_cow.S: record");
_Static_assert(GROUP * 4 == SHARE_GROUP_BYTES, "share_cow.S: group");
_Static_assert(X86_P == 1 && X86_RW == 2, "share_cow.S: entry bits");

/* Test builds: the write access group g of the parent is about to lose,
 * told to the TLB checker before share_cow.S takes it. */
static void report_weakened(unsigned parent, vaddr_t base, const uint32_t *ppt, unsigned g)
{
	for (unsigned i = g * GROUP; i < (g + 1) * GROUP; i++)
		if (x86_present(ppt[i]) && (ppt[i] & X86_RW))
			tlbc_pte(parent, base + i * PAGE_SIZE, ppt[i], ppt[i] & ~X86_RW);
}

/* One group of the parent's table into the child's (whose entries there
 * are zero), write access removed in both: fork's hot loop, in assembly
 * (share_cow.h says why). */
static void share_group(unsigned parent, vaddr_t base, uint32_t *ppt, uint32_t *cpt, unsigned g,
			paddr_t skip)
{
	if (TLBC_ENABLED)
		report_weakened(parent, base, ppt, g);
	x86_share_cow_group(ppt + g * GROUP, cpt + g * GROUP, &pmm_db_span, skip >> PAGE_SHIFT);
}

/* Removes the swap entries of pt[lo, top) in the groups marked in
 * groups, dropping their slot references. */
static void drop_swap_entries(uint32_t *pt, uint32_t groups, unsigned lo, unsigned top)
{
	for (unsigned g = lo / GROUP; (g = occ_next(groups, g)) < 32 && g * GROUP < top; g++) {
		unsigned i = g * GROUP > lo ? g * GROUP : lo, end = (g + 1) * GROUP < top ? (g + 1) * GROUP : top;
		for (; i < end; i++)
			if (x86_is_swap(pt[i]))
				remove_swap_entry(&pt[i]);
	}
}

void x86_table_drop_swap_entries(unsigned slot, vaddr_t va, uint32_t pde)
{
	uint32_t *swap_occ = swap_occ_of(pde);
	if (!*swap_occ)
		return;   /* no window to open */
	drop_swap_entries(x86_space_pt(slot, va), *swap_occ, 0, PTES);
	*swap_occ = 0;
}

/* Fork's swap entries, before anything else changes (the one step of the
 * copy that can fail once the child's table exists): each is copied into
 * the child with one more slot reference. On -E_NOMEM the references
 * taken so far go again and the child's table is left all zeros. Else
 * *found is the exact set of groups holding swap entries. */
static int share_swap_entries(const uint32_t *ppt, uint32_t *cpt, uint32_t groups, uint32_t *found)
{
	uint32_t seen = 0;
	for (unsigned g = 0; (g = occ_next(groups, g)) < 32; g++) {
		for (unsigned i = g * GROUP; i < (g + 1) * GROUP; i++) {
			if (!x86_is_swap(ppt[i]))
				continue;
			if (vmm_swap_entry_dup(x86_swap_slot(ppt[i]))) {
				drop_swap_entries(cpt, seen | occ_bit(i, GROUP), 0, i);
				return -E_NOMEM;
			}
			cpt[i] = ppt[i];
			seen |= occ_bit(i, GROUP);
		}
	}
	*found = seen;
	return 0;
}

int arch_vmm_table_share_cow(unsigned parent, unsigned child, vaddr_t va, paddr_t skip)
{
	paddr_t pa;
	bool zeroed;
	if (pmm_alloc_frame_zeroed(&pa, &zeroed))
		return -E_NOMEM;
	uint32_t *ppt = x86_space_pt(parent, va), *cpt = arch_vmm_phys_to_virt(pa);
	if (!zeroed)
		arch_page_zero(cpt);
	uint32_t *words = occ_of(pde_of(parent, va)), occ = words[0], *swap_occ = words + 1;   /* swap_occ_of */
	if (__builtin_expect(*swap_occ != 0, 0)) {
		uint32_t found;
		if (share_swap_entries(ppt, cpt, *swap_occ, &found)) {
			pmm_free_zeroed(pa);   /* the undo left it all zeros */
			return -E_NOMEM;
		}
		*swap_occ = found;   /* exact again, in both */
		pmm_owner_words(pa)[1] = found;
	}
	vaddr_t base = va & ~(TABLE_SPAN - 1);
	for (unsigned g = 0; (g = occ_next(occ, g)) < 32; g++)
		share_group(parent, base, ppt, cpt, g, skip);
	bool weakened = occ != 0;   /* entries may have lost write access: one reload below */
	*pmm_owner_words(pa) = occ;   /* the child's groups are the parent's */
	x86_set_pde(child, va, x86_pde_table(pa, true, true));
	if (weakened && parent == x86_current_slot && !TLBC_INJECT(skip_weaken_flush))
		x86_flush_nonglobal();   /* one reload instead of an invlpg per page */
	return 0;
}

/* Another space's entries are not cached: the CR3 load that left it
 * dropped them. */
static void flush_for_gather(unsigned slot)
{
	if (slot == x86_current_slot && !TLBC_INJECT(skip_unmap_flush))   /* test-only mistake */
		x86_flush_nonglobal();
}

/* Clears the valid entries of pt[i, top). A space no CR3 holds (exit's
 * teardown, from the reaping parent) has nothing cached: the CR3 load that
 * left it dropped every non-global entry (SDM Vol. 3A 4.10.4.1), so its
 * frames go back at once; with SMP this becomes "loaded on no CPU".
 * Otherwise frames go back only after the flush (mm/tlb_gather.h). */
static void release_entries(unsigned slot, uint32_t *pt, vaddr_t base, unsigned i, unsigned top,
			    paddr_t skip, struct tlb_gather *g, struct pmm_batch *freed)
{
	if (g) {
		for (; i < top; i++) {
			uint32_t e = pt[i];
			if (!x86_present(e))
				continue;
			pt[i] = 0;
			tlbc_pte(slot, base + i * PAGE_SIZE, e, 0);
			tlb_gather_add(g, x86_addr(e), skip);
		}
		return;
	}
	/* Two loops: this one, the teardown's, keeps no test of g in a register. */
	const struct pmm_span span = pmm_db_span;
	struct pmm_batch b = *freed;   /* in registers: the table stores cannot alias it */
	for (; i < top; i++) {
		uint32_t e = pt[i];
		if (!x86_present(e))
			continue;
		pt[i] = 0;
		if (x86_addr(e) != skip)
			pmm_span_unref_batch(&span, x86_addr(e), &b);
	}
	*freed = b;
}

void arch_vmm_table_unmap_release(unsigned slot, vaddr_t va, vaddr_t end, paddr_t skip)
{
	uint32_t pde = pde_of(slot, va), *occ;
	if (!pde_is_private(pde) || !*(occ = occ_of(pde)))
		return;
	uint32_t *pt = x86_space_pt(slot, va);
	vaddr_t base = va & ~(TABLE_SPAN - 1);
	unsigned first = (va >> 12) & (PTES - 1), last = ((end - 1) >> 12) & (PTES - 1);
	uint32_t *swap_occ = occ + 1;   /* swap_occ_of(pde) */
	if (__builtin_expect(*swap_occ != 0, 0)) {
		drop_swap_entries(pt, *swap_occ, first, last + 1);
		*swap_occ &= ~occ_covered(first, last, GROUP);
	}
	struct tlb_gather g;
	tlb_gather_init(&g, flush_for_gather, slot);
	struct pmm_batch freed = PMM_BATCH_INIT;
	struct tlb_gather *gp = slot == x86_current_slot ? &g : NULL;
	for (unsigned grp = first / GROUP; (grp = occ_next(*occ, grp)) <= last / GROUP; grp++) {
		unsigned lo = grp * GROUP > first ? grp * GROUP : first;
		unsigned top = (grp + 1) * GROUP <= last + 1 ? (grp + 1) * GROUP : last + 1;
		release_entries(slot, pt, base, lo, top, skip, gp, &freed);
	}
	pmm_batch_free(&freed);   /* one splice for the frames that went */
	*occ &= ~occ_covered(first, last, GROUP);
	if (gp)
		tlb_gather_finish(gp);
}

enum vmm_table_kind arch_vmm_table_kind(unsigned slot, vaddr_t va)
{
	uint32_t pde = pde_of(slot, va);
	if (pde_is_zero(pde))
		return VMM_TABLE_ZERO;
	return pde_is_private(pde) ? VMM_TABLE_PRIVATE : VMM_TABLE_NONE;
}

/* Only the groups the bitmap marks are looked at: an emptied table
 * (bitmap 0) is known empty at once, without mapping it. */
static bool table_is_empty(unsigned slot, vaddr_t va, uint32_t pde)
{
	uint32_t occ = *occ_of(pde);
	return !occ || occ_find(x86_space_pt(slot, va), occ, GROUP, 0, PTES, X86_LIVE) == PTES;
}

/* An empty table's frame goes back as a zeroed frame: the next table
 * taken needs no clearing. Test builds check the claim. */
static void free_empty_table(paddr_t pa)
{
	if (CONFIG_TEST) {
		const uint32_t *t = arch_vmm_phys_to_virt(pa);
		for (unsigned i = 0; i < PTES; i++)
			if (t[i])
				panic("free_empty_table: entry %u of %#x is %#x", i, pa, t[i]);
	}
	pmm_free_zeroed(pa);
}

int arch_vmm_table_set_zero(unsigned slot, vaddr_t va)
{
	if (va & ((4u << 20) - 1))
		return -E_INVAL;
	uint32_t pde = pde_of(slot, va);
	if (pde_is_private(pde)) {
		if (!table_is_empty(slot, va, pde))
			return -E_INVAL;
		x86_set_pde(slot, va, x86_pde_table(x86_zero_table_pa, false, true));
		free_empty_table(x86_addr(pde));
		return 0;
	}
	if (!pde_is_zero(pde))
		x86_set_pde(slot, va, x86_pde_table(x86_zero_table_pa, false, true));
	return 0;
}

bool arch_vmm_table_release_if_empty(unsigned slot, vaddr_t va)
{
	uint32_t pde = pde_of(slot, va);
	if (pde_is_zero(pde)) {
		x86_set_pde(slot, va, 0);
		return true;
	}
	if (!pde_is_private(pde) || !table_is_empty(slot, va, pde))
		return false;
	x86_set_pde(slot, va, 0);
	free_empty_table(x86_addr(pde));
	return true;
}
