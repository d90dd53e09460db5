/*
 * tests/kernel/ktest.h - the in-kernel test framework. A suite is a table of
 * {function, "name"}; the runner prints one verdict line per test, checks
 * that free frames return to their baseline, and exits the emulator.
 */
#ifndef TESTS_KERNEL_KTEST_H
#define TESTS_KERNEL_KTEST_H

#include "lib/types.h"
#include "lib/kprintf.h"

struct ktest {
	void (*fn)(void);
	const char *name;
};

/* Records a failure with its location and message. */
void ktest_fail(const char *file, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);

/* Checks a condition; on failure reports it and returns from the test. */
#define KCHECK(cond)                                                          \
	do { if (!(cond)) { ktest_fail(__FILE__, __LINE__, "%s", #cond); return; } } while (0)

#define KCHECK_EQ(a, b)                                                       \
	do {                                                                  \
		long long ka_ = (long long)(a), kb_ = (long long)(b);         \
		if (ka_ != kb_) {                                             \
			ktest_fail(__FILE__, __LINE__, "%s == %s (%lld != %lld)", #a, #b, ka_, kb_); \
			return;                                               \
		}                                                             \
	} while (0)

/* Free frames now (the PMM's count every test must leave as it found). */
uint32_t ktest_free_frames(void);

/* Takes frames until only keep are free, threading them through their own
 * first word; returns the list (0: none taken). ktest_release_frames gives
 * them back. For running code with memory nearly exhausted. */
paddr_t ktest_hold_frames(uint32_t keep);
void ktest_release_frames(paddr_t list);

/* The kernel command line the tests were booted with ("" when none), for
 * options such as disk=required (tests/kernel/test_virtio_blk.c). */
extern const char *ktest_cmdline;

/* Suites, each ended by a {NULL, NULL} entry. */
extern const struct ktest ktests_console[];
extern const struct ktest ktests_pmm[];
extern const struct ktest ktests_boot[];
extern const struct ktest ktests_vmm[];
extern const struct ktest ktests_kheap[];
extern const struct ktest ktests_lies[];
extern const struct ktest ktests_block[];
extern const struct ktest ktests_tlbcheck[];
extern const struct ktest ktests_virtio_blk[];
extern const struct ktest ktests_fault[];
extern const struct ktest ktests_sd[];
extern const struct ktest ktests_regions[];
extern const struct ktest ktests_pcache[];
extern const struct ktest ktests_swap[];
/* A port's own suite (tests/kernel/<arch>/, arch.mk ARCH_TEST_OBJS); weak:
 * NULL on a port without one. */
extern const struct ktest ktests_arch[] __attribute__((weak));
extern const struct ktest ktests_swap_entry[];
extern const struct ktest ktests_swap_reclaim[];

#endif
