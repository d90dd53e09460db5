/*
 * arch/x86/mm/window.c - reaching page tables through the page directory
 * itself. PDE 1023 of every directory points at that directory, so the
 * CPU, walking it as a page table, shows the current space's page tables
 * at 0xFFC00000 and the directory at 0xFFFFF000. PDE 1022 of the *current*
 * directory can be pointed at another space's directory: its tables then
 * appear at 0xFF800000 and its directory at 0xFFBFF000.
 *
 * The alternate window's rules. (1) Only the current directory ever has a
 * PDE 1022: it is set on first use and cleared before CR3 moves to another
 * space (the CR3 load then drops its translations), so no directory keeps
 * a pointer to a directory that may be freed. (2) Re-pointing it at another
 * target flushes every non-global entry: any window page may be cached with
 * the old target's tables, and the window's entries are never global (no
 * table PDE has G), SDM Vol. 3A 4.10.4.1. (3) A PDE change of the target
 * invalidates the one window page showing that table.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"

static unsigned alt_target = ~0u;   /* slot shown in the alternate window */

void x86_window_leave(void)
{
	if (alt_target == ~0u)
		return;
	TLBC_CHANGE(X86_TLBC_TAG, ALT_PT_BASE, 4u << 20, x86_pd_phys[alt_target], TLBC_REMOVE);
	x86_space_pd(x86_current_slot)[ALT_PDE] = 0;
	alt_target = ~0u;
}

void x86_window_drop_slot(unsigned slot)
{
	if (alt_target != slot)
		return;
	/* Its directory frame is about to be freed: no window may lead there,
	 * nor a cached translation through it. */
	x86_window_leave();
	x86_flush_nonglobal();
}

/* Points the alternate window at slot. The window's old translations are
 * non-global and may be cached, so every non-global entry goes. */
static void alt_point(unsigned slot)
{
	if (alt_target == slot)
		return;
	if (alt_target != ~0u)
		TLBC_CHANGE(X86_TLBC_TAG, ALT_PT_BASE, 4u << 20, x86_pd_phys[alt_target], TLBC_REPLACE);
	x86_space_pd(x86_current_slot)[ALT_PDE] = x86_pde_table(x86_pd_phys[slot], true, false);
	x86_flush_nonglobal();
	alt_target = slot;
}

uint32_t *x86_space_pt(unsigned slot, vaddr_t va)
{
	if (slot == x86_current_slot)
		return (uint32_t *)(uintptr_t)(SELF_PT_BASE + (va >> 22) * PAGE_SIZE);
	alt_point(slot);
	return (uint32_t *)(uintptr_t)(ALT_PT_BASE + (va >> 22) * PAGE_SIZE);
}

/* Test builds: a present PDE of slot changes. For the current space that
 * is its window page and the whole 4 MiB it maps; for the alternate
 * window's target, that window's page. The checker (mm/tlbcheck.h) sees
 * both as entries of the current space, the only one the TLB can hold. */
static void tlbc_pde(unsigned slot, vaddr_t va, uint32_t old)
{
	if (slot == x86_current_slot) {
		TLBC_CHANGE(X86_TLBC_TAG, SELF_PT_BASE + (va >> 22) * PAGE_SIZE, PAGE_SIZE, x86_addr(old),
			    TLBC_REPLACE);
		TLBC_CHANGE(X86_TLBC_TAG, va & ~((4u << 20) - 1), 4u << 20, x86_addr(old), TLBC_REPLACE);
	} else if (alt_target == slot) {
		TLBC_CHANGE(X86_TLBC_TAG, ALT_PT_BASE + (va >> 22) * PAGE_SIZE, PAGE_SIZE, x86_addr(old),
			    TLBC_REPLACE);
	}
}

/* A PDE change alters what the window page for that table shows, and for
 * the current space what the whole 4 MiB range translates to. invlpg also
 * drops paging-structure cache entries (SDM Vol. 3A 4.10.4.1). */
void x86_set_pde(unsigned slot, vaddr_t va, uint32_t pde)
{
	uint32_t *e = &x86_space_pd(slot)[va >> 22];
	uint32_t old = *e;
	if (va < USER_END) {
		if (pde)
			x86_pd_summary[slot] |= 1u << ((va >> 22) / X86_PDES_PER_SUMMARY_BIT);
		x86_pd_user_count[slot] += (pde != 0) - (old != 0);
	}
	if (x86_present(old))
		tlbc_pde(slot, va, old);
	*e = pde;
	if (slot == x86_current_slot) {
		x86_invlpg(SELF_PT_BASE + (va >> 22) * PAGE_SIZE);
		if (x86_present(old))
			x86_flush_nonglobal();   /* up to 1024 user pages changed at once */
	} else if (alt_target == slot) {
		x86_invlpg(ALT_PT_BASE + (va >> 22) * PAGE_SIZE);
	}
}

bool arch_vmm_window_entry(vaddr_t va, uint32_t *raw)
{
	uint32_t pde = ((volatile uint32_t *)(uintptr_t)SELF_PD)[va >> 22];
	if (!x86_present(pde) || x86_addr(pde) == x86_zero_table_pa || (pde & X86_PS))
		return false;
	*raw = ((volatile uint32_t *)(uintptr_t)SELF_PT_BASE)[va >> 12];
	return true;
}

void arch_vmm_entry_decode(uint32_t raw, struct vmm_page_info *out)
{
	x86_pte_decode(raw, out);
}
