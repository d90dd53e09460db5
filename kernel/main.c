/*
 * kernel/main.c - the generic kernel's entry: reports how the machine was
 * found, brings up the physical memory manager, then either runs the test
 * suite (test builds) or ticks until the emulator is quit.
 */
#include "kernel/boot_info.h"
#include "kernel/arch.h"
#include "kernel/board.h"
#include "kernel/cmdline.h"
#include "kernel/config.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "kernel/timer.h"
#include "mm/boot_mem.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/kheap.h"

/* Provided by tests/kernel/ in test builds only (weak: absent otherwise). */
extern NORETURN void ktest_run_all(const struct boot_info *bi) __attribute__((weak));

void kernel_print_banner(void)
{
	kprintf("\nmendax - a virtual memory manager that manages a pile of lies\n");
	kprintf("port: %s, board: %s%s\n", arch_name, board_name,
		CONFIG_TEST ? ", test build" : "");
}

/* cmdline "fault=<kind>": raise an exception on purpose so the decoded
 * fault report can be seen (and checked by the test harness). */
static void maybe_trigger_fault(const char *cmdline)
{
	char kind[16];
	if (!cmdline_get(cmdline, "fault", kind, sizeof kind))
		return;
	kprintf("fault=%s requested on the command line: raising it now\n", kind);
	arch_trigger_fault(kind);
	kprintf("fault kind '%s' is not supported on %s\n", kind, arch_name);
}

static NORETURN void tick_forever(void)
{
	board_timer_start(TIMER_HZ);
	arch_irq_enable();
	kprintf("timer: %u Hz periodic interrupt started; quit QEMU with Ctrl-A X\n", TIMER_HZ);
	uint32_t shown = 0;
	for (;;) {
		arch_wait_for_interrupt();
		uint32_t t = timer_ticks();
		if (t / TIMER_HZ != shown / TIMER_HZ) {
			shown = t;
			kprintf("uptime %u s (%u timer ticks)\n", t / TIMER_HZ, t);
		}
	}
}

NORETURN void kernel_main(struct boot_info *bi)
{
	kprintf("entry: %s\n", bi->entry_state);
	kprintf("command line: \"%s\"\n", bi->cmdline ? bi->cmdline : "");
	kprintf("memory map (from %s):\n", bi->memory_source);
	boot_mem_init(bi);
	vmm_init();
	kheap_init(arch_vmm_heap_base, arch_vmm_heap_end);
	pmm_print_stats();
	maybe_trigger_fault(bi->cmdline);
	if (CONFIG_TEST && ktest_run_all)
		ktest_run_all(bi);
	tick_forever();
}
