/*
 * fs/part/mbr.c - MBR partition table parsing (see mbr.h). Every field is
 * named once with its offset; a table is trusted only after every entry
 * has been checked against the device and against the others, so a
 * corrupt or hostile table can never make a partition reach outside the
 * disk or over another partition.
 */
#include "fs/part/mbr.h"

/* On-disk layout (little-endian). */
#define MBR_TABLE_OFFSET 446u    /* four 16-byte entries */
#define MBR_ENTRY_SIZE   16u
#define MBR_SIG_OFFSET   510u    /* 0x55, 0xAA */
#define ENTRY_STATUS     0u      /* 0x80 bootable, 0x00 not */
#define ENTRY_TYPE       4u
#define ENTRY_LBA_START  8u
#define ENTRY_LBA_COUNT  12u

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Decodes entry i; returns false for an empty one (type 0). */
static bool read_entry(const uint8_t *sector, unsigned i, struct mbr_partition *p,
		       uint8_t *status)
{
	const uint8_t *e = sector + MBR_TABLE_OFFSET + i * MBR_ENTRY_SIZE;
	*status = e[ENTRY_STATUS];
	*p = (struct mbr_partition){
		.index = (uint8_t)i, .type = e[ENTRY_TYPE], .bootable = e[ENTRY_STATUS] == 0x80,
		.start = le32(e + ENTRY_LBA_START), .sectors = le32(e + ENTRY_LBA_COUNT),
	};
	return p->type != MBR_TYPE_EMPTY;
}

/* The checks one entry must pass on its own; NULL when it passes. */
static const char *entry_problem(const struct mbr_partition *p, uint8_t status,
				 uint32_t disk_sectors)
{
	if (status != 0x00 && status != 0x80)
		return "an entry's status byte is neither 0x00 nor 0x80";
	if (p->sectors == 0)
		return "a used entry has no sectors";
	if (p->start == 0)
		return "a partition starts at sector 0, over the partition table";
	if (p->start >= disk_sectors || p->sectors > disk_sectors - p->start)
		return "a partition ends beyond the end of the disk";
	return NULL;
}

static bool overlap(const struct mbr_partition *a, const struct mbr_partition *b)
{
	/* Both ranges are inside the disk, so start + sectors cannot wrap. */
	return a->start < b->start + b->sectors && b->start < a->start + a->sectors;
}

static int refuse(struct mbr_table *out, const char **why, const char *reason)
{
	out->count = 0;
	*why = reason;
	return -E_BADFMT;
}

int mbr_parse(const uint8_t sector[MBR_SECTOR_SIZE], uint32_t disk_sectors,
	      struct mbr_table *out, const char **why)
{
	out->count = 0;
	*why = NULL;
	if (sector[MBR_SIG_OFFSET] != 0x55 || sector[MBR_SIG_OFFSET + 1] != 0xAA)
		return refuse(out, why, "no MBR signature (0x55AA at offset 510)");
	for (unsigned i = 0; i < MBR_ENTRIES; i++) {
		struct mbr_partition p;
		uint8_t status;
		if (!read_entry(sector, i, &p, &status))
			continue;
		const char *problem = entry_problem(&p, status, disk_sectors);
		for (unsigned k = 0; !problem && k < out->count; k++)
			if (overlap(&p, &out->part[k]))
				problem = "two partitions overlap";
		if (problem)
			return refuse(out, why, problem);
		out->part[out->count++] = p;
	}
	return 0;
}

const char *mbr_type_name(uint8_t type)
{
	switch (type) {
	case 0x01: return "FAT12";
	case 0x04: return "FAT16 (< 32 MiB)";
	case MBR_TYPE_FAT16_CHS: return "FAT16";
	case 0x05: case 0x0f: return "extended (not followed)";
	case MBR_TYPE_FAT32_CHS: return "FAT32";
	case MBR_TYPE_FAT32_LBA: return "FAT32 (LBA)";
	case MBR_TYPE_FAT16_LBA: return "FAT16 (LBA)";
	case MBR_TYPE_SWAP: return "Linux swap";
	case 0x83: return "Linux";
	default: return "unknown";
	}
}
