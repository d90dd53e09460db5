/*
 * tests/host/htest.h - a tiny unit-test framework for the host tests of pure
 * kernel logic. Each HTEST registers itself; htest_main.c runs them all and
 * prints one verdict line each and a final "N passed, N failed".
 */
#ifndef TESTS_HOST_HTEST_H
#define TESTS_HOST_HTEST_H

#include <stdio.h>
#include <string.h>

typedef void (*htest_fn)(void);
void htest_register(const char *name, htest_fn fn);
void htest_fail(const char *file, int line, const char *msg);

/* Text the kernel code printed (console_putc is captured), reset per test. */
const char *htest_console(void);
void htest_console_clear(void);

/* A fresh kernel heap (mm/kheap.c over a fake VMM, 2 MiB) for code under
 * test that calls kmalloc (tests/host/test_kheap.c). */
void htest_heap_setup(void);
/* A fresh PMM over a host buffer and the page cache on it (test_pcache.c),
 * for tests whose code reads and writes files through the cache. */
void htest_pcache_setup(void);

#define HTEST(name)                                                         \
	static void name(void);                                             \
	__attribute__((constructor)) static void htest_reg_##name(void)     \
	{ htest_register(#name, name); }                                    \
	static void name(void)

/* Records a failure and returns from the test. */
#define HCHECK(cond)                                                        \
	do { if (!(cond)) { htest_fail(__FILE__, __LINE__, #cond); return; } } while (0)

#define HCHECK_EQ(a, b)                                                     \
	do {                                                                \
		long long ha_ = (long long)(a), hb_ = (long long)(b);       \
		if (ha_ != hb_) {                                           \
			char hm_[256];                                      \
			snprintf(hm_, sizeof hm_, "%s == %s (%lld != %lld)", #a, #b, ha_, hb_); \
			htest_fail(__FILE__, __LINE__, hm_);                \
			return;                                             \
		}                                                           \
	} while (0)

#define HCHECK_STR(a, b)                                                    \
	do {                                                                \
		const char *ha_ = (a), *hb_ = (b);                          \
		if (strcmp(ha_, hb_)) {                                     \
			char hm_[512];                                      \
			snprintf(hm_, sizeof hm_, "%s == \"%s\" (got \"%s\")", #a, hb_, ha_); \
			htest_fail(__FILE__, __LINE__, hm_);                \
			return;                                             \
		}                                                           \
	} while (0)

/* What a sleep of the kernel code under test lets happen meanwhile
 * (tests/host/test_pcache.c's sched_sleep calls it; NULL: nothing). */
extern void (*host_sleep_hook)(const void *chan);

#endif
