/*
 * tests/kernel/ktest_main.c - runs every in-kernel suite in a test build,
 * then checks frame accounting. kernel/main.c then runs the user-mode
 * tests and exits the emulator with the overall verdict.
 */
#include "tests/kernel/ktest.h"
#include "kernel/storage.h"
#include "kernel/arch.h"
#include "kernel/board.h"
#include "kernel/boot_info.h"
#include "lib/cmdline.h"
#include "lib/string.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

static const struct ktest *const suites[] = {
	ktests_console,
	ktests_boot,
	ktests_pmm,
	ktests_vmm,
	ktests_kheap,
	ktests_lies,
	ktests_block,
	ktests_tlbcheck,
	ktests_virtio_blk,
	ktests_fault,
	ktests_sd,
	ktests_regions,
	ktests_pcache,
	ktests_swap,
	ktests_arch,
	ktests_swap_entry,
	ktests_swap_reclaim,
};

static int current_failed;
const char *ktest_cmdline = "";

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kprintf("  %s:%d: check failed: ", file, line);
	kvprintf(fmt, ap);
	kprintf("\n");
	va_end(ap);
	current_failed = 1;
}

static bool run_one(const struct ktest *t)
{
	current_failed = 0;
	t->fn();
	kprintf("%s - %s: %s\n", current_failed ? "FAIL" : "ok", arch_name, t->name);
	return !current_failed;
}

uint32_t ktest_free_frames(void)
{
	struct pmm_stats s;
	pmm_get_stats(&s);
	return s.free;
}

paddr_t ktest_hold_frames(uint32_t keep)
{
	paddr_t head = 0, pa;
	while (ktest_free_frames() > keep && pmm_alloc_frame(&pa) == 0) {
		*(paddr_t *)arch_vmm_phys_to_virt(pa) = head;
		head = pa;
	}
	return head;
}

void ktest_release_frames(paddr_t list)
{
	while (list) {
		paddr_t next = *(paddr_t *)arch_vmm_phys_to_virt(list);
		pmm_free_frame(list);
		list = next;
	}
}

unsigned ktest_run_all(const struct boot_info *bi)
{
	if (bi->cmdline)
		ktest_cmdline = bi->cmdline;
	/* "ktests=off": a test build booted for something else (the second
	 * boot of make check-persist runs one program, not the suites). */
	char mode[8];
	if (cmdline_get(ktest_cmdline, "ktests", mode, sizeof mode) && !strcmp(mode, "off")) {
		kprintf("kernel tests: off (ktests=off)\n");
		return 0;
	}
	unsigned passed = 0, failed = 0;
	/* Caches are not leaks: the file caches are dropped (kernel/storage.h)
	 * and empty heap pages trimmed before each count. */
	storage_drop_caches();
	kheap_trim();   /* empty pages boot cached (e.g. the partition scan's) are not leaks */
	uint32_t baseline = ktest_free_frames();
	kprintf("running kernel tests (%u free frames)\n", baseline);
	for (unsigned s = 0; s < ARRAY_SIZE(suites); s++)
		for (const struct ktest *t = suites[s]; t && t->fn; t++)
			run_one(t) ? passed++ : failed++;
	/* Nothing lost: every test must give back every frame it took. */
	storage_drop_caches();
	kheap_trim();
	uint32_t after = ktest_free_frames();
	bool balanced = after == baseline;
	kprintf("%s - %s: free frames back to baseline (%u before, %u after)\n",
		balanced ? "ok" : "FAIL", arch_name, baseline, after);
	balanced ? passed++ : failed++;
	kprintf("kernel: %u passed, %u failed\n", passed, failed);
	return failed;
}
