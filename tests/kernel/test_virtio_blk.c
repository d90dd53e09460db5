/*
 * tests/kernel/test_virtio_blk.c - the board's first disk through the block
 * layer, on the test disk of scripts/mkdisk-test.sh (sector n starts with
 * n): single sectors, runs across heap page boundaries, the last sector,
 * out-of-range requests, partitions, writes read back and flushed (the
 * harness then checks the image from the host: scripts/check-disk-test.sh).
 * Written against block_at(), so any board's driver runs the same tests;
 * with no disk, or a disk that is not the test disk, each test skips (and
 * writes nothing). The last two tests use virtio-blk's hooks when linked.
 */
#include "tests/kernel/ktest.h"
#include "drivers/block/block.h"
#include "kernel/arch.h"
#include "lib/cmdline.h"
#include "lib/string.h"
#include "kernel/timer.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

#define SECTOR 512u
#define TEST_MAGIC "mendax test disk"
#define TEST_PART1_START 2048u       /* a FAT32 volume: not the pattern */
#define TEST_SWAP_START 83968u
#define TEST_SCRATCH_START 215040u   /* partition 3: raw, the pattern */
/* The sectors the write test owns: in the gap before partition 1, so no
 * file system will ever care. scripts/check-disk-test.sh knows them too. */
#define WRITE_FIRST 1000u
#define WRITE_COUNT 16u

/* Weak: only boards with virtio-blk link them. */
extern int virtio_blk_test_irq_count(struct block_device *dev) __attribute__((weak));
extern int virtio_blk_test_ring_idle(struct block_device *dev) __attribute__((weak));
extern int virtio_blk_test_silence_next(struct block_device *dev, uint32_t ticks)
	__attribute__((weak));

static uint32_t get32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Whether b holds sector n of the test disk. */
static bool is_test_sector(const uint8_t *b, uint32_t n)
{
	return get32(b) == n && !memcmp(b + 4, TEST_MAGIC, 16) && get32(b + 508) == ~n;
}

/* No test disk: a skip, or with "disk=required" on the command line (the
 * x86 harness always attaches one) a failure. */
static struct block_device *no_test_disk(const char *why, const char *name)
{
	char value[16];
	if (cmdline_get(ktest_cmdline, "disk", value, sizeof value) && !strcmp(value, "required"))
		ktest_fail(__FILE__, __LINE__, "disk=required, but %s%s", name, why);
	else
		kprintf("  skipped: %s%s\n", name, why);
	return NULL;
}

/* The first whole disk, if it is the test disk; else NULL, saying why. */
static struct block_device *test_disk(void)
{
	static uint8_t sector[SECTOR];
	struct block_device *d = NULL;
	for (unsigned i = 0; (d = block_at(i)) && d->whole; i++)
		;
	if (!d)
		return no_test_disk("no disk", "");
	if (block_read(d, 1, 1, sector) || !is_test_sector(sector, 1))
		return no_test_disk(" is not the test disk (scripts/mkdisk-test.sh)", d->name);
	return d;
}

/* The first index in [0, count) whose sector in buf is not lba + i, or count. */
static uint32_t first_wrong(const uint8_t *buf, uint32_t lba, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		if (!is_test_sector(buf + i * SECTOR, lba + i))
			return i;
	return count;
}

static void single_sectors_read_back_their_numbers(void)
{
	static uint8_t buf[SECTOR];
	struct block_device *d = test_disk();
	if (!d)
		return;
	static const uint32_t lbas[] = { 1, 2, 511, 2047, TEST_SWAP_START, TEST_SCRATCH_START, TEST_SCRATCH_START + 4321 };
	for (unsigned i = 0; i < ARRAY_SIZE(lbas); i++) {
		memset(buf, 0xEE, sizeof buf);
		KCHECK_EQ(block_read(d, lbas[i], 1, buf), 0);
		KCHECK(is_test_sector(buf, lbas[i]));
	}
	KCHECK_EQ(block_read(d, 0, 1, buf), 0);
	KCHECK(buf[510] == 0x55 && buf[511] == 0xAA);    /* the MBR */
}

/* Makes the next n frames the PMM hands out pairwise non-adjacent: takes
 * 2n, gives back every other one (the rest are held in held[], returned by
 * unfragment). So the heap pages of the next buffer are scattered, as they
 * are on a machine that has run for a while. */
#define FRAG_MAX 300u
static paddr_t held[FRAG_MAX], given[FRAG_MAX];
static unsigned held_count;

