/*
 * arch/x86/mm/direct_map.c - how the kernel reaches physical memory: RAM
 * below DIRECT_MAP_PHYS_END is mapped at KERNEL_VIRT_BASE + physical by
 * 4 MiB global pages from the first instructions on (entry.S) and for good.
 */
#include "mm/vmm.h"
#include "arch/x86/mm/layout.h"

const paddr_t arch_vmm_direct_map_end = DIRECT_MAP_PHYS_END;

void *arch_vmm_phys_to_virt(paddr_t pa)
{
	if (pa >= DIRECT_MAP_PHYS_END)
		return NULL;
	return (void *)(uintptr_t)(pa + KERNEL_VIRT_BASE);
}

paddr_t arch_vmm_virt_to_phys(const void *kernel_va)
{
	return (paddr_t)((uintptr_t)kernel_va - KERNEL_VIRT_BASE);
}
