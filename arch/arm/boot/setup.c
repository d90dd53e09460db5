/*
 * arch/arm/boot/setup.c - the ARM port's C entry (boot-only, core 0,
 * interrupts off, MMU on with the boot table: the direct map, devices):
 * console, how we were entered, memory from the device tree, ATAGs, the
 * firmware mailbox or a default (in that order), the reservations, then
 * kernel_main(). Bad boot data gets a warning and a fallback, never a crash.
 */
#include "arch/arm/arm_board.h"
#include "arch/arm/boot/atags.h"
#include "arch/arm/cpu_bits.h"
#include "arch/arm/fsr_decode.h"
#include "arch/arm/trap.h"
#include "kernel/board.h"
#include "kernel/boot_info.h"
#include "lib/fdt.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "mm/vmm.h"

NORETURN void arm_boot_main(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t entry_mode);

extern char __kernel_start[], __kernel_end[];

#define ATAGS_DEFAULT   0x100u      /* where boot loaders put ATAGs by convention */
#define ATAGS_MAX_BYTES 0x3f00u     /* they must end below the 16 KiB boundary */
#define DTB_MAX_BYTES   (2u << 20)  /* a Pi device tree is ~20 KiB; 2 MiB bounds a corrupt size */

static struct boot_info bi;

/* Written by start.S with the MMU off: ACTLR_STATE_*, then ACTLR. */
extern uint32_t arm_boot_actlr_state[2];

NORETURN void arm_hyp_exception(uint32_t offset, uint32_t hsr, uint32_t elr, uint32_t spsr);

/* start.S's HYP vectors land here, in SVC mode (see hyp_report_vectors). */
NORETURN void arm_hyp_exception(uint32_t offset, uint32_t hsr, uint32_t elr, uint32_t spsr)
{
	kprintf("\n*** HYP exception (vector offset %#x, HSR %#010x: exception class %#x) "
		"from %s mode at pc %#010x: mendax does not use HYP mode\n", offset, hsr, hsr >> 26,
		arm_mode_name(spsr), elr);
	kernel_stop_after_report();
}

/* Cortex-A7 TRM 4.3.31: without ACTLR.SMP this core's caches are not
 * coherent with the others'; harmless with one core, wrong for SMP. */
static void report_actlr_smp(void)
{
	uint32_t state = arm_boot_actlr_state[0], actlr = arm_boot_actlr_state[1];
	if (state == ACTLR_STATE_WAS_SET || state == ACTLR_STATE_SET)
		kprintf("ACTLR.SMP: set (%s; ACTLR %#x)\n",
			state == ACTLR_STATE_SET ? "by the kernel" : "by the loader", actlr);
	else
		kprintf("warning: ACTLR.SMP stays clear (%s; ACTLR %#x): Non-secure without "
			"NSACR.NS_SMP, or an emulator that does not model ACTLR; this core's caches "
			"are not coherent with other cores'\n",
			state == ACTLR_STATE_UNDEF ? "writing it is UNDEFINED" : "writing it is ignored",
			actlr);
}

static const char *describe_entry(uint32_t mode)
{
	if (mode == PSR_MODE_HYP)
		return "Non-secure HYP -> SVC (left HYP mode)";
	if (mode != PSR_MODE_SVC)
		return "an unexpected mode -> SVC";
	return arm_in_secure_state() ? "Secure SVC" : "Non-secure SVC";
}

/* 1: the device tree in r2. Returns true if it gave the memory. */
static bool memory_from_dtb(uint32_t r2)
{
	if (!r2 || (r2 & 3) || r2 >= arch_vmm_direct_map_end)
		return false;
	const void *blob = arch_vmm_phys_to_virt(r2);
	uint32_t room = arch_vmm_direct_map_end - r2;
	if (fdt_validate(blob, room < DTB_MAX_BYTES ? room : DTB_MAX_BYTES)) {
		if (((const uint32_t *)blob)[1] != ATAG_CORE)
			kprintf("warning: r2 = %#x is neither a valid device tree nor ATAGs\n", r2);
		return false;
	}
	const char *args = fdt_bootargs(blob);
	bi.cmdline = args ? args : "";
	if (memmap_add(&bi.map, r2, fdt_total_size(blob), MEM_RESERVED, "device tree blob"))
		return false;
	int n = fdt_add_memory(blob, &bi.map);
	if (n < 0) {
		kprintf("warning: the device tree at %#x names no usable memory (error %d)\n", r2, n);
		return false;
	}
	bi.memory_source = "device tree";
	return true;
}

