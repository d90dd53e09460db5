/*
 * arch/arm/mm/kernel_map.c - the kernel half (TTBR1): arch_vmm_init, which
 * gives the heap, the L1 region, the metadata windows and the kernel
 * stacks their
 * preallocated L2 tables, builds the zero table and slot 0's space and
 * switches to TTBCR.N = 2; and the global mappings of those ranges (arch_vmm_kernel_map/unmap).
 */
#include "arch/arm/mm/mmu.h"
#include "arch/arm/mm/desc.h"
#include "arch/arm/mm/tlb.h"
#include "arch/arm/cpu_bits.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "mm/pmm.h"

const vaddr_t arch_vmm_user_end = USER_END;
const vaddr_t arch_vmm_table_span = 1u << L1_SECTION_SHIFT;
const vaddr_t arch_vmm_heap_base = KHEAP_BASE;
const vaddr_t arch_vmm_heap_end = KHEAP_END;
const vaddr_t arch_vmm_meta_base = META_REGION;
const vaddr_t arch_vmm_kstack_base = KSTACK_REGION;

/* The zero table: 256 entries, each the zero page read-only for user and
 * kernel (AP = 111), non-global. 1 KiB aligned as an L2 table must be. */
static uint32_t zero_table[L2_TABLE_BYTES / 4] __attribute__((aligned(L2_TABLE_BYTES)));
paddr_t arm_zero_table_pa;

/* Kernel L2 tables exist only where kernel mappings change after boot. */
static bool kernel_va_changeable(vaddr_t va)
{
	vaddr_t ks = va - KSTACK_REGION;   /* a stack page, never its guard below */
	return (va >= KHEAP_BASE && va < KHEAP_END) ||
	       (ks < VMM_KSTACK_BYTES && ks % VMM_KSTACK_STRIDE >= PAGE_SIZE) ||
	       (va >= L1_REGION && va < L1_REGION + CONFIG_MAX_PROCS * USER_L1_BYTES) ||
	       (va >= META_REGION && va - META_REGION < VMM_META_BYTES);
}

/* Allocates and installs zeroed L2 tables for [start, end), four to a page. */
static void prealloc_kernel_tables(vaddr_t start, vaddr_t end)
{
	uint32_t mib = (end - start) >> L1_SECTION_SHIFT, pages = (mib + 3) / 4;
	paddr_t pa;
	if (pmm_alloc_contig(pages, 1, &pa))
		panic("arch_vmm_init: no frames for kernel L2 tables");
	memset(arch_vmm_phys_to_virt(pa), 0, pages * PAGE_SIZE);
	for (uint32_t i = 0; i < mib; i++)
		arm_kernel_l1[(start >> L1_SECTION_SHIFT) + i] = l1_table_desc(pa + i * L2_TABLE_BYTES);
}

static uint32_t *kernel_pte(vaddr_t va)
{
	uint32_t *table = arch_vmm_phys_to_virt(l1_table_addr(arm_kernel_l1[va >> L1_SECTION_SHIFT]));
	return &table[(va >> PAGE_SHIFT) & 0xff];
}

int arch_vmm_kernel_map(vaddr_t va, paddr_t pa, unsigned prot)
{
	if (!kernel_va_changeable(va) || (va & (PAGE_SIZE - 1)) || (prot & VMM_USER))
		return -E_INVAL;
	uint32_t *pte = kernel_pte(va);
	if (pte_is_valid(*pte)) {        /* break-before-make (B3.10.1) */
		TLBC_CHANGE(TLBC_TAG_GLOBAL, va, PAGE_SIZE, pte_addr(*pte), TLBC_REPLACE);
		*pte = 0;
		arm_tlb_flush_page_all_asids(va);
	}
	*pte = pte_encode(pa, prot, true);
	arm_table_write_done();
	return 0;
}

