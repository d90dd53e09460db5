/*
 * tests/host/test_kheap.c - the kernel heap over a fake VMM: a host buffer
 * stands for the heap's virtual range, and "mapping" a page is recorded so
 * the tests can see every page the heap takes and gives back.
 */
#include "htest.h"
#include "mm/kheap.h"
#include "lib/config.h"
#include <stdlib.h>
#include <stdint.h>

#define FAKE_PAGES 512
static uint8_t *range;
static unsigned char mapped[FAKE_PAGES];
static int pages_mapped, vmm_errors, fail_after = -1;

int vmm_kernel_page_alloc(vaddr_t va)
{
	size_t i = (va - (vaddr_t)range) / 4096;
	if (i >= FAKE_PAGES || mapped[i]) {
		vmm_errors++;
		return -E_INVAL;
	}
	if (fail_after == 0)
		return -E_NOMEM;
	if (fail_after > 0)
		fail_after--;
	mapped[i] = 1;
	pages_mapped++;
	memset((void *)va, 0, 4096);
	return 0;
}

int vmm_kernel_page_free(vaddr_t va)
{
	size_t i = (va - (vaddr_t)range) / 4096;
	if (i >= FAKE_PAGES || !mapped[i]) {
		vmm_errors++;
		return -E_INVAL;
	}
	mapped[i] = 0;
	pages_mapped--;
	memset((void *)va, 0xdd, 4096);   /* stale data, as after a real unmap + reuse */
	return 0;
}

static void setup(void)
{
	if (!range)
		range = aligned_alloc(4096, FAKE_PAGES * 4096);
	memset(mapped, 0, sizeof mapped);
	pages_mapped = vmm_errors = 0;
	fail_after = -1;
	kheap_init((vaddr_t)range, (vaddr_t)range + FAKE_PAGES * 4096);
}

/* For other host tests whose code under test uses kmalloc (htest.h). */
void htest_heap_setup(void)
{
	setup();
}

static uint32_t errors(void)
{
	struct kheap_stats s;
	kheap_get_stats(&s);
	return s.errors;
}

HTEST(kheap_small_objects_are_aligned_distinct_and_reused)
{
	setup();
	void *a = kmalloc(24), *b = kmalloc(24), *c = kmalloc(1000);
	HCHECK(a && b && c);
	HCHECK(((uintptr_t)a & 15) == 0 && ((uintptr_t)c & 15) == 0);
	HCHECK(a != b);
	memset(a, 1, 24); memset(b, 2, 24); memset(c, 3, 1000);
	HCHECK(((uint8_t *)a)[23] == 1 && ((uint8_t *)b)[0] == 2);
	kfree(a);
	void *d = kmalloc(24);
	HCHECK(d == a);   /* LIFO reuse inside the page */
	kfree(b); kfree(c); kfree(d);
	HCHECK_EQ(errors(), 0);
	HCHECK_EQ(vmm_errors, 0);
}

HTEST(kheap_large_objects_use_page_runs)
{
	setup();
	uint8_t *p = kmalloc(3 * 4096);
	HCHECK(p);
	HCHECK_EQ(pages_mapped, 4);   /* 12 KiB + the 16-byte header */
	memset(p, 7, 3 * 4096);
	kfree(p);
	HCHECK_EQ(pages_mapped, 0);
	HCHECK_EQ(errors(), 0);
}

HTEST(kheap_returns_every_page_after_free_and_trim)
{
	setup();
	void *objs[300];
	for (int i = 0; i < 300; i++)
		HCHECK((objs[i] = kmalloc(100)) != NULL);
	HCHECK_EQ(pages_mapped, 10);   /* 100 + 20 debug bytes: 128-byte class, 31 a page */
	for (int i = 0; i < 300; i++)
		kfree(objs[i]);
	HCHECK(pages_mapped <= 1);    /* at most the one cached spare page */
	kheap_trim();
	HCHECK_EQ(pages_mapped, 0);
	HCHECK_EQ(vmm_errors, 0);
}

HTEST(kheap_double_and_invalid_frees_are_reported_and_harmless)
{
	setup();
	uint8_t *a = kmalloc(64), *b = kmalloc(64), *big = kmalloc(8192);
	kfree(a);
	kfree(a);
	HCHECK_EQ(errors(), 1);
	HCHECK(strstr(htest_console(), "double kfree") != NULL);
	kfree(b + 4);                                   /* inside an object */
	kfree(big + 4096);                              /* inside a large object */
	kfree((void *)0x1000);                          /* outside the heap */
	kfree(range + 100 * 4096);                      /* heap range, never handed out */
	HCHECK_EQ(errors(), 5);
	HCHECK(strstr(htest_console(), "caller") != NULL);
	/* The heap still works and hands a out exactly once. */
	uint8_t *c = kmalloc(64), *d = kmalloc(64);
	HCHECK(c == a && d != a && d != b);
	kfree(b); kfree(c); kfree(d); kfree(big);
	HCHECK_EQ(errors(), 5);
}

