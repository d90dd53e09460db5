/*
 * arch/x86/boot/setup.c - the x86 port's C entry: console, descriptor
 * tables, memory discovery from Multiboot, then kernel_main(). Boot-only;
 * runs once on the boot CPU with interrupts off, paging on with the boot
 * directory (the direct map).
 */
#include "arch/x86/boot/multiboot.h"
#include "arch/x86/fpu.h"
#include "arch/x86/sysenter.h"
#include "arch/x86/gdt.h"
#include "arch/x86/x86_board.h"
#include "kernel/board.h"
#include "kernel/boot_info.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "mm/vmm.h"

NORETURN void x86_boot_main(uint32_t magic, uint32_t info_pa);

/* Linker symbols (kernel.ld); __kernel_end is page aligned and follows the
 * .bss, which holds the boot stack. */
extern char __kernel_start[], __kernel_end[];
extern char x86_boot_stack_top[];

static struct boot_info bi;

/* The boot information is reached through the direct map (entry.S maps
 * it before the first C instruction). Address 0 is refused (no loader
 * puts its data there), and so is anything the direct map does not reach. */
static const uint8_t *phys_direct(void *ctx, uint32_t pa, uint32_t len)
{
	(void)ctx;
	if (!pa || pa >= arch_vmm_direct_map_end || len > arch_vmm_direct_map_end - pa)
		return NULL;
	return arch_vmm_phys_to_virt(pa);
}

static void discover_memory(uint32_t magic, uint32_t info_pa)
{
	const struct mb_phys phys = { phys_direct, NULL };
	int err = multiboot_parse(magic, info_pa, &phys, &bi);
	if (err) {
		if (board_memory_default(&bi.map))
			panic("x86_boot_main: cannot record the default memory size");
		bi.memory_source = "board default (no Multiboot memory information)";
		kprintf("warning: no memory information from the boot loader (error %d): "
			"assuming the board default; RAM beyond it stays unused\n", err);
	}
	/* Without these two the PMM would hand out the running kernel or the
	 * BIOS data area; the parser left headroom, so a failure is a bug. */
	if (memmap_add(&bi.map, arch_vmm_virt_to_phys(__kernel_start),
		       (uintptr_t)__kernel_end - (uintptr_t)__kernel_start, MEM_RESERVED, "kernel image"))
		panic("x86_boot_main: no map slot for the kernel image");
	if (board_memory_reserve(&bi.map))
		panic("x86_boot_main: no map slot for the board reservations");
}

NORETURN void x86_boot_main(uint32_t magic, uint32_t info_pa)
{
	board_uart_init();
	/* Descriptor tables before anything can fault: without an IDT any
	 * exception is a silent triple fault. */
	x86_gdt_init();
	x86_tss_set_kernel_stack((uint32_t)(uintptr_t)x86_boot_stack_top);
	x86_idt_init();
	x86_sysenter_init();   /* the fast system call, beside the int 0x80 gate */
	board_irq_init();
	kernel_print_banner();
	x86_fpu_init();   /* before any process: CR0.TS set, the clean state taken */

	/* Only a Multiboot loader promises paging off; anything else got here
	 * in protected mode at least, or these instructions would not run. */
	bi.entry_state = magic == MB_BOOT_MAGIC ? "protected mode, paging off (Multiboot) -> paging on"
						: "protected mode (not a Multiboot loader)";
	discover_memory(magic, info_pa);
	kernel_main(&bi);
}
