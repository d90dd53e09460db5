/*
 * tests/host/test_pmm.c - the physical memory manager's data structures on
 * a made-up memory map (no real RAM is touched: only the frame database).
 */
#include "htest.h"
#include "mm/pmm.h"
#include <stdlib.h>

/* 0x000000-0x100000 reserved (low), 0x100000-0x800000 usable, a hole at
 * 0x800000-0x900000 (device), 0x900000-0xA00000 usable: 1792 + 256 free. */
static struct memmap m;
static void *db;

static void setup(void)
{
	memset(&m, 0, sizeof m);
	memmap_add(&m, 0, 0x100000, MEM_RESERVED, "low");
	memmap_add(&m, 0x100000, 0x700000, MEM_USABLE, "ram");
	memmap_add(&m, 0x800000, 0x100000, MEM_DEVICE, "mmio");
	memmap_add(&m, 0x900000, 0x100000, MEM_USABLE, "ram");
	memmap_normalize(&m);
	free(db);
	size_t bytes = pmm_db_bytes(&m);
	db = malloc(bytes);
	if (pmm_init(&m, db, bytes))
		abort();
}

static uint32_t free_frames(void)
{
	struct pmm_stats s;
	pmm_get_stats(&s);
	return s.free;
}

HTEST(pmm_counts_from_the_map)
{
	setup();
	struct pmm_stats s;
	pmm_get_stats(&s);
	HCHECK_EQ(s.free, 1792 + 256);
	HCHECK_EQ(s.reserved, 256);
	HCHECK_EQ(s.used, 0);
	HCHECK_EQ(s.total, s.free + s.used + s.reserved);
	HCHECK_EQ(pmm_db_bytes(&m), 2560 * sizeof(struct pmm_frame));
	HCHECK_EQ(pmm_frame_state(0x800000), FRAME_ABSENT);
	HCHECK_EQ(pmm_frame_state(0x0), FRAME_RESERVED);
	HCHECK_EQ(pmm_frame_state(0x100000), FRAME_FREE);
}

HTEST(pmm_init_rejects_small_db_and_empty_map)
{
	setup();
	HCHECK_EQ(pmm_init(&m, db, pmm_db_bytes(&m) - 1), -E_INVAL);
	struct memmap empty = { 0 };
	HCHECK_EQ(pmm_init(&empty, db, 4096), -E_INVAL);
}

HTEST(pmm_alloc_all_then_free_all_returns_exactly)
{
	setup();
	uint32_t before = free_frames();
	static paddr_t got[4096];
	static unsigned char seen[2560];
	memset(seen, 0, sizeof seen);
	uint32_t n = 0;
	paddr_t pa;
	while (pmm_alloc_frame(&pa) == 0) {
		HCHECK((pa & 0xfff) == 0);
		HCHECK(pmm_frame_state(pa) == FRAME_USED);
		HCHECK((pa >= 0x100000 && pa < 0x800000) || (pa >= 0x900000 && pa < 0xA00000));
		HCHECK(!seen[pa >> 12]);   /* never handed out twice */
		seen[pa >> 12] = 1;
		HCHECK_EQ(pmm_refcount(pa), 1);
		got[n++] = pa;
	}
	HCHECK_EQ(n, before);
	HCHECK_EQ(free_frames(), 0);
	HCHECK_EQ(pmm_alloc_frame(&pa), -E_NOMEM);
	for (uint32_t i = 0; i < n; i++)
		HCHECK_EQ(pmm_free_frame(got[i]), 0);
	HCHECK_EQ(free_frames(), before);
	struct pmm_stats s;
	pmm_get_stats(&s);
	HCHECK_EQ(s.used, 0);
}

HTEST(pmm_first_allocations_are_low_and_reuse_is_lifo)
{
	setup();
	paddr_t a, b;
	HCHECK_EQ(pmm_alloc_frame(&a), 0);
	HCHECK_EQ(a, 0x100000);
	HCHECK_EQ(pmm_free_frame(a), 0);
	HCHECK_EQ(pmm_alloc_frame(&b), 0);
	HCHECK_EQ(b, a);
}