/* 2: ATAGs, at r2 or at the conventional 0x100. */
static bool memory_from_atags(uint32_t r2)
{
	uint32_t at = r2 && r2 < ATAGS_MAX_BYTES ? r2 : ATAGS_DEFAULT;
	const void *p = arch_vmm_phys_to_virt(at);
	const char *cmdline = NULL;
	int n = atags_parse(p, ATAGS_MAX_BYTES + ATAGS_DEFAULT - at, &bi.map, &cmdline);
	if (n == -E_BADFMT) {
		/* No list at all is normal (ATAGs are optional); one that
		 * starts with ATAG_CORE but breaks later is corrupt. */
		if (((const uint32_t *)p)[1] == ATAG_CORE)
			kprintf("warning: the ATAG list at %#x is corrupt (a tag size runs past "
				"%u bytes or ATAG_NONE is missing): ignored\n", at,
				ATAGS_MAX_BYTES + ATAGS_DEFAULT - at);
		return false;
	}
	if (n <= 0) {
		kprintf("warning: the ATAG list at %#x gave no memory (%d)\n", at, n);
		return false;
	}
	if (cmdline)
		bi.cmdline = cmdline;
	bi.memory_source = "ATAGs";
	return true;
}

static void discover_memory(uint32_t r2)
{
	bi.cmdline = "";
	if (memory_from_dtb(r2) || memory_from_atags(r2))
		return;
	if (board_memory_from_firmware(&bi.map) == 0) {
		bi.memory_source = "VideoCore mailbox";
		return;
	}
	if (board_memory_default(&bi.map))
		panic("arm_boot_main: cannot record the default memory size");
	bi.memory_source = "board default";
	const struct mem_range *r = &bi.map.r[bi.map.count - 1];
	kprintf("warning: no device tree, ATAGs or firmware answer: assuming the board default, "
		"%u MiB of RAM at %#x\n", (unsigned)(r->size >> 20), (unsigned)r->base);
}

/* The PMU cycle counter for arch_cycles() and user-mode benchmarks:
 * PMCR.E enables the counters, PMCR.C resets the cycle counter, PMCNTENSET
 * bit 31 enables it, PMUSERENR.EN lets User mode read it (ARM ARM C12). */
static void pmu_enable(void)
{
	uint32_t pmcr;
	__asm__ volatile("mrc p15, 0, %0, c9, c12, 0" : "=r"(pmcr));
	pmcr = (pmcr | (1u << 0) | (1u << 2)) & ~(1u << 3);   /* E, C; D = 0: every cycle */
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 0" :: "r"(pmcr));
	__asm__ volatile("mcr p15, 0, %0, c9, c12, 1" :: "r"(1u << 31));
	__asm__ volatile("mcr p15, 0, %0, c9, c14, 0" :: "r"(1u));
}

NORETURN void arm_boot_main(uint32_t r0, uint32_t r1, uint32_t r2, uint32_t entry_mode)
{
	board_uart_init();
	kernel_print_banner();
	board_uart_report();
	board_irq_init();
	board_park_other_cores();
	pmu_enable();
	bi.entry_state = describe_entry(entry_mode);
	kprintf("boot registers: r0 %#x, r1 %#x (machine type), r2 %#x\n", r0, r1, r2);
	board_report_other_cores();
	report_actlr_smp();
	discover_memory(r2);
	/* The running image, and what the board says is not ours. */
	if (memmap_add(&bi.map, arch_vmm_virt_to_phys(__kernel_start),
		       (uintptr_t)__kernel_end - (uintptr_t)__kernel_start, MEM_RESERVED, "kernel image") ||
	    board_memory_reserve(&bi.map))
		panic("arm_boot_main: memory map table full");
	kernel_main(&bi);
}
