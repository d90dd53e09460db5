/*
 * arch/x86/mm/map.c - user mappings of one address space: map, unmap,
 * protect, query and the zero-table lie, each O(1) through the windows of
 * arch/x86/mm/window.c. The TLB is the current space's only: a change to
 * another space needs no flush (loading its CR3 later drops non-global
 * entries); a change to the current one is followed by invlpg.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "mm/tlb_gather.h"
#include "kernel/arch.h"

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

/* A fresh table for va's range: empty, or a copy of the zero table. */
static int new_table(unsigned slot, vaddr_t va, bool from_zero)
{
	paddr_t pa;
	if (pmm_alloc_frame(&pa))
		return -E_NOMEM;
	void *t = arch_vmm_phys_to_virt(pa);
	if (from_zero)
		memcpy(t, arch_vmm_phys_to_virt(x86_zero_table_pa), PAGE_SIZE);
	else
		memset(t, 0, PAGE_SIZE);
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
	}
	uint32_t *pte = pte_of(slot, va);
	bool was = x86_present(*pte);
	uint32_t e = x86_pte_encode(pa, prot, false);
	if (was)
		tlbc_pte(slot, va, *pte, e);
	*pte = e;
	if (was)
		flush_page(slot, va);
	return 0;
}

/* The valid PTE of va in slot: 0 and *out, -E_PERM on the zero table
 * (make it private first), -E_NOENT when nothing is mapped. */
static int find_pte(unsigned slot, vaddr_t va, uint32_t **out)
{
	uint32_t pde = pde_of(slot, va);
	if (pde_is_zero(pde))
		return -E_PERM;
	if (!pde_is_private(pde))
		return -E_NOENT;
	*out = pte_of(slot, va);
	return x86_present(**out) ? 0 : -E_NOENT;
}

int arch_vmm_unmap(unsigned slot, vaddr_t va, paddr_t *old_pa)
{
	uint32_t *pte;
	int rc = find_pte(slot, va, &pte);
	if (rc)
		return rc;
	if (old_pa)
		*old_pa = x86_addr(*pte);
	tlbc_pte(slot, va, *pte, 0);
	*pte = 0;
	flush_page(slot, va);
	return 0;
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
		*out = (struct vmm_page_info){ VMM_PAGE_UNMAPPED, 0, 0 };
	}
}

vaddr_t arch_vmm_next_mapped(unsigned slot, vaddr_t va, vaddr_t end)
{
	const uint32_t *pd = x86_space_pd(slot);
	while (va < end) {
		/* Empty PDEs, a word at a time: most of a space is nothing. */
		unsigned i = va >> 22, last = (end - 1) >> 22;
		while (i <= last && !pd[i])
			i++;
		if (i > last)
			return end;
		if (i != va >> 22)
			va = (vaddr_t)i << 22;
		uint32_t pde = pde_of(slot, va);
		vaddr_t span_end = (va & ~((4u << 20) - 1)) + (4u << 20);
		if (pde_is_zero(pde))
			return va;
		if (pde_is_private(pde)) {
			const uint32_t *pt = x86_space_pt(slot, va);
			for (; va < end && va < span_end; va += PAGE_SIZE)
				if (x86_present(pt[(va >> 12) & 1023]))
					return va;
		}
		if (span_end < va || span_end == 0)
			break;   /* wrapped past the top */
		va = span_end;
	}
	return end;
}

int arch_vmm_table_share_cow(unsigned parent, unsigned child, vaddr_t va, paddr_t skip)
{
	paddr_t pa;
	if (pmm_alloc_frame(&pa))
		return -E_NOMEM;
	uint32_t *ppt = x86_space_pt(parent, va), *cpt = arch_vmm_phys_to_virt(pa);
	bool weakened = false;
	for (unsigned i = 0; i < 1024; i++) {
		uint32_t e = ppt[i];
		if (!x86_present(e)) {
			cpt[i] = 0;
			continue;
		}
		if (x86_addr(e) != skip)
			pmm_ref_if_used(x86_addr(e));
		if (e & X86_RW) {
			tlbc_pte(parent, (va & ~((4u << 20) - 1)) + i * PAGE_SIZE, e, e & ~X86_RW);
			e &= ~X86_RW;
			ppt[i] = e;
			weakened = true;
		}
		cpt[i] = e;
	}
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

/* A space no CR3 holds (exit's teardown, from the reaping parent): the CR3
 * load that left it dropped every non-global entry (SDM Vol. 3A 4.10.4.1),
 * so no TLB leads to its frames and they can go back at once. With SMP
 * this becomes "loaded on no CPU". */
static void release_uncached(unsigned slot, vaddr_t va, vaddr_t end, paddr_t skip)
{
	uint32_t *pt = x86_space_pt(slot, va);
	for (; va < end; va += PAGE_SIZE) {
		uint32_t *e = &pt[(va >> 12) & 1023];
		if (!x86_present(*e))
			continue;
		paddr_t pa = x86_addr(*e);
		*e = 0;
		if (pa != skip)
			pmm_unref_if_used(pa);
	}
}

/* Frames go back only after the flush (mm/tlb_gather.h). */
void arch_vmm_table_unmap_release(unsigned slot, vaddr_t va, vaddr_t end, paddr_t skip)
{
	if (!pde_is_private(pde_of(slot, va)))
		return;
	if (slot != x86_current_slot) {
		release_uncached(slot, va, end, skip);
		return;
	}
	uint32_t *pt = x86_space_pt(slot, va);
	struct tlb_gather g = { .flush = flush_for_gather, .slot = slot };
	for (; va < end; va += PAGE_SIZE) {
		uint32_t *e = &pt[(va >> 12) & 1023];
		if (!x86_present(*e))
			continue;
		paddr_t pa = x86_addr(*e);
		tlbc_pte(slot, va, *e, 0);
		*e = 0;
		tlb_gather_add(&g, pa, skip);
	}
	tlb_gather_finish(&g);
}

enum vmm_table_kind arch_vmm_table_kind(unsigned slot, vaddr_t va)
{
	uint32_t pde = pde_of(slot, va);
	if (pde_is_zero(pde))
		return VMM_TABLE_ZERO;
	return pde_is_private(pde) ? VMM_TABLE_PRIVATE : VMM_TABLE_NONE;
}

static bool table_is_empty(unsigned slot, vaddr_t va)
{
	const uint32_t *pt = x86_space_pt(slot, va);
	for (unsigned i = 0; i < 1024; i++)
		if (x86_present(pt[i]))
			return false;
	return true;
}

int arch_vmm_table_set_zero(unsigned slot, vaddr_t va)
{
	if (va & ((4u << 20) - 1))
		return -E_INVAL;
	uint32_t pde = pde_of(slot, va);
	if (pde_is_private(pde)) {
		if (!table_is_empty(slot, va))
			return -E_INVAL;
		x86_set_pde(slot, va, x86_pde_table(x86_zero_table_pa, false, true));
		pmm_free_frame(x86_addr(pde));
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
	if (!pde_is_private(pde) || !table_is_empty(slot, va))
		return false;
	x86_set_pde(slot, va, 0);
	pmm_free_frame(x86_addr(pde));
	return true;
}
