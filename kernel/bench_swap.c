/*
 * kernel/bench_swap.c - make bench's swap figures on the kernel side: the
 * instructions one page costs to go out to swap (the clock's look, a slot,
 * the swap cache, the write-back, the frame freed) and to come back (the
 * fault, the swap cache, the read, the map), without the device transfer,
 * whose share is given apart: the RAM device's page copy here, and one
 * page of the bench disk's swap partition through the block layer (the
 * driver's own instructions, waits excluded, as disk_read_per_kib).
 *
 * The swap area the kernel enabled at boot is set aside (swap_disable) and
 * an area in RAM (kernel/swap_ram.h: frames from the PMM, arch_page_copy
 * as the transfer) turned on instead, so the figures do not depend on the disk; the boot
 * area is enabled again afterwards. Per-page figures are marginal costs:
 * (cost of N2 pages - cost of N1 pages) / (N2 - N1), so what a call pays
 * once (the page cache's reclaim scan over its records) is left out, and
 * printed apart as swap_out_call_fixed.
 */
#include "kernel/bench.h"
#include "kernel/arch.h"
#include "drivers/block/block.h"
#include "fs/part/mbr.h"
#include "lib/kprintf.h"
#include "mm/pmm.h"
#include "kernel/swap_ram.h"

#define TRIALS 3
#define RAM_SLOTS 1024u
#define BASE 0x20000000u
#define RW (VMM_READ | VMM_WRITE)

static struct swap_ram ram;
static paddr_t ram_frames[RAM_SLOTS];

/* Cycles since t0, the excluded ones (interrupts, halts) taken off. */
struct lap { uint64_t t, excluded; };

static struct lap lap_start(void)
{
	return (struct lap){ arch_cycles(), bench_excluded_cycles() };
}

static uint32_t lap_end(struct lap l)
{
	uint32_t all = (uint32_t)(arch_cycles() - l.t);   /* 32-bit counters: differences */
	return all - (uint32_t)(bench_excluded_cycles() - l.excluded);
}

/* ---- one trial: N pages out, then back in ---- */

struct trial { uint32_t out, in, resident_loop; bool ok; };

static void touch_all(uint32_t pages)
{
	for (uint32_t i = 0; i < pages; i++)
		((volatile uint32_t *)BASE)[i * (PAGE_SIZE / 4)] = i;
}

static uint32_t read_all(uint32_t pages)
{
	uint32_t sum = 0;
	for (uint32_t i = 0; i < pages; i++)
		sum += ((volatile uint32_t *)BASE)[i * (PAGE_SIZE / 4)];
	return sum;
}

/* The pages were written just now: their accessed bits are cleared first,
 * so the clock takes each at its first look (the look that only clears a
 * bit is swap_clock_second_chance). */
static void clear_accessed(unsigned s, uint32_t pages)
{
	for (uint32_t i = 0; i < pages; i++)
		arch_vmm_test_clear_accessed(s, BASE + i * PAGE_SIZE);
}

static struct trial one_trial(uint32_t pages)
{
	struct trial r = { 0, 0, 0, false };
	int s = vmm_space_create();
	if (s <= 0)
		return r;
	if (vmm_map_anon((unsigned)s, BASE, pages * PAGE_SIZE, RW) == 0) {
		arch_vmm_space_activate((unsigned)s);
		touch_all(pages);
		clear_accessed((unsigned)s, pages);
		uint32_t outs = ram.writes, ins = ram.reads;
		struct lap l = lap_start();
		uint32_t taken = vmm_swap_out_now(pages);
		r.out = lap_end(l);
		l = lap_start();
		uint32_t sum = read_all(pages);   /* each read faults: swap-in */
		r.in = lap_end(l);
		l = lap_start();
		sum -= read_all(pages);           /* resident now: the loop alone */
		r.resident_loop = lap_end(l);
		arch_vmm_space_activate(VMM_SLOT_KERNEL);
		r.ok = taken == pages && ram.writes - outs == pages && ram.reads - ins == pages &&
		       sum == 0;
	}
	vmm_space_destroy((unsigned)s);
	return r;
}

/* The first trial of a size is not counted: the page cache's reclaim hand
 * stops once it has freed everything cached, so how far it goes depends on
 * where the last call left it relative to the frames - before the first
 * trial of a size somewhere else, in every later one just past the frames
 * the trial gets again (a full turn over the records). */
static struct trial best_of(uint32_t pages)
{
	struct trial best = { ~0u, ~0u, ~0u, true };
	best.ok = one_trial(pages).ok;
	for (int t = 0; t < TRIALS; t++) {
		struct trial r = one_trial(pages);
		best.ok &= r.ok;
		best.out = r.out < best.out ? r.out : best.out;
		best.in = r.in < best.in ? r.in : best.in;
		best.resident_loop = r.resident_loop < best.resident_loop ? r.resident_loop
									  : best.resident_loop;
	}
	return best;
}

