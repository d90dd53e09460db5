/*
 * tests/kernel/test_sd.c - the board's first disk through the block layer
 * (ARM: the SD card, drivers/sd/; any port's disk driver works): reads of
 * one and many sectors, the last sector, out-of-range requests, writes
 * read back, flush. Every board/run without a disk skips with an ok line.
 * Writes happen only on the harness's scratch image: the run must pass
 * disk=scratch AND the disk must carry the scratch layout (every sector
 * starts with its own number), so the card a Pi booted from is only read.
 * Layout, written sectors and pattern: scripts/sd-scratch.py.
 */
#include "tests/kernel/ktest.h"
#include "drivers/block/block.h"
#include "lib/cmdline.h"
#include "lib/string.h"
#include "mm/kheap.h"

#define SECTOR 512u
#define P1_START 2048u
#define P1_SIZE 8192u
#define P2_START 65536u   /* swap: entry 2, placed after entry 4; not patterned */
#define GAP_START 10240u  /* patterned sectors between partitions 1 and 3 */
#define WRITE_SINGLE 20000u
#define WRITE_MULTI 20100u
#define WRITE_MULTI_COUNT 24u
#define MULTI_COUNT 40u   /* 20 KiB: spans at least five heap pages */

static uint32_t word(const uint8_t *p, unsigned i)
{
	p += 4 * i;
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The scratch image's sector n: n in its first and last words. */
static bool holds_number(const uint8_t *s, uint32_t n)
{
	return word(s, 0) == n && word(s, 127) == n;
}

static struct block_device *first_disk(void)
{
	for (unsigned i = 0; block_at(i); i++)
		if (!block_at(i)->whole)
			return block_at(i);
	return NULL;
}

/* The i-th registered partition of disk d, or NULL. */
static struct block_device *partition(struct block_device *d, unsigned i)
{
	for (unsigned k = 0; block_at(k); k++)
		if (block_at(k)->whole == d && i-- == 0)
			return block_at(k);
	return NULL;
}

static bool scratch_run(void)
{
	char v[16];
	return cmdline_get(ktest_cmdline, "disk", v, sizeof v) && !strcmp(v, "scratch");
}

/* The disk tests may write to: the run says so and the disk agrees. */
static bool on_scratch(struct block_device *d)
{
	static uint8_t s[SECTOR];
	if (!scratch_run() || !d || block_read(d, 1, 1, s) || !holds_number(s, 1))
		return false;
	return block_read(d, d->sectors - 1, 1, s) == 0 && holds_number(s, d->sectors - 1);
}

/* Worded apart from test_virtio_blk.c's skips, which the x86 harness
 * treats as failures there (scripts/check-disk-test.sh). */
static void skip(const char *why) { kprintf("  skipped (scratch-card tests): %s\n", why); }

static void the_scratch_disk_is_there_when_the_run_asks_for_it(void)
{
	struct block_device *d = first_disk();
	if (!scratch_run()) {
		skip(d ? "no disk=scratch on the command line" : "no disk on this board/run");
		return;
	}
	KCHECK(d != NULL);
	KCHECK_EQ(d->sector_size, SECTOR);
	KCHECK(on_scratch(d));   /* sectors 1 and the last hold their numbers */
}

static void sector_0_holds_an_mbr_and_its_partitions_are_registered(void)
{
	static uint8_t s[SECTOR];
	struct block_device *d = first_disk();
	if (!d)
		return skip("no disk");
	KCHECK_EQ(block_read(d, 0, 1, s), 0);
	KCHECK(s[510] == 0x55 && s[511] == 0xAA);
	struct block_device *p1 = partition(d, 0), *p2 = partition(d, 1);
	KCHECK(p1 != NULL);
	if (!on_scratch(d))
		return;
	KCHECK_EQ(p1->first, P1_START);
	KCHECK_EQ(p1->sectors, P1_SIZE);
	KCHECK_EQ(p1->part_type, 0x0e);
	KCHECK_EQ(block_read(p1, 0, 1, s), 0);
	KCHECK(s[510] == 0x55 && s[511] == 0xAA && !memcmp(s + 54, "FAT16", 5));   /* mkfs.fat's volume */
	KCHECK(p2 && p2->part_type == 0x82 && p2->first == P2_START);
}

static void single_sector_reads_return_each_sectors_own_data(void)
{
	static uint8_t a[SECTOR], b[SECTOR];
	static const uint32_t lbas[] = { 1, 2, 7, 2047, 10240, 12345, 32767 };   /* not in the FAT partition */
	struct block_device *d = first_disk();
	if (!d)
		return skip("no disk");
	KCHECK_EQ(block_read(d, 0, 1, a), 0);
	KCHECK_EQ(block_read(d, 0, 1, b), 0);
	KCHECK(memcmp(a, b, SECTOR) == 0);
	if (!on_scratch(d))
		return skip("not the scratch disk: contents not known");
	for (unsigned i = 0; i < ARRAY_SIZE(lbas); i++) {
		KCHECK_EQ(block_read(d, lbas[i], 1, a), 0);
		if (!holds_number(a, lbas[i]))
			ktest_fail(__FILE__, __LINE__, "sector %u starts with %u", lbas[i], word(a, 0));
	}
}

/* Reads count sectors from lba into buf and checks each against a read
 * of that sector alone (and against its number on the scratch disk). */
static bool multi_matches_singles(struct block_device *d, uint32_t lba, uint32_t count, uint8_t *buf)
{
	static uint8_t one[SECTOR];
	bool scratch = on_scratch(d);
	if (block_read(d, lba, count, buf))
		return false;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *s = buf + i * SECTOR;
		if (block_read(d, lba + i, 1, one) || memcmp(one, s, SECTOR) ||
		    (scratch && !holds_number(s, lba + i))) {
			ktest_fail(__FILE__, __LINE__, "sector %u of a %u-sector read from %u differs",
				   lba + i, count, lba);
			return false;
		}
	}
	return true;
}