static void fragment(unsigned n)
{
	unsigned k = 0;
	for (held_count = 0; held_count < n && held_count < FRAG_MAX; held_count++) {
		if (pmm_alloc_frame(&given[k]))
			break;
		k++;
		if (pmm_alloc_frame(&held[held_count]))
			break;
	}
	while (k)
		pmm_free_frame(given[--k]);
}

static void unfragment(void)
{
	while (held_count)
		pmm_free_frame(held[--held_count]);
}

/* Reads n sectors from lba into a heap buffer whose pages are scattered
 * (one descriptor per page) and checks every sector. A heap run starts 16
 * bytes into its first page (its header), so a sector straddles a page
 * boundary every 8 sectors. */
static void check_scattered_read(struct block_device *d, uint32_t lba, uint32_t n)
{
	fragment(n / 8 + 1);
	uint8_t *buf = kmalloc(n * SECTOR);
	unfragment();
	KCHECK(buf);
	KCHECK((vaddr_t)buf % PAGE_SIZE != 0);
	memset(buf, 0xEE, n * SECTOR);
	int rc = block_read(d, lba, n, buf);
	uint32_t bad = first_wrong(buf, lba, n);
	kfree(buf);
	KCHECK_EQ(rc, 0);
	KCHECK_EQ(bad, n);
}

static void multi_sector_runs_cross_heap_pages(void)
{
	struct block_device *d = test_disk();
	if (d)
		check_scattered_read(d, TEST_SCRATCH_START + 953, 64);
}

/* 1 MiB into 257 scattered pages: more than one virtio request may carry
 * (seg_max 254), so the driver must split it. */
static void a_one_mib_read_is_complete(void)
{
	struct block_device *d = test_disk();
	if (d)
		check_scattered_read(d, TEST_SCRATCH_START + 2047, 2048);
}

/* A physically contiguous buffer in the direct map (one descriptor). */
static void a_direct_map_buffer_reads_too(void)
{
	struct block_device *d = test_disk();
	if (!d)
		return;
	paddr_t pa;
	KCHECK_EQ(pmm_alloc_contig(4, 1, &pa), 0);
	uint8_t *buf = arch_vmm_phys_to_virt(pa);
	memset(buf, 0xEE, 4 * PAGE_SIZE);
	int rc = block_read(d, TEST_SCRATCH_START + 9000, 32, buf);
	uint32_t bad = first_wrong(buf, TEST_SCRATCH_START + 9000, 32);
	pmm_free_contig(pa, 4);
	KCHECK_EQ(rc, 0);
	KCHECK_EQ(bad, 32);
}

static void the_last_sector_and_no_further(void)
{
	static uint8_t buf[2 * SECTOR];
	struct block_device *d = test_disk();
	if (!d)
		return;
	uint32_t last = d->sectors - 1;
	KCHECK_EQ(block_read(d, last, 1, buf), 0);
	KCHECK(is_test_sector(buf, last));
	KCHECK_EQ(block_read(d, last, 2, buf), -E_INVAL);
	KCHECK_EQ(block_read(d, d->sectors, 1, buf), -E_INVAL);
	KCHECK_EQ(block_read(d, 0, 0, buf), -E_INVAL);
	KCHECK_EQ(block_write(d, d->sectors, 1, buf), -E_INVAL);
}

/* The partition of d that starts at first, or NULL. */
static struct block_device *partition_at(struct block_device *d, uint32_t first)
{
	for (unsigned i = 0; block_at(i); i++)
		if (block_at(i)->whole == d && block_at(i)->first == first)
			return block_at(i);
	return NULL;
}

/* scripts/mkdisk-test.sh's table: FAT32 LBA from 2048, swap, raw scratch. */
static void the_partitions_are_found(void)
{
	static uint8_t buf[SECTOR];
	struct block_device *d = test_disk();
	if (!d)
		return;
	struct block_device *p1 = partition_at(d, TEST_PART1_START), *p2 = partition_at(d, TEST_SWAP_START),
			    *p3 = partition_at(d, TEST_SCRATCH_START);
	KCHECK(p1 && p2 && p3);
	KCHECK_EQ(p1->part_type, 0x0c);
	KCHECK_EQ(p2->part_type, 0x82);
	KCHECK_EQ(p3->part_type, 0xda);
	KCHECK_EQ(p3->first + p3->sectors, d->sectors);
	KCHECK_EQ(block_read(p3, 0, 1, buf), 0);
	KCHECK(is_test_sector(buf, p3->first));
	KCHECK_EQ(block_read(p2, 5, 1, buf), 0);
	KCHECK(is_test_sector(buf, p2->first + 5));
}

