/*
 * arch/x86/mm/selfcheck.c - test builds only: right after arch_vmm_init,
 * checks what the generic suite cannot see through the contract: control
 * registers, the recursive and alternate windows at their layout.h places,
 * the kernel image's protection, and the zero table's read-only PDE.
 * Panics (failing the test run) on the first mismatch; gives back every frame.
 */
#include "arch/x86/cpu.h"
#include "arch/x86/mm/mmu.h"
#include "arch/x86/mm/pte.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "mm/pmm.h"

#define CR0_WP  (1u << 16)
#define CR0_PG  (1u << 31)
#define CR4_PSE (1u << 4)

extern char __text_start[], __kernel_ro_end[];

static void expect(bool ok, const char *what)
{
	if (!ok)
		panic("x86_vmm_selfcheck: %s", what);
}

static uint32_t self_pde(vaddr_t va) { return ((volatile uint32_t *)SELF_PD)[va >> 22]; }
static uint32_t self_pte(vaddr_t va) { return ((volatile uint32_t *)SELF_PT_BASE)[va >> 12]; }
static uint32_t alt_pde(vaddr_t va) { return ((volatile uint32_t *)ALT_PD)[va >> 22]; }
static uint32_t alt_pte(vaddr_t va) { return ((volatile uint32_t *)ALT_PT_BASE)[va >> 12]; }

static uint32_t read_cr4(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

/* Slot 0 is current, seen the same through CR3, the recursive window and
 * the PD region; no identity mapping is left; the kernel is protected. */
static void check_kernel_space(void)
{
	uint32_t cr0 = x86_read_cr0(), cr4 = read_cr4();
	expect((cr0 & (CR0_PG | CR0_WP)) == (CR0_PG | CR0_WP), "CR0.PG and CR0.WP set");
	expect((cr4 & (CR4_PSE | X86_CR4_PGE)) == (CR4_PSE | X86_CR4_PGE), "CR4.PSE and CR4.PGE set");
	expect(x86_read_cr3() == x86_pd_phys[VMM_SLOT_KERNEL], "CR3 holds slot 0's directory");
	expect(x86_addr(self_pde(SELF_PD)) == x86_pd_phys[VMM_SLOT_KERNEL], "PDE 1023 points at itself");
	const uint32_t *region = x86_space_pd(VMM_SLOT_KERNEL);
	for (unsigned i = 0; i < 1024; i++)
		expect(region[i] == ((volatile uint32_t *)SELF_PD)[i], "region and window show one directory");
	expect(self_pde(0) == 0 && self_pde(ALT_PT_BASE) == 0, "no identity map, alternate window closed");
	uint32_t big = self_pde(KERNEL_VIRT_BASE + TABLE_SPAN);
	expect((big & (X86_P | X86_PS | X86_G)) == (X86_P | X86_PS | X86_G), "direct map: 4 MiB global pages");
	uint32_t text = self_pte((vaddr_t)__text_start), data = self_pte((vaddr_t)__kernel_ro_end);
	expect((text & (X86_P | X86_RW | X86_G)) == (X86_P | X86_G), "kernel text read-only, global");
	expect((data & (X86_P | X86_RW)) == (X86_P | X86_RW), "kernel data writable");
	expect(x86_addr(text) == (arch_vmm_virt_to_phys(__text_start) & X86_ADDR), "low direct map is 1:1 + base");
}

/* Another space edited while not current: its directory and tables show
 * through the alternate window at ALT_PD / ALT_PT_BASE. */
static void check_alternate_window(unsigned s, vaddr_t va, paddr_t frame)
{
	expect(arch_vmm_map(s, va, frame, VMM_READ | VMM_WRITE | VMM_USER) == 0, "map in another space");
	expect(x86_addr(alt_pde(SELF_PD)) == x86_pd_phys[s], "ALT_PD is the target's directory");
	expect(((volatile uint32_t *)(SELF_PD - PAGE_SIZE))[1023] == alt_pde(SELF_PD), "0xFFFFE000 shows it too");
	expect(alt_pde(va) == x86_space_pd(s)[va >> 22], "ALT_PD matches the PD region");
	expect(alt_pte(va) == x86_pte_encode(frame, VMM_READ | VMM_WRITE | VMM_USER, false),
	       "ALT_PT_BASE shows the PTE");
	expect(self_pde(va) == 0, "the current space did not get the mapping");
	expect(arch_vmm_unmap(s, va, NULL) == 0, "unmap in another space");
	expect(arch_vmm_table_release_if_empty(s, va), "empty table released");
}

/* The zero table from inside the space: reads give zeros, and its PDE has
 * no RW, so its window page is read-only even for the kernel (CR0.WP). */
static void check_zero_table(unsigned s, vaddr_t va)
{
	expect(arch_vmm_table_set_zero(s, va) == 0, "zero table set");
	arch_vmm_space_activate(s);
	uint32_t pde = self_pde(va), word = *(volatile uint32_t *)(va + 4 * PAGE_SIZE + 12);
	uint32_t raw;
	bool windowed = arch_vmm_window_entry(va, &raw);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	expect(word == 0, "zero table reads zero");
	expect((pde & (X86_P | X86_RW | X86_US)) == (X86_P | X86_US), "zero-table PDE is P|US, not RW");
	expect(!windowed, "the window reports no private table on the zero table");
	expect(arch_vmm_table_release_if_empty(s, va), "zero table released");
}

void x86_vmm_selfcheck(void)
{
	struct pmm_stats before, after;
	pmm_get_stats(&before);
	check_kernel_space();
	unsigned s = CONFIG_MAX_PROCS - 1;   /* vmm.c hands out no slot before we return */
	paddr_t frame;
	expect(pmm_alloc_frame(&frame) == 0 && arch_vmm_space_create(s) == 0, "frames for the check");
	check_alternate_window(s, 0x00c03000, frame);
	check_zero_table(s, 0x01000000);
	arch_vmm_space_destroy(s);
	pmm_free_frame(frame);
	expect(self_pde(ALT_PT_BASE) == 0, "alternate window closed after destroy");
	pmm_get_stats(&after);
	expect(after.free == before.free, "every frame given back");
	kprintf("x86 vmm: self-check passed (CR0.WP, recursive and alternate windows, zero table)\n");
}
