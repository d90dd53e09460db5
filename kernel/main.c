/*
 * kernel/main.c - the generic kernel's entry: reports how the machine was
 * found, brings up the PMM, the VMM and the heap, then starts the first
 * process - /init and its shell, or in test builds the in-kernel tests
 * followed by the user-mode tests (usertests as init).
 */
#include "kernel/boot_info.h"
#include "kernel/arch.h"
#include "kernel/board.h"
#include "kernel/storage.h"
#include "kernel/swap_area.h"
#include "lib/cmdline.h"
#include "lib/config.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "kernel/proc.h"
#include "lib/string.h"
#include "kernel/timer.h"
#include "kernel/bench.h"
#include "mm/boot_mem.h"
#include "mm/pcache.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/kheap.h"
#include "mm/tlbcheck.h"

/* Provided by tests/kernel/ in test builds only (weak: absent otherwise).
 * Runs the in-kernel suites; returns the number of failures. */
extern unsigned ktest_run_all(const struct boot_info *bi) __attribute__((weak));

static unsigned kernel_tests_failed;
static uint32_t frames_before_processes;

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

static uint32_t free_frames(void)
{
	struct pmm_stats s;
	pmm_get_stats(&s);
	return s.free;
}

/* init has exited (it should not, outside tests). In test builds this ends
 * the run: every process is gone, so every frame must be back. */
void kernel_init_exited(int status)
{
	storage_drop_caches();   /* what the file system cached is not a leak */
	kheap_trim();
	uint32_t after = free_frames();
	if (CONFIG_BENCH) {
		kprintf("bench: done (status %d)\n", status);
		board_uart_flush();
		arch_emulator_exit(status ? 1 : 0);
	}
	if (!CONFIG_TEST) {
		kprintf("mendax: init exited with status %d; system halted\n", status);
		kernel_stop_after_report();
	}
	bool balanced = after == frames_before_processes;
	kprintf("%s - %s: user processes returned every frame (%u before, %u after)\n",
		balanced ? "ok" : "FAIL", arch_name, frames_before_processes, after);
	kprintf("accounting: %u passed, %u failed\n", balanced ? 1u : 0u, balanced ? 0u : 1u);
	TLBC_SUMMARY();
	board_uart_flush();
	arch_emulator_exit(kernel_tests_failed || status || !balanced || TLBC_FAILURES() ? 1 : 0);
}

NORETURN void kernel_main(struct boot_info *bi)
{
	kprintf("entry: %s\n", bi->entry_state);
	kprintf("command line: \"%s\"\n", bi->cmdline ? bi->cmdline : "");
	kprintf("memory map (from %s):\n", bi->memory_source);
	boot_mem_init(bi);
	vmm_init();
	pcache_boot();
	kheap_init(arch_vmm_heap_base, arch_vmm_heap_end);
	pmm_print_stats();
	maybe_trigger_fault(bi->cmdline);
	board_timer_start(TIMER_HZ);
	kprintf("timer: %u Hz periodic interrupt started\n", TIMER_HZ);
	board_storage_init();
	storage_mount_root();
	if (CONFIG_TEST && ktest_run_all)
		kernel_tests_failed = ktest_run_all(bi);
	/* After the in-kernel suites: they read the swap partition's test
	 * pattern and count frames, and nothing swaps before processes. */
	swap_area_boot(bi->cmdline);
	storage_drop_caches();
	kheap_trim();
	frames_before_processes = free_frames();
	/* Test builds run the user-mode suite as init unless the command line
	 * names another program (init=sh: the console check drives a shell). */
	char init[16] = "init", mode[8] = "full";
	if (CONFIG_TEST)
		memcpy(init, "usertests", sizeof "usertests");
	cmdline_get(bi->cmdline, "init", init, sizeof init);
	if (CONFIG_BENCH) {
		cmdline_get(bi->cmdline, "bench", mode, sizeof mode);
		if (strcmp(mode, "thrash"))   /* make bench's second boot: only the thrash figures */
			kernel_bench(arch_short_name, !strcmp(mode, "quick"));
		frames_before_processes = free_frames();
		char *argv[] = { "bench", mode, (char *)arch_short_name, NULL };
		proc_start(argv);
	}
	/* initarg=<word>: init's argv[1] (swapcheck's "bad" mode). */
	char arg[16];
	char *argv[] = { init, cmdline_get(bi->cmdline, "initarg", arg, sizeof arg) ? arg : NULL, NULL };
	proc_start(argv);
}
