/*
 * tests/kernel/test_block.c - the block layer over a RAM disk: range checks
 * on disks and partitions, the partition scan of an MBR built here, a
 * refused table registering nothing, and errors passed up unchanged.
 */
#include "tests/kernel/ktest.h"
#include "drivers/block/block.h"
#include "lib/string.h"
#include "mm/kheap.h"

#define RAM_SECTORS 64u

static uint8_t ram[RAM_SECTORS * 512];
static bool fail_io;   /* the next transfer reports a device error */

static int ram_read(struct block_device *dev, uint32_t lba, uint32_t count, void *buf)
{
	(void)dev;
	if (fail_io)
		return -E_IO;
	memcpy(buf, ram + lba * 512, count * 512);
	return 0;
}

static int ram_write(struct block_device *dev, uint32_t lba, uint32_t count, const void *buf)
{
	(void)dev;
	if (fail_io)
		return -E_IO;
	memcpy(ram + lba * 512, buf, count * 512);
	return 0;
}

static const struct block_ops ram_ops = { ram_read, ram_write, NULL };
static struct block_device ram_disk = { .name = "ktram", .sector_size = 512,
					.sectors = RAM_SECTORS, .ops = &ram_ops };

static void put32(uint8_t *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }

/* Sector n starts with n; an MBR with partitions [8, 24) and [24, 64). */
static void format_ram(uint32_t second_len)
{
	for (uint32_t n = 0; n < RAM_SECTORS; n++)
		put32(ram + n * 512, n);
	memset(ram, 0, 512);
	uint8_t *e = ram + 446;
	e[4] = 0x0c, put32(e + 8, 8), put32(e + 12, 16);
	e += 16;
	e[4] = 0x82, put32(e + 8, 24), put32(e + 12, second_len);
	ram[510] = 0x55, ram[511] = 0xAA;
}

static uint32_t first_word(const uint8_t *b) { return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24; }

static void partitions_are_devices_that_cannot_reach_outside(void)
{
	static uint8_t buf[2 * 512];
	format_ram(40);
	KCHECK_EQ(block_register(&ram_disk), 0);
	KCHECK_EQ(block_register(&ram_disk), -E_INVAL);        /* the name is taken */
	KCHECK_EQ(block_scan_partitions(&ram_disk), 2);
	struct block_device *p1 = block_find("ktram1"), *p2 = block_find("ktram2");
	KCHECK(p1 && p2);
	KCHECK_EQ(p1->sectors, 16);
	KCHECK_EQ(p2->part_type, 0x82);
	KCHECK_EQ(block_read(p2, 0, 2, buf), 0);
	KCHECK_EQ(first_word(buf), 24);                         /* offset added */
	KCHECK_EQ(first_word(buf + 512), 25);
	KCHECK_EQ(block_read(p1, 15, 2, buf), -E_INVAL);        /* would cross into p2 */
	KCHECK_EQ(block_read(p1, 16, 1, buf), -E_INVAL);
	KCHECK_EQ(block_read(p1, 0, 0, buf), -E_INVAL);
	KCHECK_EQ(block_read(&ram_disk, 0xFFFFFFFFu, 2, buf), -E_INVAL);
	put32(buf, 0xABCD);
	KCHECK_EQ(block_write(p1, 3, 1, buf), 0);
	KCHECK_EQ(first_word(ram + 11 * 512), 0xABCD);
	fail_io = true;
	int rc = block_read(p2, 1, 1, buf);
	fail_io = false;
	KCHECK_EQ(rc, -E_IO);
	KCHECK_EQ(block_unregister_disk(&ram_disk), 0);
	KCHECK(!block_find("ktram") && !block_find("ktram1") && !block_find("ktram2"));
	KCHECK_EQ(block_unregister_disk(&ram_disk), -E_NOENT);
	kheap_trim();   /* the partition devices' heap page goes back */
}

static void a_refused_table_registers_nothing(void)
{
	format_ram(41);                                         /* ends past the disk */
	KCHECK_EQ(block_register(&ram_disk), 0);
	KCHECK_EQ(block_scan_partitions(&ram_disk), -E_BADFMT);
	KCHECK(!block_find("ktram1") && !block_find("ktram2"));
	KCHECK_EQ(block_unregister_disk(&ram_disk), 0);
	kheap_trim();
}

const struct ktest ktests_block[] = {
	{ partitions_are_devices_that_cannot_reach_outside, "block: partitions are devices that cannot reach outside" },
	{ a_refused_table_registers_nothing, "block: a refused partition table registers nothing" },
	{ NULL, NULL },
};