HTEST(pmm_double_free_is_detected_and_harmless)
{
	setup();
	paddr_t a, b, c;
	HCHECK_EQ(pmm_alloc_frame(&a), 0);
	HCHECK_EQ(pmm_alloc_frame(&b), 0);
	HCHECK_EQ(pmm_free_frame(a), 0);
	uint32_t f = free_frames();
	HCHECK_EQ(pmm_free_frame(a), -E_ALREADY);
	HCHECK(strstr(htest_console(), "double free") != NULL);
	HCHECK_EQ(free_frames(), f);
	/* The free list is intact: a comes back once, then something else. */
	HCHECK_EQ(pmm_alloc_frame(&c), 0);
	HCHECK_EQ(c, a);
	HCHECK_EQ(pmm_alloc_frame(&c), 0);
	HCHECK(c != a && c != b);
}

HTEST(pmm_free_of_reserved_absent_or_bogus_is_refused)
{
	setup();
	uint32_t f = free_frames();
	HCHECK_EQ(pmm_free_frame(0x1000), -E_PERM);      /* reserved low memory */
	HCHECK_EQ(pmm_free_frame(0x800000), -E_PERM);    /* hole (device) */
	HCHECK_EQ(pmm_free_frame(0x100800), -E_INVAL);   /* unaligned */
	HCHECK_EQ(pmm_free_frame(0xA00000), -E_INVAL);   /* past the end */
	HCHECK_EQ(pmm_free_frame(0x100000), -E_ALREADY); /* free, never allocated */
	HCHECK_EQ(free_frames(), f);
	HCHECK(strstr(htest_console(), "frame is reserved") != NULL);
	HCHECK(strstr(htest_console(), "not a managed frame address") != NULL);
}

HTEST(pmm_contiguous_runs_are_aligned_in_range_and_skip_holes)
{
	setup();
	paddr_t pa;
	HCHECK_EQ(pmm_alloc_contig(16, 16, &pa), 0);
	HCHECK_EQ(pa & 0xffff, 0);
	HCHECK(pa >= 0x100000 && pa + 16 * 4096 <= 0x800000);
	for (int k = 0; k < 16; k++)
		HCHECK_EQ(pmm_frame_state(pa + k * 4096), FRAME_USED);
	/* 512 frames aligned to 2 MiB cannot straddle the hole at 8 MiB. */
	paddr_t big;
	HCHECK_EQ(pmm_alloc_contig(512, 512, &big), 0);
	HCHECK_EQ(big & 0x1fffff, 0);
	HCHECK(big + 512 * 4096 <= 0x800000);
	HCHECK_EQ(pmm_alloc_contig(0x800, 1, &pa), -E_NOMEM);   /* larger than any run */
	HCHECK_EQ(pmm_alloc_contig(4, 3, &pa), -E_INVAL);       /* alignment not a power of two */
	HCHECK_EQ(pmm_free_contig(big, 512), 0);
	HCHECK_EQ(pmm_frame_state(big + 511 * 4096), FRAME_FREE);
}

HTEST(pmm_contig_fragmented_memory)
{
	setup();
	/* Allocate everything, free every other frame: no run of 2 exists. */
	static paddr_t got[4096];
	uint32_t n = 0;
	while (pmm_alloc_frame(&got[n]) == 0)
		n++;
	for (uint32_t i = 0; i < n; i += 2)
		pmm_free_frame(got[i]);
	paddr_t pa;
	HCHECK_EQ(pmm_alloc_contig(2, 1, &pa), -E_NOMEM);
	pmm_free_frame(got[1]);   /* now got[0..2] form a run of 3 */
	HCHECK_EQ(pmm_alloc_contig(3, 1, &pa), 0);
	HCHECK_EQ(pa, got[0]);
}

HTEST(pmm_free_contig_is_all_or_nothing)
{
	setup();
	paddr_t pa;
	HCHECK_EQ(pmm_alloc_contig(4, 1, &pa), 0);
	HCHECK_EQ(pmm_free_frame(pa + 2 * 4096), 0);
	uint32_t f = free_frames();
	HCHECK_EQ(pmm_free_contig(pa, 4), -E_ALREADY);
	HCHECK_EQ(free_frames(), f);
	HCHECK_EQ(pmm_frame_state(pa), FRAME_USED);
}

