/*
 * mm/vmm.c - the generic half of the VMM: the shared zero page, the slot
 * bitmap that hands out address spaces (and so enforces the process limit),
 * tearing a space down, and the page source of the kernel heap. Policy
 * only; every table is touched through the arch_vmm_* contract. Never
 * calls the kernel heap.
 */
#include "mm/vmm.h"
#include "kernel/arch.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "mm/vmm_region.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"

#define SLOT_WORDS ((CONFIG_MAX_PROCS + 31) / 32)

/* Set once by vmm_init (vmm.h reads it inline: every fault and fork). */
paddr_t vmm_zero_page_pa;

static struct {
	uint32_t slots[SLOT_WORDS];   /* bit set: slot in use */
	unsigned in_use;
} vmm;

_Static_assert(CONFIG_MAX_PROCS >= 2, "need the kernel slot and at least one more");

static bool slot_used(unsigned s) { return vmm.slots[s / 32] >> (s % 32) & 1; }
static void slot_mark(unsigned s) { vmm.slots[s / 32] |= 1u << (s % 32); vmm.in_use++; }
static void slot_clear(unsigned s) { vmm.slots[s / 32] &= ~(1u << (s % 32)); vmm.in_use--; }

void vmm_init(void)
{
	if (pmm_alloc_frame(&vmm_zero_page_pa))
		panic("vmm_init: no frame for the zero page");
	arch_page_zero(arch_vmm_phys_to_virt(vmm_zero_page_pa));
	vmm_region_init();
	arch_vmm_init(vmm_zero_page_pa);
	slot_mark(VMM_SLOT_KERNEL);
	struct pmm_stats st;
	pmm_get_stats(&st);
	swap_watermarks_init(st.total);
	kprintf("vmm: paging on; zero page at %#x; %u address-space slots (CONFIG_MAX_PROCS)\n",
		vmm_zero_page_pa, CONFIG_MAX_PROCS);
}

unsigned vmm_slots_in_use(void)
{
	return vmm.in_use;
}

bool vmm_slot_live(unsigned slot)
{
	return slot < CONFIG_MAX_PROCS && slot_used(slot);
}

/* First free slot: a word at a time, so a full table costs MAX_PROCS/32 loads. */
static int find_free_slot(void)
{
	for (unsigned w = 0; w < SLOT_WORDS; w++) {
		if (vmm.slots[w] == 0xffffffffu)
			continue;
		unsigned s = w * 32 + (unsigned)__builtin_ctz(~vmm.slots[w]);
		return s < CONFIG_MAX_PROCS ? (int)s : -E_AGAIN;
	}
	return -E_AGAIN;
}

int vmm_space_create(void)
{
	int slot = find_free_slot();
	if (slot < 0)
		return slot;
	int rc = arch_vmm_space_create((unsigned)slot);
	if (rc)
		return rc;
	slot_mark((unsigned)slot);
	vmm_fault_forget((unsigned)slot);
	vmm_unpin((unsigned)slot);   /* a pin the slot's last user left behind */
	return slot;
}

/* Drops every user mapping's reference on its frame. Frames the PMM does
 * not hand out (device memory) and the shared zero page are left alone. */
static void release_table_range(unsigned slot, vaddr_t base)
{
	arch_vmm_table_unmap_release(slot, base, base + arch_vmm_table_span, vmm_zero_page_pa);
}

int vmm_space_destroy(unsigned slot)
{
	if (slot == VMM_SLOT_KERNEL || slot >= CONFIG_MAX_PROCS || !slot_used(slot) ||
	    slot == arch_vmm_space_current())
		return -E_INVAL;
	/* Only private tables hold frames; zero-table ranges hold nothing;
	 * ranges without a table are skipped by next_mapped. */
	vaddr_t end = arch_vmm_user_end;
	for (vaddr_t va = 0; (va = arch_vmm_next_mapped(slot, va, end)) < end;) {
		vaddr_t base = va & ~(arch_vmm_table_span - 1);
		if (arch_vmm_table_kind(slot, base) == VMM_TABLE_PRIVATE)
			release_table_range(slot, base);
		va = base + arch_vmm_table_span;
	}
	arch_vmm_space_destroy(slot);
	vmm_region_clear(slot);
	slot_clear(slot);
	return 0;
}

int vmm_kernel_page_alloc(vaddr_t va)
{
	paddr_t pa;
	if (va < arch_vmm_heap_base || va >= arch_vmm_heap_end || (va & (PAGE_SIZE - 1)))
		return -E_INVAL;
	if (pmm_alloc_frame(&pa))
		return -E_NOMEM;
	arch_page_zero(arch_vmm_phys_to_virt(pa));
	int rc = arch_vmm_kernel_map(va, pa, VMM_READ | VMM_WRITE);
	if (rc)
		pmm_free_frame(pa);
	return rc;
}

int vmm_kernel_page_free(vaddr_t va)
{
	paddr_t pa;
	int rc = arch_vmm_kernel_unmap(va, &pa);
	if (rc)
		return rc;
	return pmm_free_frame(pa);
}
