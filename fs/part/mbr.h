/*
 * fs/part/mbr.h - the MBR partition table: parsing and validating the four
 * primary entries of sector 0. Pure logic over one 512-byte sector (no I/O,
 * no heap): the block layer reads the sector and makes each accepted entry
 * a block device of its own.
 */
#ifndef FS_PART_MBR_H
#define FS_PART_MBR_H

#include "lib/types.h"

#define MBR_SECTOR_SIZE 512u
#define MBR_ENTRIES 4u

/* Partition type bytes mendax knows by name. */
#define MBR_TYPE_EMPTY      0x00u
#define MBR_TYPE_FAT16_CHS  0x06u
#define MBR_TYPE_FAT32_CHS  0x0bu
#define MBR_TYPE_FAT32_LBA  0x0cu
#define MBR_TYPE_FAT16_LBA  0x0eu
#define MBR_TYPE_SWAP       0x82u

struct mbr_partition {
	uint8_t index;      /* 0-3: the entry it came from (partition number - 1) */
	uint8_t type;       /* the type byte (never MBR_TYPE_EMPTY here) */
	bool bootable;      /* status 0x80 */
	uint32_t start;     /* first sector (LBA) */
	uint32_t sectors;   /* length in sectors, > 0 */
};

struct mbr_table {
	unsigned count;                              /* used entries, in table order */
	struct mbr_partition part[MBR_ENTRIES];
};

/* Parses sector 0 of a device of disk_sectors sectors. Accepts the table
 * only if it is entirely sound: the 0x55AA signature, status bytes 0x00 or
 * 0x80, every used entry non-empty, starting after sector 0 and ending
 * inside the device, no two overlapping. Returns 0 with *out filled, or
 * -E_BADFMT with *why naming the first problem found (a static string) and
 * *out empty. A sector with no used entry is a valid, empty table. */
int mbr_parse(const uint8_t sector[MBR_SECTOR_SIZE], uint32_t disk_sectors,
	      struct mbr_table *out, const char **why);

/* A short name for a type byte ("FAT32 (LBA)", "Linux swap", ...), or "unknown". */
const char *mbr_type_name(uint8_t type);

#endif