/* The look that only clears an accessed bit (a second chance): pages
 * written just now, swept with their bits set - each is looked at twice,
 * once to clear and once to take - minus the cost with the bits clear. */
static uint32_t second_chance_trial(uint32_t pages)
{
	int s = vmm_space_create();
	uint32_t cost = ~0u;
	if (s > 0 && vmm_map_anon((unsigned)s, BASE, pages * PAGE_SIZE, RW) == 0) {
		arch_vmm_space_activate((unsigned)s);
		touch_all(pages);
		struct lap l = lap_start();
		uint32_t taken = vmm_swap_out_now(pages);
		cost = taken == pages ? lap_end(l) : ~0u;
		arch_vmm_space_activate(VMM_SLOT_KERNEL);
	}
	if (s > 0)
		vmm_space_destroy((unsigned)s);
	return cost;
}

/* The transfer itself: one call of the RAM device, through its pointer. */
static uint32_t ram_transfer(bool write)
{
	uint32_t best = ~0u;
	void *kva = arch_vmm_phys_to_virt(ram.frame[0]);
	for (int t = 0; t < TRIALS; t++) {
		struct lap l = lap_start();
		if (write)
			ram.dev.write(&ram.dev, 1, kva);
		else
			ram.dev.read(&ram.dev, 1, kva);
		uint32_t c = lap_end(l);
		best = c < best ? c : best;
	}
	return best;
}

/* ---- the real device: one page of the swap partition ---- */

static struct block_device *swap_partition(void)
{
	struct block_device *d;
	for (unsigned i = 0; (d = block_at(i)); i++)
		if (d->whole && d->part_type == MBR_TYPE_SWAP && d->sectors >= 16)
			return d;
	return NULL;
}

/* Instructions of one 4 KiB block_read / block_write of slot 1 (the area
 * is off while this runs: nothing is on it), the driver's waits left out. */
static uint32_t device_transfer(struct block_device *p, bool write)
{
	uint32_t best = ~0u, sectors = PAGE_SIZE / MBR_SECTOR_SIZE;
	void *kva = arch_vmm_phys_to_virt(ram.frame[0]);
	for (int t = 0; t < TRIALS; t++) {
		struct lap l = lap_start();   /* the wait is an excluded window (drivers/block/) */
		int rc = write ? block_write(p, sectors, sectors, kva) : block_read(p, sectors, sectors, kva);
		uint32_t c = lap_end(l);
		if (rc == 0 && c < best)
			best = c;
	}
	return best;
}

static void report_device(const char *arch)
{
	struct block_device *p = swap_partition();
	if (!p)
		return;
	kprintf("bench %s swap_dev_write_page %u\n", arch, device_transfer(p, true));
	kprintf("bench %s swap_dev_read_page %u\n", arch, device_transfer(p, false));
}

static void report(const char *arch, bool quick)
{
	uint32_t n1 = quick ? 32 : 64, n2 = quick ? 160 : 576;
	struct trial a = best_of(n1), b = best_of(n2);
	if (!a.ok || !b.ok) {
		kprintf("bench: swap trials did not swap every page out and in\n");
		return;
	}
	uint32_t wr = ram_transfer(true), rd = ram_transfer(false);
	uint32_t out = (b.out - a.out) / (n2 - n1);
	uint32_t in = ((b.in - b.resident_loop) - (a.in - a.resident_loop)) / (n2 - n1);
	kprintf("bench %s swap_out_per_page %u\n", arch, out - wr);
	kprintf("bench %s swap_out_transfer_ram %u\n", arch, wr);
	kprintf("bench %s swap_out_call_fixed %u\n", arch, a.out - n1 * out);
	kprintf("bench %s swap_in_per_page %u\n", arch, in - rd);
	kprintf("bench %s swap_in_transfer_ram %u\n", arch, rd);
	uint32_t sc = second_chance_trial(n2);
	if (sc != ~0u && sc > b.out)
		kprintf("bench %s swap_clock_second_chance %u\n", arch, (sc - b.out) / n2);
}

void bench_swap(const char *arch, bool quick)
{
	if (swap_ram_on(&ram, ram_frames, RAM_SLOTS)) {
		kprintf("bench: no RAM swap area\n");
		return;
	}
	report(arch, quick);
	report_device(arch);
	if (swap_ram_off(&ram))
		kprintf("bench: the RAM swap area is still in use\n");
}