static void a_multi_block_read_across_heap_pages_equals_single_reads(void)
{
	struct block_device *d = first_disk();
	if (!d)
		return skip("no disk");
	uint8_t *buf = kmalloc(MULTI_COUNT * SECTOR + 8);
	KCHECK(buf != NULL);
	bool aligned = multi_matches_singles(d, GAP_START + 8, MULTI_COUNT, buf);
	bool unaligned = multi_matches_singles(d, 3, 5, buf + 1);   /* byte-wise copy path */
	kfree(buf);
	kheap_trim();
	KCHECK(aligned);
	KCHECK(unaligned);
}

static void the_last_sector_reads_and_one_past_it_is_refused(void)
{
	static uint8_t s[3 * SECTOR];
	struct block_device *d = first_disk();
	if (!d)
		return skip("no disk");
	uint32_t last = d->sectors - 1;
	KCHECK_EQ(block_read(d, last - 2, 3, s), 0);
	KCHECK_EQ(block_read(d, last, 1, s), 0);
	KCHECK_EQ(block_read(d, d->sectors, 1, s), -E_INVAL);
	KCHECK_EQ(block_read(d, last, 2, s), -E_INVAL);
	KCHECK_EQ(block_read(d, 0, 0, s), -E_INVAL);
	KCHECK_EQ(block_write(d, d->sectors, 1, s), -E_INVAL);
	if (!on_scratch(d))
		return;
	KCHECK(holds_number(s, last));
	KCHECK_EQ(block_read(d, last - 2, 3, s), 0);
	KCHECK(holds_number(s, last - 2) && holds_number(s + 2 * SECTOR, last));
}

/* Past the end through the driver itself (the block layer would refuse
 * it): the device's own error must come back as -E_IO, and the disk must
 * work again for the next request. */
static void a_request_the_device_refuses_is_an_error_and_the_next_works(void)
{
	static uint8_t s[2 * SECTOR];
	struct block_device *d = first_disk();
	if (!d)
		return skip("no disk");
	KCHECK_EQ(d->ops->read(d, d->sectors + 16, 1, s), -E_IO);
	KCHECK_EQ(d->ops->read(d, d->sectors + 16, 2, s), -E_IO);
	KCHECK_EQ(block_read(d, 1, 1, s), 0);
	KCHECK_EQ(block_read(d, 2, 2, s), 0);
	KCHECK(!on_scratch(d) || (holds_number(s, 2) && holds_number(s + SECTOR, 3)));
}

