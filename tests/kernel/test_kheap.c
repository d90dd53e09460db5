/*
 * tests/kernel/test_kheap.c - the kernel heap on the real VMM: thousands of
 * random kmalloc/kfree of mixed sizes with content checks, and every page
 * and frame back afterwards.
 */
#include "tests/kernel/ktest.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

/* A small deterministic generator (xorshift32): same run every boot. */
static uint32_t rng_state;
static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

#define SLOTS 256
static uint8_t *ptr[SLOTS];
static uint32_t len[SLOTS];

static bool contents_ok(unsigned i)
{
	for (uint32_t k = 0; k < len[i]; k++)
		if (ptr[i][k] != (uint8_t)(i * 7 + k))
			return false;
	return true;
}

static void heap_random_stress_returns_everything(void)
{
	/* Relative to what boot left on the heap (drivers' long-lived state). */
	kheap_trim();
	uint32_t before = ktest_free_frames();
	struct kheap_stats hs, hs0;
	kheap_get_stats(&hs0);
	uint32_t errors_before = hs0.errors, bad = 0, failed_allocs = 0, peak_pages = 0;
	rng_state = 0x12345678u;
	for (int step = 0; step < 6000; step++) {
		unsigned i = rng() % SLOTS;
		if (ptr[i]) {
			bad += !contents_ok(i);
			kfree(ptr[i]);
			ptr[i] = NULL;
			continue;
		}
		len[i] = rng() % 8 == 0 ? 1 + rng() % 20000 : 1 + rng() % 1000;
		ptr[i] = kmalloc(len[i]);
		if (!ptr[i]) {
			failed_allocs++;
			continue;
		}
		for (uint32_t k = 0; k < len[i]; k++)
			ptr[i][k] = (uint8_t)(i * 7 + k);
		kheap_get_stats(&hs);
		if (hs.pages > peak_pages)
			peak_pages = hs.pages;
	}
	for (unsigned i = 0; i < SLOTS; i++) {
		if (ptr[i]) {
			bad += !contents_ok(i);
			kfree(ptr[i]);
			ptr[i] = NULL;
		}
	}
	kheap_trim();
	kheap_get_stats(&hs);
	KCHECK_EQ(bad, 0);
	KCHECK_EQ(failed_allocs, 0);
	KCHECK(peak_pages > 10);
	KCHECK_EQ(hs.pages, hs0.pages);
	KCHECK_EQ(hs.live_objects, hs0.live_objects);
	KCHECK_EQ(hs.errors, errors_before);
	KCHECK_EQ(ktest_free_frames(), before);
}

static void heap_reports_bad_frees(void)
{
	struct kheap_stats hs, hs0;
	kheap_trim();
	kheap_get_stats(&hs0);
	uint32_t errors_before = hs0.errors, before = ktest_free_frames();
	uint8_t *a = kmalloc(40);
	KCHECK(a != NULL);
	kfree(a);
	kfree(a);                 /* double free */
	kfree(a + 1);             /* not an object start */
	kfree(&errors_before);    /* not a heap address at all */
	kheap_trim();
	kheap_get_stats(&hs);
	KCHECK_EQ(hs.errors, errors_before + 3);
	KCHECK_EQ(hs.pages, hs0.pages);
	KCHECK_EQ(ktest_free_frames(), before);
}

const struct ktest ktests_kheap[] = {
	{ heap_random_stress_returns_everything, "kheap: random stress, contents intact, all pages back" },
	{ heap_reports_bad_frees, "kheap: double and invalid frees reported, heap intact" },
	{ NULL, NULL },
};
