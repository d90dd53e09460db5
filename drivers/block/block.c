/*
 * drivers/block/block.c - the block device registry and the checked
 * transfer calls every user of a disk goes through (see block.h). Range
 * checks live here once, so no driver and no caller can reach a sector
 * outside a device or a partition.
 */
#include "drivers/block/block.h"
#include "kernel/arch.h"
#include "kernel/bench.h"
#include "lib/config.h"
#include "lib/string.h"
#include "mm/kheap.h"

static struct block_device *devices[BLOCK_MAX_DEVICES];
static unsigned device_count;

int block_register(struct block_device *dev)
{
	if (!dev->name[0] || !dev->sectors || !dev->sector_size || block_find(dev->name))
		return -E_INVAL;
	if (device_count == BLOCK_MAX_DEVICES)
		return -E_NOMEM;
	devices[device_count++] = dev;
	return 0;
}

/* Takes devices[i] out, keeping the order of the rest. */
static void remove_at(unsigned i)
{
	for (device_count--; i < device_count; i++)
		devices[i] = devices[i + 1];
}

int block_unregister_disk(struct block_device *disk)
{
	bool found = false;
	for (unsigned i = device_count; i-- > 0;) {
		struct block_device *d = devices[i];
		if (d != disk && d->whole != disk)
			continue;
		remove_at(i);
		found = true;
		if (d->whole)
			kfree(d);   /* made by block_scan_partitions */
	}
	return found ? 0 : -E_NOENT;
}

struct block_device *block_find(const char *name)
{
	for (unsigned i = 0; i < device_count; i++)
		if (!strcmp(devices[i]->name, name))
			return devices[i];
	return NULL;
}

struct block_device *block_at(unsigned i)
{
	return i < device_count ? devices[i] : NULL;
}

/* Bench builds count the cycles each driver call takes (busy_cycles),
 * less the waits and interrupts inside it (kernel/bench.h); a call is far
 * shorter than the 32-bit ARM counter's wrap. */
struct bench_mark { uint64_t t, excluded; };

static struct bench_mark bench_start(void)
{
	if (!CONFIG_BENCH)
		return (struct bench_mark){ 0, 0 };
	return (struct bench_mark){ arch_cycles(), bench_excluded_cycles() };
}

static int bench_stop(struct block_device *dev, struct bench_mark m, int rc)
{
	if (CONFIG_BENCH)
		dev->busy_cycles += (uint32_t)(arch_cycles() - m.t) - (bench_excluded_cycles() - m.excluded);
	return rc;
}

/* True when [lba, lba + count) is a non-empty range inside dev. */
static bool in_range(const struct block_device *dev, uint32_t lba, uint32_t count)
{
	return count && lba < dev->sectors && count <= dev->sectors - lba;
}

int block_read(struct block_device *dev, uint32_t lba, uint32_t count, void *buf)
{
	if (!in_range(dev, lba, count))
		return -E_INVAL;
	if (dev->whole)
		return block_read(dev->whole, dev->first + lba, count, buf);
	struct bench_mark t0 = bench_start();
	return bench_stop(dev, t0, dev->ops->read(dev, lba, count, buf));
}

/* Test builds only (CONFIG_TEST): writes still to fail, for the I/O-error
 * tests of the layers above (tests/kernel/test_pcache.c). */
static uint32_t writes_to_fail;

void block_test_fail_writes(uint32_t n)
{
	writes_to_fail = CONFIG_TEST ? n : 0;
}

int block_write(struct block_device *dev, uint32_t lba, uint32_t count, const void *buf)
{
	if (!in_range(dev, lba, count))
		return -E_INVAL;
	if (CONFIG_TEST && writes_to_fail && !dev->whole) {
		writes_to_fail--;
		return -E_IO;
	}
	if (dev->whole)
		return block_write(dev->whole, dev->first + lba, count, buf);
	struct bench_mark t0 = bench_start();
	return bench_stop(dev, t0, dev->ops->write(dev, lba, count, buf));
}

int block_flush(struct block_device *dev)
{
	if (dev->whole)
		return block_flush(dev->whole);
	if (!dev->ops->flush)
		return 0;
	struct bench_mark t0 = bench_start();
	return bench_stop(dev, t0, dev->ops->flush(dev));
}
