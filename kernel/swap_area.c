/*
 * kernel/swap_area.c - the swap device over a block partition of MBR type
 * 0x82 (Linux swap): slot i is the 4 KiB at partition offset i * 4096 (slot
 * 0, where a Linux swap header would be, is never used), read and written
 * through the block layer, which range-checks every request against the
 * partition and sleeps the caller during the transfer as its drivers do.
 * At boot the first 0x82 partition found is handed to swap_enable
 * (mm/swap.h) unless the command line says swap=off. Test builds also
 * take swap=failreads: a read of a slot above SWAP_GOOD_SLOTS is done,
 * then reported as failed (make check-swap-bad on ARM, where QEMU's SD
 * card model does not pass a host read error on to the guest, so blkdebug
 * cannot make one; x86's blkdebug rules spare the same first slots). The
 * first slots stay good so that the test's own init, whose pages the
 * clock takes first, can come back.
 *
 * This sits in kernel/, above the heap and beside the file systems: mm/
 * reaches it only through struct swap_device's pointers (the sanctioned
 * indirect edge of mm/swap.h), and nothing here calls back into mm/ locks.
 * SMP: one area, set up once at boot before other CPUs run; the block
 * driver serialises the requests themselves.
 */
#include "kernel/swap_area.h"
#include "drivers/block/block.h"
#include "fs/part/mbr.h"
#include "lib/cmdline.h"
#include "lib/config.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/swap.h"

#define SECTORS_PER_SLOT (PAGE_SIZE / MBR_SECTOR_SIZE)
#define SWAP_GOOD_SLOTS 512u   /* swap=failreads: these still read (scripts/swap-bad-conf.py) */

static struct swap_partition {
	struct swap_device dev;      /* first: mm/ hands back &dev */
	struct block_device *part;
	bool fail_reads;             /* test builds: swap=failreads */
} area;

static struct block_device *part_of(struct swap_device *dev)
{
	return ((struct swap_partition *)dev)->part;
}

static int to_io_error(int rc)
{
	return rc ? -E_IO : 0;
}

static int slot_read(struct swap_device *dev, uint32_t slot, void *kva)
{
	if (!slot || slot >= dev->nslots)
		return -E_IO;
	int rc = block_read(part_of(dev), slot * SECTORS_PER_SLOT, SECTORS_PER_SLOT, kva);
	return to_io_error(rc || (CONFIG_TEST && area.fail_reads && slot > SWAP_GOOD_SLOTS));
}

static int slot_write(struct swap_device *dev, uint32_t slot, const void *kva)
{
	if (!slot || slot >= dev->nslots)
		return -E_IO;
	return to_io_error(block_write(part_of(dev), slot * SECTORS_PER_SLOT, SECTORS_PER_SLOT, kva));
}

/* The first registered partition of type 0x82 with 512-byte sectors. */
static struct block_device *first_swap_partition(void)
{
	for (unsigned i = 0; block_at(i); i++) {
		struct block_device *d = block_at(i);
		if (d->whole && d->part_type == MBR_TYPE_SWAP && d->sector_size == MBR_SECTOR_SIZE)
			return d;
	}
	return NULL;
}

/* swap=off leaves the area off; swap=failreads (test builds) marks it
 * failing. Returns false when it stays off. */
static bool wanted(const char *cmdline, const struct block_device *p)
{
	char v[12] = "";
	if (cmdline)
		cmdline_get(cmdline, "swap", v, sizeof v);
	if (!strcmp(v, "off")) {
		kprintf("swap: %s left off (swap=off)\n", p->name);
		return false;
	}
	area.fail_reads = CONFIG_TEST && !strcmp(v, "failreads");
	if (area.fail_reads)
		kprintf("swap: %s: reads of slots above %u will be reported failed (swap=failreads)\n",
			p->name, SWAP_GOOD_SLOTS);
	return true;
}

void swap_area_boot(const char *cmdline)
{
	struct block_device *p = first_swap_partition();
	if (!p || !wanted(cmdline, p))
		return;
	area.part = p;
	area.dev = (struct swap_device){ .read = slot_read, .write = slot_write,
					 .nslots = p->sectors / SECTORS_PER_SLOT };
	_Static_assert(BLOCK_NAME_MAX <= sizeof area.dev.name, "a block name fits");
	memcpy(area.dev.name, p->name, BLOCK_NAME_MAX);
	int rc = swap_enable(&area.dev);
	if (rc)
		kprintf("swap: %s (type 0x82, %u sectors) not enabled: error %d\n", p->name,
			p->sectors, rc);
}