/* The pattern scripts/check-disk-test.sh expects in sector s. */
static void fill_pattern(uint8_t *sector, uint32_t s)
{
	for (unsigned line = 0; line < SECTOR / 32; line++) {
		char text[33];
		ksnprintf(text, sizeof text, "wrote sector %08u, line %02u!\n", s, line);
		memcpy(sector + line * 32, text, 32);
	}
}

static void writes_read_back_and_flush(void)
{
	struct block_device *d = test_disk();
	if (!d)
		return;
	uint8_t *out = kmalloc(WRITE_COUNT * SECTOR), *in = kmalloc(WRITE_COUNT * SECTOR);
	int wrc = -1, rrc = -1, frc = -1;
	if (out && in) {
		for (uint32_t i = 0; i < WRITE_COUNT; i++)
			fill_pattern(out + i * SECTOR, WRITE_FIRST + i);
		memset(in, 0xEE, WRITE_COUNT * SECTOR);
		wrc = block_write(d, WRITE_FIRST, WRITE_COUNT, out);
		rrc = block_read(d, WRITE_FIRST, WRITE_COUNT, in);
		frc = block_flush(d);
	}
	bool same = out && in && !memcmp(out, in, WRITE_COUNT * SECTOR);
	kfree(out);
	kfree(in);
	KCHECK_EQ(wrc, 0);
	KCHECK_EQ(rrc, 0);
	KCHECK(same);
	KCHECK_EQ(frc, 0);
}

/* Completions raise the device's interrupt (PCI INTx -> 8259 -> the
 * driver's handler). With interrupts off, as the kernel runs, a request
 * that completed at once leaves it pending: let it in (bounded by ticks). */
static void completions_raise_interrupts(void)
{
	static uint8_t buf[SECTOR];
	struct block_device *d = test_disk();
	if (!d)
		return;
	if (!virtio_blk_test_irq_count || virtio_blk_test_irq_count(d) < 0) {
		kprintf("  skipped: not a virtio-blk disk\n");
		return;
	}
	for (uint32_t i = 0; i < 4; i++) {
		/* First let in any completion still pending from an earlier test
		 * (interrupts are off while the kernel runs), so only this
		 * request's interrupt is counted. */
		for (uint32_t t = timer_ticks(); timer_ticks() - t < 2;)
			arch_wait_for_interrupt();
		int before = virtio_blk_test_irq_count(d);
		KCHECK_EQ(block_read(d, 100 + i, 1, buf), 0);
		uint32_t start = timer_ticks();
		while (virtio_blk_test_irq_count(d) == before && timer_ticks() - start < 20)
			arch_wait_for_interrupt();
		KCHECK_EQ(virtio_blk_test_irq_count(d), before + 1);
	}
}

/* A request the device never sees ends in -E_IO after the timeout, the
 * device is reset (so the abandoned request is gone from the ring, not
 * completed later in place of another), and the next request works. */
static void a_silent_device_times_out_and_recovers(void)
{
	static uint8_t buf[SECTOR];
	struct block_device *d = test_disk();
	if (!d)
		return;
	if (!virtio_blk_test_silence_next || !virtio_blk_test_ring_idle ||
	    virtio_blk_test_silence_next(d, 5) < 0) {
		kprintf("  skipped: not a virtio-blk disk\n");
		return;
	}
	KCHECK_EQ(block_read(d, 77, 1, buf), -E_IO);
	memset(buf, 0xEE, sizeof buf);
	KCHECK_EQ(block_read(d, 78, 1, buf), 0);
	KCHECK(is_test_sector(buf, 78));
	KCHECK_EQ(virtio_blk_test_ring_idle(d), 1);
}

const struct ktest ktests_virtio_blk[] = {
	{ single_sectors_read_back_their_numbers, "disk: single sectors read back their numbers" },
	{ multi_sector_runs_cross_heap_pages, "disk: a 64-sector read into a heap buffer crossing pages" },
	{ a_one_mib_read_is_complete, "disk: a 1 MiB read (split into several requests) is complete" },
	{ a_direct_map_buffer_reads_too, "disk: a read into a contiguous direct-map buffer" },
	{ the_last_sector_and_no_further, "disk: the last sector reads, beyond it is -E_INVAL" },
	{ the_partitions_are_found, "disk: the MBR partitions are devices of their own" },
	{ writes_read_back_and_flush, "disk: written sectors read back, and flush succeeds" },
	{ completions_raise_interrupts, "disk: completions arrive by interrupt" },
	{ a_silent_device_times_out_and_recovers, "disk: a device that never answers times out, then recovers" },
	{ NULL, NULL },
};