int arch_vmm_kernel_unmap(vaddr_t va, paddr_t *old_pa)
{
	if (!kernel_va_changeable(va) || (va & (PAGE_SIZE - 1)))
		return -E_INVAL;
	uint32_t *pte = kernel_pte(va);
	if (!pte_is_valid(*pte))
		return -E_NOENT;
	if (old_pa)
		*old_pa = pte_addr(*pte);
	TLBC_CHANGE(TLBC_TAG_GLOBAL, va, PAGE_SIZE, pte_addr(*pte), TLBC_REMOVE);
	*pte = 0;
	arm_tlb_flush_page_all_asids(va);   /* global entry: every ASID */
	return 0;
}

static void write_ttbcr(uint32_t v) { __asm__ volatile("mcr p15, 0, %0, c2, c0, 2" :: "r"(v)); }
static void write_ttbr1(uint32_t v) { __asm__ volatile("mcr p15, 0, %0, c2, c0, 1" :: "r"(v)); }

/* From the boot table (TTBCR.N = 0, one table) to the final split: TTBR1
 * keeps the kernel table, TTBR0 becomes slot 0's user table. The kernel
 * runs above 1 GiB, so its translations do not change on the way. */
static void switch_to_split_tables(void)
{
	for (unsigned i = 0; i < TTBR0_SPAN >> L1_SECTION_SHIFT; i++)
		arm_kernel_l1[i] = 0;   /* the boot identity map: TTBR0's range from now on */
	arm_dsb();
	write_ttbr1(arch_vmm_virt_to_phys(arm_kernel_l1) | TTBR_WALK_WBWA);
	arm_isb();
	write_ttbcr(2);             /* N = 2: TTBR0 below 1 GiB (B4.1.153) */
	arm_isb();
	arm_current_slot = ~0u;     /* force the full switch below */
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	arm_tlb_flush_all();        /* drop everything the boot table left behind */
}

void arch_vmm_init(paddr_t zero_page)
{
	TLBC_INIT(false, true);   /* no fault drops a cached entry on ARM; ASIDs tag entries */
	for (unsigned i = 0; i < ARRAY_SIZE(zero_table); i++)
		zero_table[i] = pte_encode(zero_page, VMM_READ | VMM_USER, false);
	arm_zero_table_pa = arch_vmm_virt_to_phys(zero_table);
	prealloc_kernel_tables(KHEAP_BASE, KHEAP_END);
	prealloc_kernel_tables(L1_REGION, L1_REGION + ALIGN_UP(CONFIG_MAX_PROCS * USER_L1_BYTES,
							     1u << L1_SECTION_SHIFT));
	prealloc_kernel_tables(META_REGION, META_REGION + ALIGN_UP(VMM_META_BYTES, 1u << L1_SECTION_SHIFT));
	prealloc_kernel_tables(KSTACK_REGION, KSTACK_REGION + ALIGN_UP(VMM_KSTACK_BYTES, 1u << L1_SECTION_SHIFT));
	arm_dsb();
	if (arch_vmm_space_create(VMM_SLOT_KERNEL))
		panic("arch_vmm_init: no frames for the kernel's own space");
	switch_to_split_tables();
}

_Static_assert(L1_REGION + CONFIG_MAX_PROCS * USER_L1_BYTES <= L1_REGION_END,
	       "CONFIG_MAX_PROCS does not fit the L1 region");
_Static_assert(KSTACK_REGION >= META_REGION_END && KSTACK_REGION % (1u << L1_SECTION_SHIFT) == 0 &&
	       VMM_KSTACK_BYTES <= KSTACK_REGION_END - KSTACK_REGION && KSTACK_REGION_END <= DEVICE_VIRT,
	       "CONFIG_MAX_PROCS kernel stacks do not fit their range");
_Static_assert(META_REGION >= L1_REGION_END && META_REGION % (1u << L1_SECTION_SHIFT) == 0 &&
	       VMM_META_BYTES <= META_REGION_END - META_REGION && META_REGION_END <= DEVICE_VIRT,
	       "CONFIG_MAX_PROCS x CONFIG_MAX_REGIONS does not fit the metadata range");
