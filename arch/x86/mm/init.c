/*
 * arch/x86/mm/init.c - boot-time paging setup (arch_vmm_init): turns the
 * boot directory of entry.S into the template of every directory's kernel
 * half, builds the zero table and slot 0's directory, and drops the boot
 * identity mapping. Runs once, before the heap exists; never calls it.
 */
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"
#include "kernel/arch.h"
#include "lib/panic.h"
#include "mm/pmm.h"

const vaddr_t arch_vmm_user_end = USER_END;
const vaddr_t arch_vmm_table_span = TABLE_SPAN;
const vaddr_t arch_vmm_heap_base = KHEAP_BASE;
const vaddr_t arch_vmm_heap_end = KHEAP_END;
const vaddr_t arch_vmm_kstack_base = KSTACK_REGION;
_Static_assert(KHEAP_END <= KSTACK_REGION && KSTACK_REGION % TABLE_SPAN == 0 &&
	       KSTACK_REGION + VMM_KSTACK_BYTES <= KSTACK_REGION_END && KSTACK_REGION_END <= PD_REGION,
	       "CONFIG_MAX_PROCS kernel stacks do not fit their range");
const vaddr_t arch_vmm_meta_base = META_REGION;

paddr_t x86_zero_table_pa;

/* The layout of layout.h fits together: each range starts on a PDE
 * boundary, none overlaps the next, and the windows are where their PDEs
 * put them. */
_Static_assert(KERNEL_VIRT_BASE == USER_END && USER_END % TABLE_SPAN == 0, "user/kernel split");
_Static_assert(DIRECT_MAP_PHYS_END % TABLE_SPAN == 0 &&
	       KERNEL_VIRT_BASE + DIRECT_MAP_PHYS_END <= KHEAP_BASE, "direct map overlaps the heap");
_Static_assert(KHEAP_BASE % TABLE_SPAN == 0 && KHEAP_END <= PD_REGION, "heap overlaps the PD region");
_Static_assert(PD_REGION % TABLE_SPAN == 0 && PD_REGION_END <= META_REGION, "PD region overlaps the metadata");
_Static_assert(META_REGION % TABLE_SPAN == 0 && META_REGION_END <= ALT_PT_BASE, "metadata overlaps the windows");
_Static_assert(VMM_META_BYTES <= META_REGION_END - META_REGION,
	       "CONFIG_MAX_PROCS x CONFIG_MAX_REGIONS does not fit the metadata range");
_Static_assert(CONFIG_MAX_PROCS >= 1 && CONFIG_MAX_PROCS <= (PD_REGION_END - PD_REGION) / PAGE_SIZE,
	       "CONFIG_MAX_PROCS does not fit the page-directory region");
_Static_assert(ALT_PT_BASE == ALT_PDE << 22 && ALT_PD == ALT_PT_BASE + SELF_PDE * PAGE_SIZE,
	       "alternate window: the target's PDE 1023 (self) shows its directory");
_Static_assert(SELF_PT_BASE == SELF_PDE << 22 && SELF_PD == SELF_PT_BASE + SELF_PDE * PAGE_SIZE,
	       "recursive window");

/* kernel.ld: the image, and the end of its read-only part (.data starts). */
extern char __kernel_start[], __kernel_ro_end[];

static paddr_t boot_frame(const char *what)
{
	paddr_t pa;
	if (pmm_alloc_frame(&pa))
		panic("arch_vmm_init: no frame for %s", what);
	return pa;
}

/* Page tables for every PDE of [start, end), zeroed, in the template: a
 * kernel PDE never changes after this, so no directory ever needs an
 * update when the heap or the region maps a page. */
static void prealloc_kernel_tables(vaddr_t start, vaddr_t end)
{
	for (vaddr_t va = start; va < end; va += TABLE_SPAN) {
		paddr_t pa = boot_frame("a kernel page table");
		arch_page_zero(arch_vmm_phys_to_virt(pa));
		x86_boot_pd[va >> 22] = x86_pde_table(pa, true, false);
	}
}

/* Every entry maps the zero page read-only for user mode: a range whose
 * PDE points here reads as zeros and faults on the first write. */
static void build_zero_table(paddr_t zero_page)
{
	x86_zero_table_pa = boot_frame("the zero table");
	uint32_t *t = arch_vmm_phys_to_virt(x86_zero_table_pa);
	for (unsigned i = 0; i < 1024; i++)
		t[i] = x86_pte_encode(zero_page, VMM_READ | VMM_USER, false);
}

/* The direct map's first 4 MiB again, in 4 KiB pages: the fixed-range
 * MTRRs give the first MiB several memory types, and a large page over
 * them is undefined or slow (SDM Vol. 3A 11.11.9 "reserve the large page
 * option for ... addresses >= 4 MBytes"). It also lets the kernel's text
 * and read-only data be read-only (with CR0.WP, for the kernel too). Old
 * and new translations map the same frames, so whichever the CPU uses
 * until the flush is right (SDM 4.10.2.3); the 4 MiB one is global and
 * survives CR3 loads, hence the full flush. */
static void split_low_direct_map(void)
{
	paddr_t table = boot_frame("the low direct-map table");
	uint32_t *t = arch_vmm_phys_to_virt(table);
	paddr_t ro_start = arch_vmm_virt_to_phys(__kernel_start);
	paddr_t ro_end = arch_vmm_virt_to_phys(__kernel_ro_end);
	for (unsigned i = 0; i < 1024; i++) {
		paddr_t pa = (paddr_t)i * PAGE_SIZE;
		bool ro = pa >= ro_start && pa < ro_end;
		t[i] = x86_pte_encode(pa, ro ? VMM_READ : VMM_READ | VMM_WRITE, true);
	}
	x86_boot_pd[KERNEL_PDE_FIRST] = x86_pde_table(table, true, false);
	x86_flush_all();
}

void arch_vmm_init(paddr_t zero_page)
{
	TLBC_INIT(true, false);   /* a #PF drops the faulting entry; no PCIDs: CR3 is the tag */
	build_zero_table(zero_page);
	split_low_direct_map();
	prealloc_kernel_tables(KHEAP_BASE, KHEAP_END);
	prealloc_kernel_tables(KSTACK_REGION, ALIGN_UP(KSTACK_REGION + VMM_KSTACK_BYTES, TABLE_SPAN));
	prealloc_kernel_tables(PD_REGION, ALIGN_UP(PD_REGION + CONFIG_MAX_PROCS * PAGE_SIZE, TABLE_SPAN));
	prealloc_kernel_tables(META_REGION, ALIGN_UP(META_REGION + VMM_META_BYTES, TABLE_SPAN));
	/* The boot directory is now the template of every directory's kernel
	 * half (PDEs 768-1021); its identity entry goes, so user space starts
	 * empty. The CR3 load below drops the old (non-global) translation. */
	x86_boot_pd[0] = 0;
	if (arch_vmm_space_create(VMM_SLOT_KERNEL))
		panic("arch_vmm_init: no frame for the kernel's own directory");
	x86_current_slot = ~0u;   /* so activate really loads CR3 */
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	if (CONFIG_TEST)
		x86_vmm_selfcheck();
}
