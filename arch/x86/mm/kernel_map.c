/*
 * arch/x86/mm/kernel_map.c - pages of the kernel half that come and go:
 * the heap, the kernel stacks, the PD region and the metadata windows. Their page tables were preallocated by
 * arch_vmm_init and are shared by every directory, so a mapping here is
 * seen by all spaces at once and never allocates. Mappings are global.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"

static bool kernel_va_changeable(vaddr_t va)
{
	vaddr_t ks = va - KSTACK_REGION;   /* a stack page, never its guard below */
	return (va >= KHEAP_BASE && va < KHEAP_END) ||
	       (ks < VMM_KSTACK_BYTES && ks % VMM_KSTACK_STRIDE >= PAGE_SIZE) ||
	       (va >= PD_REGION && va < PD_REGION + CONFIG_MAX_PROCS * PAGE_SIZE) ||
	       (va >= META_REGION && va - META_REGION < VMM_META_BYTES);
}

/* Kernel page tables are reached through the direct map: they exist from
 * boot, in every directory alike. */
static uint32_t *kernel_pte(vaddr_t va)
{
	uint32_t *pt = arch_vmm_phys_to_virt(x86_addr(x86_boot_pd[va >> 22]));
	return &pt[(va >> 12) & 1023];
}

int arch_vmm_kernel_map(vaddr_t va, paddr_t pa, unsigned prot)
{
	if (!kernel_va_changeable(va) || (va & (PAGE_SIZE - 1)) || (prot & VMM_USER))
		return -E_INVAL;
	uint32_t *pte = kernel_pte(va);
	bool was = x86_present(*pte);
	if (was)
		TLBC_CHANGE(TLBC_TAG_GLOBAL, va, PAGE_SIZE, x86_addr(*pte), TLBC_REPLACE);
	*pte = x86_pte_encode(pa, prot, true);
	if (was)
		x86_invlpg(va);   /* global entries survive CR3 loads: invlpg is the only way */
	return 0;
}

int arch_vmm_kernel_unmap(vaddr_t va, paddr_t *old_pa)
{
	if (!kernel_va_changeable(va) || (va & (PAGE_SIZE - 1)))
		return -E_INVAL;
	uint32_t *pte = kernel_pte(va);
	if (!x86_present(*pte))
		return -E_NOENT;
	if (old_pa)
		*old_pa = x86_addr(*pte);
	TLBC_CHANGE(TLBC_TAG_GLOBAL, va, PAGE_SIZE, x86_addr(*pte), TLBC_REMOVE);
	*pte = 0;
	x86_invlpg(va);
	return 0;
}
