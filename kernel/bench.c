/*
 * kernel/bench.c - kernel-side benchmarks (bench builds only, before the
 * first process): the costs no user program can isolate - page clear and
 * copy, kmalloc/kfree, map/unmap of one page, a kernel stack, raw disk
 * reads and writes. Counted with arch_cycles(), which under QEMU -icount
 * shift=0 counts instructions; each figure is the minimum over several
 * trials, so a timer tick inside one cannot skew it. Also the account of
 * excluded cycles and SYS_benchinfo, for the file benchmarks in user mode
 * (kernel/bench.h).
 */
#include "kernel/bench.h"
#include "kernel/arch.h"
#include "kernel/syscall_nr.h"
#include "kernel/usercopy.h"
#include "lib/kprintf.h"
#include "drivers/block/block.h"
#include "mm/kheap.h"
#include "mm/kstack.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

#define TRIALS 5

typedef void (*bench_fn)(unsigned reps);

static uint32_t per_op(bench_fn fn, unsigned reps)
{
	uint64_t best = ~0ull;
	for (int t = 0; t < TRIALS; t++) {
		uint64_t t0 = arch_cycles();
		fn(reps);
		uint64_t d = (uint32_t)(arch_cycles() - t0);   /* 32-bit counters: differences */
		if (d < best)
			best = d;
	}
	return (uint32_t)(best / reps);
}

static void *page_a, *page_b;

static void clear_pages(unsigned reps)
{
	for (unsigned i = 0; i < reps; i++)
		arch_page_zero(page_a);
}

static void copy_pages(unsigned reps)
{
	for (unsigned i = 0; i < reps; i++)
		arch_page_copy(page_a, page_b);
}

static void kmalloc_kfree_64(unsigned reps)
{
	for (unsigned i = 0; i < reps; i++)
		kfree(kmalloc(64));
}

static paddr_t map_frame;
#define BENCH_VA 0x00100000u

static void map_unmap(unsigned reps)
{
	for (unsigned i = 0; i < reps; i++) {
		arch_vmm_map(VMM_SLOT_KERNEL, BENCH_VA, map_frame, VMM_READ | VMM_WRITE | VMM_USER);
		arch_vmm_unmap(VMM_SLOT_KERNEL, BENCH_VA, NULL);
	}
}

static void space_create_destroy(unsigned reps)
{
	for (unsigned i = 0; i < reps; i++)
		vmm_space_destroy((unsigned)vmm_space_create());
}

static void kstack_alloc_free(unsigned reps)
{
	for (unsigned i = 0; i < reps; i++)
		kstack_free(kstack_alloc());
}

static uint32_t empty_loop_cost(unsigned reps);
static void nothing(unsigned reps)
{
	for (volatile unsigned i = 0; i < reps; i++)
		;
}
static uint32_t empty_loop_cost(unsigned reps) { return per_op(nothing, reps); }

/* The board's first disk: instructions per KiB of a 1 MiB read into a heap
 * buffer, the driver's own work. The device costs no guest instructions,
 * but a wait for it is a halt whose length in virtual time depends on when
 * QEMU's I/O thread finishes: the driver's idle_cycles are left out. */
static struct block_device *bench_disk;
static uint8_t *bench_buf;

static void disk_read_1mib(unsigned reps)
{
	for (unsigned i = 0; i < reps; i++)
		block_read(bench_disk, 0, 2048, bench_buf);
}

static uint32_t disk_read_cost(void)
{
	uint64_t best = ~0ull;
	for (int t = 0; t < TRIALS; t++) {
		uint64_t idle = bench_disk->idle_cycles, t0 = arch_cycles();
		disk_read_1mib(1);
		uint64_t d = (arch_cycles() - t0) - (bench_disk->idle_cycles - idle);
		if (d < best)
			best = d;
	}
	return (uint32_t)best;
}

/* The same for a 1 MiB block_write, to the bench disk's scratch partition
 * (type 0xda, scripts/mkdisk-test.sh: no file system there to damage). */
static uint32_t disk_write_cost(struct block_device *scratch)
{
	uint64_t best = ~0ull;
	for (int t = 0; t < TRIALS; t++) {
		uint64_t idle = bench_disk->idle_cycles, t0 = arch_cycles();
		block_write(scratch, 0, 2048, bench_buf);
		uint64_t d = (arch_cycles() - t0) - (bench_disk->idle_cycles - idle);
		if (d < best)
			best = d;
	}
	return (uint32_t)best;
}