/* What the harness expects in written sector n (scripts/sd-scratch.py). */
static void fill_written(uint8_t *s, uint32_t n)
{
	for (uint32_t i = 0; i < 128; i++) {
		uint32_t v = (n * 128 + i) ^ 0xC0FFEE00u;
		s[4 * i] = v, s[4 * i + 1] = v >> 8, s[4 * i + 2] = v >> 16, s[4 * i + 3] = v >> 24;
	}
}

static bool holds_written(const uint8_t *s, uint32_t n)
{
	static uint8_t want[SECTOR];
	fill_written(want, n);
	return memcmp(s, want, SECTOR) == 0;
}

static bool neighbours_untouched(struct block_device *d, const uint32_t *lbas, unsigned n)
{
	static uint8_t s[SECTOR];
	for (unsigned i = 0; i < n; i++)
		if (block_read(d, lbas[i], 1, s) || !holds_number(s, lbas[i]))
			return false;
	return true;
}

static void writes_read_back_and_touch_nothing_else(void)
{
	struct block_device *d = first_disk();
	if (!on_scratch(d))
		return skip("not the harness's scratch disk: no writes");
	uint32_t last = d->sectors - 1, n = WRITE_MULTI_COUNT;
	uint8_t *buf = kmalloc(n * SECTOR);
	KCHECK(buf != NULL);
	for (uint32_t i = 0; i < n; i++)
		fill_written(buf + i * SECTOR, WRITE_MULTI + i);
	int multi = block_write(d, WRITE_MULTI, n, buf);
	fill_written(buf, WRITE_SINGLE);
	int single = block_write(d, WRITE_SINGLE, 1, buf);
	fill_written(buf, last);
	int at_end = block_write(d, last, 1, buf);
	int flushed = block_flush(d);
	memset(buf, 0, n * SECTOR);
	int reread = block_read(d, WRITE_MULTI, n, buf);
	bool multi_ok = true;
	for (uint32_t i = 0; i < n; i++)
		multi_ok = multi_ok && holds_written(buf + i * SECTOR, WRITE_MULTI + i);
	bool single_ok = !block_read(d, WRITE_SINGLE, 1, buf) && holds_written(buf, WRITE_SINGLE);
	bool end_ok = !block_read(d, last, 1, buf) && holds_written(buf, last);
	kfree(buf);
	kheap_trim();
	KCHECK_EQ(multi, 0);
	KCHECK_EQ(single, 0);
	KCHECK_EQ(at_end, 0);
	KCHECK_EQ(flushed, 0);
	KCHECK_EQ(reread, 0);
	KCHECK(multi_ok && single_ok && end_ok);
	static const uint32_t around[] = { WRITE_SINGLE - 1, WRITE_SINGLE + 1, WRITE_MULTI - 1,
					   WRITE_MULTI + WRITE_MULTI_COUNT };
	KCHECK(neighbours_untouched(d, around, ARRAY_SIZE(around)));
	KCHECK(neighbours_untouched(d, (const uint32_t[]){ last - 1 }, 1));
}

const struct ktest ktests_sd[] = {
	{ the_scratch_disk_is_there_when_the_run_asks_for_it, "disk: the scratch disk is there when the run asks for it" },
	{ sector_0_holds_an_mbr_and_its_partitions_are_registered, "disk: sector 0 holds an MBR and its partitions are registered" },
	{ single_sector_reads_return_each_sectors_own_data, "disk: single-sector reads return each sector's own data" },
	{ a_multi_block_read_across_heap_pages_equals_single_reads, "disk: a multi-block read across heap pages equals single reads" },
	{ the_last_sector_reads_and_one_past_it_is_refused, "disk: the last sector reads, one past it is -E_INVAL" },
	{ a_request_the_device_refuses_is_an_error_and_the_next_works, "disk: a request the device refuses is -E_IO, and the next one works" },
	{ writes_read_back_and_touch_nothing_else, "disk: writes (single, multi, last sector) read back, flush succeeds, neighbours untouched" },
	{ NULL, NULL },
};
