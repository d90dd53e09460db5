/*
 * tests/kernel/test_swap_reclaim.c - when the clock's reclaim rests
 * (mm/swap_out.c): after a pass whose pages had nowhere to go (no free
 * slot), and only until a slot is freed; never after a pass that freed
 * nothing for another reason (its pages were busy: here, pinned). Over the
 * RAM swap device (kernel/swap_ram.h), with the watermarks raised so every
 * pass runs its whole sweep, and put back afterwards. And what running out
 * of memory in the middle of swap-in and copy-on-write leaves: nothing.
 */
#include "tests/kernel/ktest.h"
#include "kernel/swap_ram.h"
#include "mm/swap_area.h"
#include "mm/pmm.h"

#define RW (VMM_READ | VMM_WRITE)
#define BASE 0x20000000u
#define MAX_SLOTS 16u

static struct swap_ram ram;
static paddr_t ram_frames[MAX_SLOTS];

/* Every pass below the high watermark whatever is free. */
static void watermarks_high(void)
{
	swap_watermarks_init(0x7fffffc0u);
}

static void watermarks_back(void)
{
	struct pmm_stats st;
	pmm_get_stats(&st);
	swap_watermarks_init(st.total);
}

/* A space with pages written (each word of a page its own value). */
static int written_space(uint32_t pages)
{
	int s = vmm_space_create();
	if (s <= 0 || vmm_map_anon((unsigned)s, BASE, pages * PAGE_SIZE, RW))
		return -1;
	arch_vmm_space_activate((unsigned)s);
	for (uint32_t i = 0; i < pages; i++)
		((volatile uint32_t *)BASE)[i * (PAGE_SIZE / 4)] = i + 1;
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	return s;
}

/* The pages are busy (pinned, as for a system call's copy): a pass frees
 * nothing with every slot free. The next call, the pin gone, must be a
 * pass again - a rest there once left processes to die for want of memory
 * with the whole area free. */
static void a_pass_that_found_pages_busy_does_not_rest(void)
{
	KCHECK_EQ(swap_ram_on(&ram, ram_frames, MAX_SLOTS), 0);
	watermarks_high();
	vmm_reclaim_step();   /* the page cache's clean pages go first: out of the baseline */
	uint32_t before = ktest_free_frames();
	int s = written_space(8);
	KCHECK(s > 0);
	vmm_pin_range((unsigned)s, BASE, BASE + 8 * PAGE_SIZE);
	uint32_t outs = swap_area.outs;
	vmm_reclaim_step();
	uint32_t pinned_outs = swap_area.outs - outs;
	vmm_unpin((unsigned)s);
	vmm_reclaim_step();
	uint32_t unpinned_outs = swap_area.outs - outs - pinned_outs;
	watermarks_back();
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(pinned_outs, 0);
	KCHECK_EQ(unpinned_outs, 8);
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(swap_ram_off(&ram), 0);
}

/* 7 slots (slot 0 is never used) for 10 pages: the first pass fills the
 * area, the second finds no slot and rests - a call then looks at
 * nothing - until a page on swap is unmapped, freeing its slot. */
static void a_pass_with_swap_full_rests_until_a_slot_is_freed(void)
{
	KCHECK_EQ(swap_ram_on(&ram, ram_frames, 8), 0);
	watermarks_high();
	vmm_reclaim_step();
	uint32_t before = ktest_free_frames();
	int s = written_space(10);
	KCHECK(s > 0);
	uint32_t outs = swap_area.outs;
	vmm_reclaim_step();
	uint32_t filled = swap_area.outs - outs;
	vmm_reclaim_step();   /* no slot: rests from here */
	uint32_t scans = swap_area.scans;
	vmm_reclaim_step();
	uint32_t rested_scans = swap_area.scans - scans;
	struct vmm_page_info first;
	arch_vmm_query((unsigned)s, BASE, &first);
	KCHECK_EQ(vmm_unmap_range((unsigned)s, BASE, PAGE_SIZE), 0);
	outs = swap_area.outs;
	vmm_reclaim_step();
	uint32_t after_free = swap_area.outs - outs;
	watermarks_back();
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(filled, 7);
	KCHECK_EQ(first.kind, VMM_PAGE_SWAPPED);
	KCHECK_EQ(rested_scans, 0);
	KCHECK_EQ(after_free, 1);
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(swap_ram_off(&ram), 0);
}