HTEST(pmm_refcounts_free_at_zero)
{
	setup();
	paddr_t pa;
	uint32_t f = free_frames();
	HCHECK_EQ(pmm_alloc_frame(&pa), 0);
	HCHECK_EQ(pmm_ref_frame(pa), 2);
	HCHECK_EQ(pmm_ref_frame(pa), 3);
	HCHECK_EQ(pmm_unref_frame(pa), 2);
	HCHECK_EQ(pmm_unref_frame(pa), 1);
	HCHECK_EQ(free_frames(), f - 1);
	HCHECK_EQ(pmm_unref_frame(pa), 0);
	HCHECK_EQ(free_frames(), f);
	HCHECK_EQ(pmm_unref_frame(pa), -E_ALREADY);
	HCHECK_EQ(pmm_ref_frame(0x1000), -E_PERM);
}

/* Random alloc/free/contig traffic against a shadow model. */
HTEST(pmm_random_traffic_matches_a_model)
{
	setup();
	static unsigned char owned[2560];
	memset(owned, 0, sizeof owned);
	uint32_t base_free = free_frames(), held = 0;
	srand(1234);
	for (int step = 0; step < 20000; step++) {
		int op = rand() % 3;
		paddr_t pa;
		if (op == 0 && pmm_alloc_frame(&pa) == 0) {
			HCHECK(!owned[pa >> 12]);
			owned[pa >> 12] = 1;
			held++;
		} else if (op == 1) {
			uint32_t n = 1 + rand() % 8;
			if (pmm_alloc_contig(n, 1u << (rand() % 4), &pa) == 0) {
				for (uint32_t k = 0; k < n; k++) {
					HCHECK(!owned[(pa >> 12) + k]);
					owned[(pa >> 12) + k] = 1;
				}
				held += n;
			}
		} else {
			uint32_t i = rand() % 2560;
			if (owned[i]) {
				HCHECK_EQ(pmm_free_frame((paddr_t)i << 12), 0);
				owned[i] = 0;
				held--;
			}
		}
		HCHECK_EQ(free_frames() + held, base_free);
	}
	for (uint32_t i = 0; i < 2560; i++)
		if (owned[i])
			HCHECK_EQ(pmm_free_frame((paddr_t)i << 12), 0);
	HCHECK_EQ(free_frames(), base_free);
}

HTEST(pmm_fast_ref_paths_ignore_what_is_not_in_use)
{
	setup();
	paddr_t pa;
	HCHECK_EQ(pmm_alloc_frame(&pa), 0);
	HCHECK(pmm_ref_if_used(pa));
	HCHECK_EQ(pmm_refcount(pa), 2);
	HCHECK(pmm_unref_if_used(pa));
	HCHECK(pmm_unref_if_used(pa));             /* last reference: freed */
	HCHECK_EQ(pmm_frame_state(pa), FRAME_FREE);
	HCHECK(!pmm_unref_if_used(pa));            /* free now: not counted, no report */
	HCHECK(!pmm_ref_if_used(0x800000));        /* device hole */
	HCHECK(!pmm_ref_if_used(0x1000));          /* reserved */
	HCHECK(!pmm_ref_if_used(0xfffff000));      /* outside the database */
	HCHECK_STR(htest_console(), "");
}

HTEST(pmm_zeroed_frames_are_kept_for_who_needs_them)
{
	setup();
	paddr_t a, b, c;
	bool zeroed = true;
	HCHECK_EQ(pmm_alloc_frame_zeroed(&a, &zeroed), 0);
	HCHECK(!zeroed);                            /* nothing known zero yet */
	HCHECK_EQ(pmm_alloc_frame(&b), 0);
	uint32_t f = free_frames();
	HCHECK_EQ(pmm_free_zeroed(a), 0);
	HCHECK_EQ(free_frames(), f + 1);            /* a zeroed frame is a free frame */
	HCHECK_EQ(pmm_frame_state(a), FRAME_FREE);
	HCHECK_EQ(pmm_free_zeroed(a), -E_ALREADY);  /* double free still caught */
	HCHECK(strstr(htest_console(), "double free") != NULL);
	HCHECK_EQ(pmm_alloc_frame(&c), 0);          /* plain requests leave it alone */
	HCHECK(c != a);
	HCHECK_EQ(pmm_alloc_frame_zeroed(&c, &zeroed), 0);
	HCHECK(zeroed);
	HCHECK_EQ(c, a);
}

