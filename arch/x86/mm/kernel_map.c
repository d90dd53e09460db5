/*
 * arch/x86/mm/kernel_map.c - the kernel half (PDEs 768-1021, identical in
 * every directory): arch_vmm_init gives the heap and the PD region page
 * tables preallocated at boot, so kernel mappings never need syncing
 * between directories; builds the zero table and slot 0's directory and
 * leaves the boot directory. Also the global heap/region mappings.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "mm/pmm.h"
#include "kernel/arch.h"

const vaddr_t arch_vmm_user_end = USER_END;
const vaddr_t arch_vmm_table_span = 4u << 20;
const vaddr_t arch_vmm_heap_base = KHEAP_BASE;
const vaddr_t arch_vmm_heap_end = KHEAP_END;

paddr_t x86_zero_table_pa;

_Static_assert(PD_REGION + CONFIG_MAX_PROCS * PAGE_SIZE <= PD_REGION_END,
	       "CONFIG_MAX_PROCS does not fit the page-directory region");

static bool kernel_va_changeable(vaddr_t va)
{
	return (va >= KHEAP_BASE && va < KHEAP_END) ||
	       (va >= PD_REGION && va < PD_REGION + CONFIG_MAX_PROCS * PAGE_SIZE);
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
	*pte = 0;
	x86_invlpg(va);
	return 0;
}

static void prealloc_kernel_tables(vaddr_t start, vaddr_t end)
{
	for (vaddr_t va = start; va < end; va += 4u << 20) {
		paddr_t pa;
		if (pmm_alloc_frame(&pa))
			panic("arch_vmm_init: no frame for a kernel page table");
		arch_page_zero(arch_vmm_phys_to_virt(pa));
		x86_boot_pd[va >> 22] = x86_pde_table(pa, true, false);
	}
}

static void build_zero_table(paddr_t zero_page)
{
	if (pmm_alloc_frame(&x86_zero_table_pa))
		panic("arch_vmm_init: no frame for the zero table");
	uint32_t *t = arch_vmm_phys_to_virt(x86_zero_table_pa);
	for (unsigned i = 0; i < 1024; i++)
		t[i] = x86_pte_encode(zero_page, VMM_READ | VMM_USER, false);
}

void arch_vmm_init(paddr_t zero_page)
{
	build_zero_table(zero_page);
	prealloc_kernel_tables(KHEAP_BASE, KHEAP_END);
	prealloc_kernel_tables(PD_REGION, ALIGN_UP(PD_REGION + CONFIG_MAX_PROCS * PAGE_SIZE, 4u << 20));
	/* The boot directory is now the template of every directory's kernel
	 * half; its identity entry goes (user space starts empty). */
	x86_boot_pd[0] = 0;
	if (arch_vmm_space_create(VMM_SLOT_KERNEL))
		panic("arch_vmm_init: no frame for the kernel's own directory");
	x86_current_slot = ~0u;
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
}
