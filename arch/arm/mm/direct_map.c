/*
 * arch/arm/mm/direct_map.c - how the kernel reaches physical memory.
 * The MMU is still off in this stage of the ARM port, so the "direct map"
 * is the identity: every physical address below 4 GiB is its own pointer.
 */
#include "mm/vmm.h"

const paddr_t arch_vmm_direct_map_end = 0xfffff000u;

void *arch_vmm_phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)pa;
}

paddr_t arch_vmm_virt_to_phys(const void *kernel_va)
{
	return (paddr_t)(uintptr_t)kernel_va;
}