HTEST(pmm_zeroed_list_is_the_last_resort_and_survives_contig)
{
	setup();
	/* Take everything, give half back zeroed, half plain: plain requests
	 * use the plain half first, then the zeroed one; nothing is lost. */
	static paddr_t all[2048];
	uint32_t n = 0, total = free_frames();
	while (pmm_alloc_frame(&all[n]) == 0)
		n++;
	HCHECK_EQ(n, total);
	for (uint32_t i = 0; i < n; i++)
		HCHECK_EQ(i % 2 ? pmm_free_zeroed(all[i]) : pmm_free_frame(all[i]), 0);
	paddr_t run;
	HCHECK_EQ(pmm_alloc_contig(4, 4, &run), 0);   /* unlinks from both lists */
	HCHECK_EQ(pmm_free_contig(run, 4), 0);
	uint32_t zeroed_seen = 0;
	for (uint32_t i = 0; i < n; i++) {
		bool z;
		HCHECK_EQ(pmm_alloc_frame_zeroed(&all[i], &z), 0);
		zeroed_seen += z;
	}
	HCHECK_EQ(zeroed_seen, n / 2 - 2);   /* two of the run's four were zeroed, freed plain */
	paddr_t x;
	HCHECK_EQ(pmm_alloc_frame(&x), -E_NOMEM);
}

HTEST(pmm_owner_words_are_zero_when_allocated_and_only_while_used)
{
	setup();
	paddr_t a;
	HCHECK_EQ(pmm_alloc_frame(&a), 0);
	uint32_t *w = pmm_owner_words(a);
	HCHECK(w != NULL);
	HCHECK_EQ(w[0], 0);
	HCHECK_EQ(w[1], 0);
	w[0] = 0xdeadbeef, w[1] = 7;
	HCHECK_EQ(pmm_free_frame(a), 0);             /* the links are the list's again */
	HCHECK(pmm_owner_words(a) == NULL);
	HCHECK(pmm_owner_words(0x1000) == NULL);     /* reserved */
	HCHECK_EQ(pmm_alloc_frame(&a), 0);
	HCHECK_EQ(pmm_owner_words(a)[0], 0);
	HCHECK_EQ(pmm_owner_words(a)[1], 0);
}

/* Teardown's batch: frames whose last reference goes are chained and put
 * on the free list with one splice; shared frames and what is not in use
 * are left alone, and the lists stay whole (every frame handed out once). */
HTEST(pmm_batch_frees_only_last_references_with_one_splice)
{
	setup();
	uint32_t before = free_frames();
	paddr_t a, b, c, pa;
	HCHECK_EQ(pmm_alloc_frame(&a), 0);
	HCHECK_EQ(pmm_alloc_frame(&b), 0);
	HCHECK_EQ(pmm_alloc_frame(&c), 0);
	HCHECK_EQ(pmm_ref_frame(b), 2);
	struct pmm_batch batch = PMM_BATCH_INIT;
	const struct pmm_span span = pmm_db_span;
	HCHECK(pmm_span_unref_batch(&span, a, &batch));
	HCHECK(pmm_span_unref_batch(&span, b, &batch));      /* shared: stays in use */
	HCHECK(pmm_span_unref_batch(&span, c, &batch));
	HCHECK(!pmm_span_unref_batch(&span, 0x800000, &batch));   /* device hole */
	HCHECK_EQ(batch.n, 2);
	HCHECK_EQ(free_frames(), before - 3);                /* nothing counted before the splice */
	pmm_batch_free(&batch);
	HCHECK_EQ(batch.n, 0);
	HCHECK_EQ(free_frames(), before - 1);
	HCHECK_EQ(pmm_frame_state(a), FRAME_FREE);
	HCHECK_EQ(pmm_frame_state(c), FRAME_FREE);
	HCHECK_EQ(pmm_refcount(b), 1);
	HCHECK_EQ(pmm_free_frame(a), -E_ALREADY);            /* a double free is still caught */
	pmm_batch_free(&batch);                              /* empty: nothing happens */
	HCHECK_EQ(pmm_free_frame(b), 0);
	static unsigned char seen[2560];
	memset(seen, 0, sizeof seen);
	uint32_t n = 0;
	while (pmm_alloc_frame(&pa) == 0) {
		HCHECK(!seen[pa >> 12]);
		seen[pa >> 12] = 1;
		n++;
	}
	HCHECK_EQ(n, before);
	HCHECK(seen[a >> 12] && seen[c >> 12]);
}
