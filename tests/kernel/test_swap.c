/*
 * tests/kernel/test_swap.c - the swap core (mm/swap*.c) on the real MMU of
 * both ports, over the RAM swap device of kernel/swap_ram.h (a PMM frame
 * per slot) told to fail where a test needs it: swap-out by the clock, swap-in on a
 * fault, slots shared by fork, teardown returning every slot, and I/O
 * errors. The area the kernel enabled at boot (if any) is set aside and
 * enabled again afterwards.
 */
#include "tests/kernel/ktest.h"
#include "mm/swap_area.h"
#include "kernel/swap_ram.h"
#include "mm/pmm.h"

#define RW (VMM_READ | VMM_WRITE)
#define RAM_SLOTS 64u
#define BASE 0x20000000u

static struct swap_ram ram;
static paddr_t ram_frames[RAM_SLOTS];

/* The RAM area on in place of the boot area (before the test's frame
 * baseline: its frames are the device's, not a leak). */
static bool ram_on(void)
{
	return swap_ram_on(&ram, ram_frames, RAM_SLOTS) == 0;
}

static int ram_off(void)
{
	return swap_ram_off(&ram);
}

static uint32_t pattern(vaddr_t va, uint32_t word) { return (uint32_t)va * 2654435761u + word; }

static void fill(vaddr_t base, uint32_t pages)
{
	for (vaddr_t va = base; va < base + pages * PAGE_SIZE; va += PAGE_SIZE)
		for (uint32_t w = 0; w < PAGE_SIZE / 4; w += 97)
			((volatile uint32_t *)va)[w] = pattern(va, w);
}

static uint32_t wrong_words(vaddr_t base, uint32_t pages)
{
	uint32_t wrong = 0;
	for (vaddr_t va = base; va < base + pages * PAGE_SIZE; va += PAGE_SIZE)
		for (uint32_t w = 0; w < PAGE_SIZE / 4; w += 97)
			wrong += ((volatile uint32_t *)va)[w] != pattern(va, w);
	return wrong;
}

/* A space with pages written, all of them then swapped out. */
static int swapped_space(uint32_t pages)
{
	int s = vmm_space_create();
	if (s <= 0 || vmm_map_anon((unsigned)s, BASE, pages * PAGE_SIZE, RW))
		return -1;
	arch_vmm_space_activate((unsigned)s);
	fill(BASE, pages);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	vmm_swap_out_now(pages);
	return s;
}

static void swapped_pages_come_back_byte_for_byte(void)
{
	KCHECK(ram_on());
	uint32_t before = ktest_free_frames();
	uint32_t outs = swap_area.outs, ins = swap_area.ins;
	int s = swapped_space(48);
	KCHECK(s > 0);
	uint32_t res, swp;
	vmm_swap_counts((unsigned)s, &res, &swp);
	uint32_t after_out = ktest_free_frames();
	arch_vmm_space_activate((unsigned)s);
	uint32_t wrong = wrong_words(BASE, 48);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	uint32_t res2, swp2, used = swap_area.slots.used;
	vmm_swap_counts((unsigned)s, &res2, &swp2);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	kprintf("  48 pages: %u swapped, %u frames free after swap-out (of %u before)\n", swp,
		after_out, before);
	KCHECK_EQ(swp, 48);
	KCHECK_EQ(res, 0);
	KCHECK_EQ(swap_area.outs - outs, 48);
	KCHECK_EQ(swap_area.ins - ins, 48);
	KCHECK_EQ(wrong, 0);
	KCHECK_EQ(res2, 48);
	KCHECK_EQ(swp2, 0);
	KCHECK_EQ(used, 0);   /* a sole user's slots are freed as its pages come back */
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(ram_off(), 0);
}