/* Faults at va in space s with no frame free: the result of each. */
static int fault_in(int s, vaddr_t va, enum vmm_access access)
{
	arch_vmm_space_activate((unsigned)s);
	int rc = vmm_fault(va, access, true);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	return rc;
}

/* Pages on swap shared by fork; one read back by the child (it maps the
 * swap cache's frame). With no frame free: the child's write to it (a
 * copy), the parent's read of another (a swap-in) and the child's of a
 * third fail with -E_NOMEM; then both spaces go and every frame, slot and
 * cache page is back. */
static void out_of_memory_in_swap_in_and_cow_loses_nothing(void)
{
	KCHECK_EQ(swap_ram_on(&ram, ram_frames, MAX_SLOTS), 0);
	uint32_t before = ktest_free_frames();
	int a = written_space(4);
	KCHECK(a > 0);
	uint32_t out = vmm_swap_out_now(4);
	int b = vmm_space_fork((unsigned)a);
	KCHECK(b > 0);
	int read_back = fault_in(b, BASE, VMM_ACCESS_READ);
	paddr_t held = ktest_hold_frames(0);
	int cow = fault_in(b, BASE, VMM_ACCESS_WRITE);
	int swap_in = fault_in(a, BASE + PAGE_SIZE, VMM_ACCESS_READ);
	int swap_in_child = fault_in(b, BASE + 2 * PAGE_SIZE, VMM_ACCESS_WRITE);
	ktest_release_frames(held);
	int again = fault_in(b, BASE, VMM_ACCESS_WRITE);
	KCHECK_EQ(vmm_space_destroy((unsigned)b), 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)a), 0);
	KCHECK_EQ(out, 4);
	KCHECK_EQ(read_back, 0);
	KCHECK_EQ(cow, -E_NOMEM);
	KCHECK_EQ(swap_in, -E_NOMEM);
	KCHECK_EQ(swap_in_child, -E_NOMEM);
	KCHECK_EQ(again, 0);
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(swap_area.obj.pages, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(swap_ram_off(&ram), 0);
}

/* A fork that runs out of frames part way (every amount of free frames
 * from none up to enough) is undone whole: the frames, the parent's slot
 * references and its pages are as before. The parent has pages on swap,
 * resident pages and pages in two tables. */
static void a_fork_out_of_frames_part_way_is_undone(void)
{
	KCHECK_EQ(swap_ram_on(&ram, ram_frames, MAX_SLOTS), 0);
	uint32_t before = ktest_free_frames();
	int a = written_space(12);
	KCHECK(a > 0);
	KCHECK_EQ(vmm_map_anon((unsigned)a, BASE + 0x800000, 2 * PAGE_SIZE, RW), 0);
	arch_vmm_space_activate((unsigned)a);
	((volatile uint32_t *)(BASE + 0x800000))[0] = 7;
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	uint32_t out = vmm_swap_out_now(6);
	uint32_t used = swap_area.slots.used, failures = 0, leaks = 0;
	int b = -1;
	for (uint32_t keep = 0; keep < 64 && b <= 0; keep++) {
		uint32_t free_before = ktest_free_frames();
		paddr_t held = ktest_hold_frames(keep);
		b = vmm_space_fork((unsigned)a);
		ktest_release_frames(held);
		failures += b <= 0;
		leaks += b <= 0 && (ktest_free_frames() != free_before || swap_area.slots.used != used);
	}
	KCHECK(b > 0);
	if (b > 0)
		KCHECK_EQ(vmm_space_destroy((unsigned)b), 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)a), 0);
	KCHECK_EQ(out, 6);
	KCHECK(failures > 0);
	KCHECK_EQ(leaks, 0);
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(swap_ram_off(&ram), 0);
}

const struct ktest ktests_swap_reclaim[] = {
	{ a_pass_that_found_pages_busy_does_not_rest, "a reclaim pass that found its pages busy does not rest" },
	{ a_pass_with_swap_full_rests_until_a_slot_is_freed,
	  "a reclaim pass with swap full rests, until a slot is freed" },
	{ out_of_memory_in_swap_in_and_cow_loses_nothing,
	  "out of memory in swap-in and copy-on-write: -E_NOMEM, nothing lost" },
	{ a_fork_out_of_frames_part_way_is_undone, "a fork out of frames part way is undone whole" },
	{ NULL, NULL },
};