HTEST(kheap_red_zone_and_use_after_free_are_caught)
{
	if (!CONFIG_TEST)   /* the release-build run (scripts/host-test.sh): no red zones */
		return;
	setup();
	uint8_t *a = kmalloc(20);
	a[20] = 0;                                      /* one past the end */
	kfree(a);
	HCHECK_EQ(errors(), 1);
	HCHECK(strstr(htest_console(), "red zone") != NULL);
	uint8_t *b = kmalloc(20);                       /* reuses a's slot */
	kfree(b);
	b[10] = 1;                                      /* write after free */
	uint8_t *c = kmalloc(20);
	HCHECK_EQ(errors(), 2);
	HCHECK(strstr(htest_console(), "write after free") != NULL);
	kfree(c);
}

HTEST(kheap_out_of_pages_gives_null_and_leaks_nothing)
{
	setup();
	fail_after = 2;
	HCHECK(kmalloc(5 * 4096) == NULL);              /* needs 6 pages, only 2 succeed */
	HCHECK_EQ(pages_mapped, 0);
	fail_after = -1;
	HCHECK(kmalloc(0) == NULL);
	HCHECK(kmalloc((size_t)FAKE_PAGES * 4096) == NULL);   /* more than the whole range */
	HCHECK_EQ(pages_mapped, 0);
}

/* Thousands of random kmalloc/kfree of mixed sizes, contents checked. */
HTEST(kheap_random_stress_keeps_contents_and_balances)
{
	setup();
	enum { SLOTS = 200 };
	static uint8_t *ptr[SLOTS];
	static size_t len[SLOTS];
	memset(ptr, 0, sizeof ptr);
	srand(42);
	for (int step = 0; step < 20000; step++) {
		int i = rand() % SLOTS;
		if (ptr[i]) {
			for (size_t k = 0; k < len[i]; k++)
				if (ptr[i][k] != (uint8_t)(i + k)) {
					HCHECK(!"object contents changed");
				}
			kfree(ptr[i]);
			ptr[i] = NULL;
		} else {
			len[i] = rand() % 4 == 0 ? 1 + rand() % 9000 : 1 + rand() % 1000;
			ptr[i] = kmalloc(len[i]);
			HCHECK(ptr[i] != NULL);
			for (size_t k = 0; k < len[i]; k++)
				ptr[i][k] = (uint8_t)(i + k);
		}
	}
	for (int i = 0; i < SLOTS; i++)
		kfree(ptr[i]);
	kheap_trim();
	HCHECK_EQ(pages_mapped, 0);
	HCHECK_EQ(errors(), 0);
	HCHECK_EQ(vmm_errors, 0);
}

/* kfree's checks need no "below the first object" compare: such a pointer
 * (the page header, the page start) wraps to an index past the last
 * object. Each wrong pointer is refused and the heap stays whole. */
HTEST(kheap_pointers_into_a_slab_header_or_a_free_object_are_refused)
{
	setup();
	uint8_t *a = kmalloc(64), *b = kmalloc(64);
	uint8_t *page = (uint8_t *)((uintptr_t)a & ~(uintptr_t)4095);
	kfree(page);                  /* the page start: the slab header */
	kfree(page + 8);              /* inside the header */
	kfree(a - 16);                /* just below the object */
	HCHECK_EQ(errors(), 3);
	HCHECK(strstr(htest_console(), "not an object start") != NULL);
	kfree(b);
	kfree(b);                     /* freed twice */
	HCHECK_EQ(errors(), 4);
	uint8_t *never = b + (b - a); /* an object start of the page nobody was given */
	kfree(never);
	HCHECK_EQ(errors(), 5);
	HCHECK(strstr(htest_console(), "double kfree") != NULL);
	uint8_t *c = kmalloc(64);     /* b comes back, once */
	HCHECK(c == b);
	/* 32-byte slots (8 bytes asked, test-build header and red zone
	 * added): page + 16 is aligned like an object start, 64 bytes below
	 * the first object. Only the index bound refuses it. */
	uint8_t *small = kmalloc(8);
	uint8_t *spage = (uint8_t *)((uintptr_t)small & ~(uintptr_t)4095);
	kfree(spage + 16);
	HCHECK_EQ(errors(), 6);
	kfree(small);
	kfree(a);
	kfree(c);
	HCHECK_EQ(errors(), 6);
}

/* The class's cached object (the last one freed, kept off its page's free
 * list so a kmalloc/kfree pair is short): a second kfree of it, or of a
 * pointer inside it, is still refused; it is handed out exactly once; and
 * it never keeps a page mapped on its own. */
HTEST(kheap_cached_object_is_still_checked_and_handed_out_once)
{
	setup();
	uint8_t *keep = kmalloc(64), *a = kmalloc(64);
	kfree(a);                     /* a is now the 64-byte class's cached object */
	kfree(a);
	HCHECK_EQ(errors(), 1);
	HCHECK(strstr(htest_console(), "double kfree") != NULL);
	kfree(a + 8);
	HCHECK_EQ(errors(), 2);
	uint8_t *b = kmalloc(64), *c = kmalloc(64);
	HCHECK(b == a && c != a && c != keep);
	kfree(b);
	kfree(c);                     /* the slot is taken: c goes on the page's list */
	kfree(b);
	HCHECK_EQ(errors(), 3);
	HCHECK_EQ(pages_mapped, 1);
	kfree(keep);                  /* the page's last object: the cached b goes back too */
	HCHECK(pages_mapped <= 1);    /* at most the class's one spare */
	kheap_trim();
	HCHECK_EQ(pages_mapped, 0);
	HCHECK_EQ(errors(), 3);
	HCHECK_EQ(vmm_errors, 0);
}