static void a_forked_page_is_one_slot_for_both(void)
{
	KCHECK(ram_on());
	uint32_t before = ktest_free_frames();
	int a = swapped_space(8);
	KCHECK(a > 0);
	uint32_t used_before_fork = swap_area.slots.used;
	int b = vmm_space_fork((unsigned)a);
	KCHECK(b > 0);
	uint32_t used_after_fork = swap_area.slots.used, reads = ram.reads;
	arch_vmm_space_activate((unsigned)a);
	uint32_t wrong_a = wrong_words(BASE, 8);
	((volatile uint32_t *)BASE)[0] = 0xa;   /* a's own copy now */
	arch_vmm_space_activate((unsigned)b);
	uint32_t wrong_b = wrong_words(BASE, 8);   /* b maps the cached frames: no I/O */
	arch_vmm_space_activate((unsigned)a);
	uint32_t a0 = ((volatile uint32_t *)BASE)[0];
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	uint32_t reads_used = ram.reads - reads;
	KCHECK_EQ(vmm_space_destroy((unsigned)b), 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)a), 0);
	KCHECK_EQ(used_before_fork, 8);
	KCHECK_EQ(used_after_fork, 8);   /* fork shares slots, it does not copy them */
	KCHECK_EQ(wrong_a, 0);
	KCHECK_EQ(wrong_b, 0);
	KCHECK_EQ(reads_used, 8);        /* each slot read once, for both */
	KCHECK_EQ(a0, 0xa);
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(ram_off(), 0);
}

static void exit_with_pages_on_swap_returns_every_slot(void)
{
	KCHECK(ram_on());
	uint32_t before = ktest_free_frames(), drops = swap_area.entry_drops;
	int s = swapped_space(20);
	KCHECK(s > 0);
	uint32_t used = swap_area.slots.used;
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(used, 20);
	KCHECK_EQ(swap_area.entry_drops - drops, 20);
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(swap_area.obj.pages, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(ram_off(), 0);
}

static void a_read_error_fails_the_fault_and_marks_the_slot(void)
{
	KCHECK(ram_on());
	uint32_t before = ktest_free_frames();
	int s = swapped_space(2);
	KCHECK(s > 0);
	ram.fail_reads = true;
	arch_vmm_space_activate((unsigned)s);
	int rc = vmm_fault(BASE, VMM_ACCESS_READ, true);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	ram.fail_reads = false;
	uint32_t bad = swap_area.slots.bad;
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(rc, -E_IO);
	KCHECK_EQ(bad, 1);
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(ram_off(), 0);
}

static void a_write_error_keeps_the_page_and_stops_swap_out(void)
{
	KCHECK(ram_on());
	uint32_t before = ktest_free_frames();
	ram.fail_writes = true;
	int s = swapped_space(4);
	KCHECK(s > 0);
	bool failed = swap_area.failed;
	uint32_t cached = swap_area.obj.pages;
	arch_vmm_space_activate((unsigned)s);
	uint32_t wrong = wrong_words(BASE, 4);   /* from the cache: it kept the only copy */
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	uint32_t again = vmm_swap_out_now(4);
	ram.fail_writes = false;
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK(failed);
	KCHECK_EQ(cached, 4);
	KCHECK_EQ(wrong, 0);
	KCHECK_EQ(again, 0);   /* a failed area is not written again */
	KCHECK_EQ(swap_area.slots.used, 0);
	KCHECK_EQ(ktest_free_frames(), before);
	KCHECK_EQ(ram_off(), 0);
}

const struct ktest ktests_swap[] = {
	{ swapped_pages_come_back_byte_for_byte, "swapped pages come back byte for byte" },
	{ a_forked_page_is_one_slot_for_both, "a forked page on swap is one slot for both" },
	{ exit_with_pages_on_swap_returns_every_slot, "exit with pages on swap returns every slot" },
	{ a_read_error_fails_the_fault_and_marks_the_slot, "a read error fails the fault, marks the slot" },
	{ a_write_error_keeps_the_page_and_stops_swap_out, "a write error keeps the page, stops swap-out" },
	{ NULL, NULL },
};
