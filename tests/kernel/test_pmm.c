/*
 * tests/kernel/test_pmm.c - the PMM on the machine's real RAM: every frame
 * it hands out is distinct, writable RAM outside the kernel and boot data,
 * and every count returns exactly.
 */
#include "tests/kernel/ktest.h"
#include "mm/vmm.h"
#include "mm/pmm.h"

#define MAX_TRACKED_FRAMES (1u << 20)   /* 4 GiB of frames, one bit each */
static uint8_t seen[MAX_TRACKED_FRAMES / 8];

static bool test_and_set_seen(paddr_t pa)
{
	uint32_t pfn = pa >> PAGE_SHIFT;
	bool was = seen[pfn / 8] & (1u << (pfn % 8));
	seen[pfn / 8] |= (uint8_t)(1u << (pfn % 8));
	return was;
}

/* Takes every free frame, threading them into a list through their own
 * first word; then checks each still holds its link (no two allocations
 * alias) and frees them all. */
static void alloc_every_frame_then_free_all(void)
{
	uint32_t before = ktest_free_frames(), count = 0;
	paddr_t head = 0, pa;
	bool dup = false;
	for (uint32_t i = 0; i < sizeof seen; i++)
		seen[i] = 0;
	while (pmm_alloc_frame(&pa) == 0) {
		dup |= test_and_set_seen(pa);
		uint32_t *w = arch_vmm_phys_to_virt(pa);
		w[0] = head;
		w[1] = ~pa;       /* a check word only this frame's owner writes */
		head = pa;
		count++;
	}
	KCHECK(!dup);
	KCHECK_EQ(count, before);
	KCHECK_EQ(ktest_free_frames(), 0);
	uint32_t freed = 0, bad = 0;
	while (count && freed < count) {
		uint32_t *w = arch_vmm_phys_to_virt(head);
		paddr_t next = w[0];
		bad += w[1] != ~head;
		if (pmm_free_frame(head))
			break;
		head = next;
		freed++;
	}
	KCHECK_EQ(bad, 0);
	KCHECK_EQ(freed, count);
	KCHECK_EQ(ktest_free_frames(), before);
}

static void contiguous_runs_are_aligned_and_usable(void)
{
	uint32_t before = ktest_free_frames();
	static const uint32_t sizes[][2] = { { 4, 4 }, { 8, 8 }, { 3, 1 }, { 64, 16 } };
	for (unsigned t = 0; t < ARRAY_SIZE(sizes); t++) {
		paddr_t pa;
		uint32_t n = sizes[t][0], align = sizes[t][1];
		KCHECK_EQ(pmm_alloc_contig(n, align, &pa), 0);
		KCHECK_EQ((pa >> PAGE_SHIFT) % align, 0);
		for (uint32_t k = 0; k < n; k++) {
			KCHECK_EQ(pmm_frame_state(pa + k * PAGE_SIZE), FRAME_USED);
			uint32_t *w = arch_vmm_phys_to_virt(pa + k * PAGE_SIZE);
			w[PAGE_SIZE / 4 - 1] = k;
			KCHECK_EQ(w[PAGE_SIZE / 4 - 1], k);
		}
		KCHECK_EQ(pmm_free_contig(pa, n), 0);
	}
	KCHECK_EQ(ktest_free_frames(), before);
}

static void double_free_is_refused(void)
{
	uint32_t before = ktest_free_frames();
	paddr_t a, b;
	KCHECK_EQ(pmm_alloc_frame(&a), 0);
	KCHECK_EQ(pmm_free_frame(a), 0);
	KCHECK_EQ(pmm_free_frame(a), -E_ALREADY);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(pmm_alloc_frame(&a), 0);
	KCHECK_EQ(pmm_alloc_frame(&b), 0);
	KCHECK(a != b);   /* the refused free did not put a on the list twice */
	KCHECK_EQ(pmm_free_frame(a), 0);
	KCHECK_EQ(pmm_free_frame(b), 0);
	KCHECK_EQ(pmm_free_frame(0xfffff000u), -E_INVAL);
	KCHECK_EQ(pmm_free_frame(a + 4), -E_INVAL);
	KCHECK_EQ(ktest_free_frames(), before);
}

static void refcount_frees_on_last_unref(void)
{
	uint32_t before = ktest_free_frames();
	paddr_t pa;
	KCHECK_EQ(pmm_alloc_frame(&pa), 0);
	KCHECK_EQ(pmm_ref_frame(pa), 2);
	KCHECK_EQ(pmm_unref_frame(pa), 1);
	KCHECK_EQ(pmm_refcount(pa), 1);
	KCHECK_EQ(pmm_unref_frame(pa), 0);
	KCHECK_EQ(pmm_frame_state(pa), FRAME_FREE);
	KCHECK_EQ(ktest_free_frames(), before);
}

const struct ktest ktests_pmm[] = {
	{ alloc_every_frame_then_free_all, "pmm: allocate every frame, all distinct RAM, free all" },
	{ contiguous_runs_are_aligned_and_usable, "pmm: contiguous runs aligned and in range" },
	{ double_free_is_refused, "pmm: double and bogus frees refused" },
	{ refcount_frees_on_last_unref, "pmm: refcount frees on last unref" },
	{ NULL, NULL },
};
