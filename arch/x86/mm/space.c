/*
 * arch/x86/mm/space.c - address spaces on x86: a page directory per slot,
 * permanently mapped at PD_REGION + slot * 4096, with the shared kernel
 * half copied in and PDE 1023 pointing at itself.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"
#include "lib/string.h"
#include "mm/pmm.h"

paddr_t x86_pd_phys[CONFIG_MAX_PROCS];
unsigned x86_current_slot;

int arch_vmm_space_create(unsigned slot)
{
	paddr_t pa;
	if (pmm_alloc_frame(&pa))
		return -E_NOMEM;
	uint32_t *pd = arch_vmm_phys_to_virt(pa);
	memset(pd, 0, KERNEL_PDE_FIRST * 4);
	memcpy(&pd[KERNEL_PDE_FIRST], &x86_boot_pd[KERNEL_PDE_FIRST], (ALT_PDE - KERNEL_PDE_FIRST) * 4);
	pd[ALT_PDE] = 0;
	pd[SELF_PDE] = x86_pde_table(pa, true, false);
	x86_pd_phys[slot] = pa;
	arch_vmm_kernel_map((vaddr_t)x86_space_pd(slot), pa, VMM_READ | VMM_WRITE);
	return 0;
}

void arch_vmm_space_destroy(unsigned slot)
{
	uint32_t *pd = x86_space_pd(slot);
	for (unsigned i = 0; i < KERNEL_PDE_FIRST; i++)
		if (x86_present(pd[i]) && x86_addr(pd[i]) != x86_zero_table_pa)
			pmm_free_frame(x86_addr(pd[i]));
	x86_window_drop_slot(slot);
	arch_vmm_kernel_unmap((vaddr_t)pd, NULL);
	pmm_free_frame(x86_pd_phys[slot]);
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
