/*
 * drivers/block/partitions.c - turns a disk's MBR (fs/part/mbr.c validates
 * it) into one block device per primary partition. Partition devices come
 * from the heap: drivers sit above it.
 */
#include "drivers/block/block.h"
#include "fs/part/mbr.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kheap.h"

/* "<disk><n>", or "<disk>p<n>" when the disk's name ends in a digit
 * ("sd0p1", not "sd01"), cut to fit. */
static void partition_name(char *out, const char *disk, unsigned n)
{
	size_t len = strlen(disk);
	if (len > BLOCK_NAME_MAX - 3)
		len = BLOCK_NAME_MAX - 3;
	memcpy(out, disk, len);
	if (len && disk[len - 1] >= '0' && disk[len - 1] <= '9')
		out[len++] = 'p';
	out[len] = (char)('0' + n);
	out[len + 1] = 0;
}

static int add_partition(struct block_device *disk, const struct mbr_partition *p)
{
	struct block_device *dev = kmalloc(sizeof *dev);
	if (!dev)
		return -E_NOMEM;
	*dev = (struct block_device){ .sector_size = disk->sector_size, .sectors = p->sectors,
				      .ops = disk->ops, .whole = disk, .first = p->start,
				      .part_type = p->type };
	partition_name(dev->name, disk->name, p->index + 1u);
	int rc = block_register(dev);
	if (rc) {
		kfree(dev);
		return rc;
	}
	kprintf("block: %s: %u sectors from %u, type 0x%02x (%s)\n", dev->name, p->sectors,
		p->start, p->type, mbr_type_name(p->type));
	return 0;
}

int block_scan_partitions(struct block_device *disk)
{
	if (disk->sector_size != MBR_SECTOR_SIZE)
		return -E_INVAL;
	uint8_t *sector = kmalloc(MBR_SECTOR_SIZE);
	if (!sector)
		return -E_NOMEM;
	struct mbr_table table;
	const char *why = NULL;
	int rc = block_read(disk, 0, 1, sector);
	if (rc == 0 && mbr_parse(sector, disk->sectors, &table, &why)) {
		kprintf("block: %s: partition table refused: %s\n", disk->name, why);
		rc = -E_BADFMT;
	}
	kfree(sector);
	for (unsigned i = 0; rc == 0 && i < table.count; i++)
		rc = add_partition(disk, &table.part[i]);
	return rc ? rc : (int)table.count;
}