static struct block_device *scratch_partition(void)
{
	struct block_device *d;
	for (unsigned i = 0; (d = block_at(i)); i++)
		if (d->whole == bench_disk && d->part_type == 0xda && d->sectors >= 2048)
			return d;
	return NULL;
}

static void bench_disk_io(const char *arch)
{
	for (unsigned i = 0; (bench_disk = block_at(i)) && bench_disk->whole; i++)
		;
	if (!bench_disk || bench_disk->sectors < 2048 || !(bench_buf = kmalloc(1024 * 1024)))
		return;
	kprintf("bench %s disk_read_per_kib %u\n", arch, disk_read_cost() / 1024);
	struct block_device *scratch = scratch_partition();
	if (scratch)
		kprintf("bench %s disk_write_per_kib %u\n", arch, disk_write_cost(scratch) / 1024);
	kfree(bench_buf);
}

void kernel_bench(const char *arch, bool quick)
{
	unsigned reps = quick ? 20 : 200;
	paddr_t a, b;
	if (pmm_alloc_frame(&a) || pmm_alloc_frame(&b) || pmm_alloc_frame(&map_frame)) {
		kprintf("bench: no frames\n");
		return;
	}
	page_a = arch_vmm_phys_to_virt(a);
	page_b = arch_vmm_phys_to_virt(b);
	kmalloc_kfree_64(1);              /* warm: the size class has its page */
	map_unmap(1);                     /* warm: the table for BENCH_VA exists */
	kprintf("bench %s page_clear %u\n", arch, per_op(clear_pages, reps));
	kprintf("bench %s page_copy %u\n", arch, per_op(copy_pages, reps));
	kprintf("bench %s kmalloc_kfree_64 %u\n", arch, per_op(kmalloc_kfree_64, reps * 10));
	kprintf("bench %s vmm_map_unmap %u\n", arch, per_op(map_unmap, reps * 10));
	kprintf("bench %s loop_overhead %u\n", arch, empty_loop_cost(reps * 10));
	kprintf("bench %s space_create_destroy %u\n", arch, per_op(space_create_destroy, reps));
	kprintf("bench %s kstack_alloc_free %u\n", arch, per_op(kstack_alloc_free, reps));
	bench_disk_io(arch);
	bench_swap(arch, quick);
	arch_vmm_table_release_if_empty(VMM_SLOT_KERNEL, BENCH_VA);
	pmm_free_frame(a);
	pmm_free_frame(b);
	pmm_free_frame(map_frame);
	kheap_trim();
}

static unsigned exclude_depth;
static uint64_t exclude_start, excluded;

void bench_window_open(void)
{
	uint64_t now = arch_cycles();
	if (exclude_depth++ == 0)
		exclude_start = now;
}

void bench_window_close(void)
{
	if (--exclude_depth == 0)
		excluded += (uint32_t)(arch_cycles() - exclude_start);
}

uint64_t bench_excluded_cycles(void)
{
	return excluded + (exclude_depth ? (uint32_t)(arch_cycles() - exclude_start) : 0);
}

/* arch_irq_enable returns before the CPU looks for interrupts (x86: the
 * instruction after sti still runs with them off), so the pending one is
 * taken before arch_irq_disable. */
void bench_take_pending_interrupt(void)
{
	if (!CONFIG_BENCH)
		return;
	arch_irq_enable();
	arch_irq_disable();
}

/* The file benchmarks (user/bin/fsbench.c) read these totals before and
 * after a run: the excluded cycles come off the run's figure; the block
 * drivers' own time (exclusions inside it already taken off) is its
 * driver share. */
int sys_benchinfo(const uint32_t a[5])
{
	if (!CONFIG_BENCH)
		return -E_INVAL;
	struct mendax_benchinfo b = { 0, bench_excluded_cycles() };
	for (unsigned i = 0; block_at(i); i++)
		b.driver_cycles += block_at(i)->busy_cycles;   /* partitions stay 0 */
	return copy_to_user(a[0], &b, sizeof b) ? -E_FAULT : 0;
}
