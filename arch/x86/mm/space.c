/*
 * arch/x86/mm/space.c - address spaces on x86: a page directory per slot,
 * permanently mapped at PD_REGION + slot * 4096, with the shared kernel
 * half copied in and PDE 1023 pointing at itself. A destroyed directory
 * goes back to the PMM cleared (a zeroed frame), so the next one costs
 * only the copy of the kernel half.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"
#include "lib/string.h"
#include "mm/pmm.h"

paddr_t x86_pd_phys[CONFIG_MAX_PROCS];
uint32_t x86_pd_summary[CONFIG_MAX_PROCS];
uint16_t x86_pd_user_count[CONFIG_MAX_PROCS];
unsigned x86_current_slot;

/* rep movsl / rep stosl: one iteration a word (the C loops take four). */
static void copy_words(uint32_t *dst, const uint32_t *src, unsigned n)
{
	__asm__ volatile("cld; rep movsl" : "+D"(dst), "+S"(src), "+c"(n) :: "memory");
}

static void zero_words(uint32_t *dst, unsigned n)
{
	__asm__ volatile("cld; rep stosl" : "+D"(dst), "+c"(n) : "a"(0) : "memory");
}

unsigned x86_next_user_pde(unsigned slot, unsigned i, unsigned last)
{
	const uint32_t *pd = x86_space_pd(slot);
	if (!x86_pd_user_count[slot])
		return last + 1;
	for (; i <= last; i = (i / X86_PDES_PER_SUMMARY_BIT + 1) * X86_PDES_PER_SUMMARY_BIT) {
		unsigned k = i / X86_PDES_PER_SUMMARY_BIT, top = (k + 1) * X86_PDES_PER_SUMMARY_BIT;
		if (!(x86_pd_summary[slot] >> k & 1))
			continue;
		bool whole = i == k * X86_PDES_PER_SUMMARY_BIT;
		for (; i < top && i <= last; i++)
			if (pd[i])
				return i;
		if (whole && i == top)
			x86_pd_summary[slot] &= ~(1u << k);   /* seen empty: exact again */
	}
	return i > last ? last + 1 : i;
}

int arch_vmm_space_create(unsigned slot)
{
	paddr_t pa;
	bool zeroed;
	if (pmm_alloc_frame_zeroed(&pa, &zeroed))
		return -E_NOMEM;
	uint32_t *pd = arch_vmm_phys_to_virt(pa);
	if (!zeroed)
		zero_words(pd, KERNEL_PDE_FIRST);
	copy_words(&pd[KERNEL_PDE_FIRST], &x86_boot_pd[KERNEL_PDE_FIRST], ALT_PDE - KERNEL_PDE_FIRST);
	pd[ALT_PDE] = 0;
	pd[SELF_PDE] = x86_pde_table(pa, true, false);
	x86_pd_phys[slot] = pa;
	x86_pd_summary[slot] = 0;
	x86_pd_user_count[slot] = 0;
	arch_vmm_kernel_map((vaddr_t)x86_space_pd(slot), pa, VMM_READ | VMM_WRITE);
	return 0;
}

/* Frees what is left of the user half (tables the caller emptied: exit
 * and unmap free them as they go, so this is usually nothing) and leaves
 * every user PDE zero. Swap entries left there are removed with their
 * slot references (mm/vmm.h); frames still mapped are the caller's. */
static void free_user_tables(unsigned slot, uint32_t *pd)
{
	for (unsigned i = 0; (i = x86_next_user_pde(slot, i, KERNEL_PDE_FIRST - 1)) < KERNEL_PDE_FIRST; i++) {
		if (x86_present(pd[i]) && x86_addr(pd[i]) != x86_zero_table_pa) {
			x86_table_drop_swap_entries(slot, (vaddr_t)i << 22, pd[i]);
			pmm_free_frame(x86_addr(pd[i]));
		}
		pd[i] = 0;
	}
	x86_pd_user_count[slot] = 0;
}

void arch_vmm_space_destroy(unsigned slot)
{
	uint32_t *pd = x86_space_pd(slot);
	free_user_tables(slot, pd);
	x86_window_drop_slot(slot);
	zero_words(&pd[KERNEL_PDE_FIRST], 1024 - KERNEL_PDE_FIRST);   /* all zeros now */
	arch_vmm_kernel_unmap((vaddr_t)pd, NULL);
	pmm_free_zeroed(x86_pd_phys[slot]);
	x86_pd_phys[slot] = 0;
	/* Its user entries were non-global and it is not current: a CR3 load
	 * already dropped them, or will before it could be used again. */
}

void arch_vmm_space_activate(unsigned slot)
{
	if (slot == x86_current_slot)
		return;
	x86_window_leave();
	x86_load_cr3(x86_pd_phys[slot]);   /* drops every non-global entry */
	x86_current_slot = slot;
	TLBC_POINT_RUN(slot, "the switch to it");
}

/* The CR3 load of the switch away drops every non-global entry of slot
 * (SDM Vol. 3A 4.10.4.1); a space that is not current has none cached. */
void arch_vmm_space_retire(unsigned slot)
{
	if (slot == x86_current_slot)
		arch_vmm_space_activate(VMM_SLOT_KERNEL);
}

/* Only the current space can have TLB entries (a CR3 load drops the
 * non-global ones of the previous space): reload CR3 (SDM Vol. 3A 4.10.4.1). */
void arch_vmm_flush_space(unsigned slot)
{
	if (slot == x86_current_slot)
		x86_flush_nonglobal();
}

unsigned arch_vmm_space_current(void)
{
	return x86_current_slot;
}
