/*
 * fs/fat/bpb.h - the FAT boot sector (BIOS parameter block) and FSInfo
 * sector: every field named once, validated before anything else of a
 * volume is trusted, and turned into the geometry the rest of the FAT code
 * uses. Pure logic over sector bytes: no I/O, no heap.
 */
#ifndef FS_FAT_BPB_H
#define FS_FAT_BPB_H

#include "lib/types.h"

enum fat_type { FAT_TYPE_12 = 12, FAT_TYPE_16 = 16, FAT_TYPE_32 = 32 };

/* Where everything of a volume is, in sectors from the volume's start. */
struct fat_geometry {
	enum fat_type type;          /* by cluster count, as the specification defines it */
	uint32_t bytes_per_sector;   /* 512, 1024, 2048 or 4096 */
	uint32_t sectors_per_cluster;
	uint32_t reserved_sectors;   /* the first FAT starts here */
	uint32_t fat_count;          /* copies of the FAT (1 or 2) */
	uint32_t fat_sectors;        /* length of one FAT copy */
	uint32_t root_dir_start;     /* FAT12/16: the fixed root directory */
	uint32_t root_dir_sectors;   /* FAT12/16; 0 on FAT32 */
	uint32_t root_entries;       /* FAT12/16: entries of the fixed root */
	uint32_t root_cluster;       /* FAT32: first cluster of the root directory */
	uint32_t data_start;         /* cluster 2 starts here */
	uint32_t total_sectors;
	uint32_t cluster_count;      /* valid clusters are 2 .. cluster_count + 1 */
	uint32_t fsinfo_sector;      /* FAT32: 0 when there is none */
	bool fat_mirrored;           /* all copies are kept equal (FAT32 ExtFlags bit 7 clear) */
	uint32_t active_fat;         /* the copy to read (0 when mirrored) */
};

/* Validates boot sector bytes (at least 512 bytes, the first sector of a
 * volume of volume_sectors 512-byte sectors) and computes the geometry.
 * Returns 0, or -E_BADFMT with *why naming the first bad field (a static
 * string). Refuses FAT12 (mendax mounts FAT16 and FAT32 only). */
int fat_bpb_parse(const uint8_t *sector, uint32_t volume_sectors,
		  struct fat_geometry *g, const char **why);

/* FAT32 FSInfo: the free-cluster count and next-free hint, which are only
 * hints (0xFFFFFFFF: unknown). fsinfo_parse returns false when the three
 * signatures are not there; values out of range read as unknown. */
struct fat_fsinfo {
	uint32_t free_count;
	uint32_t next_free;
};
#define FAT_FSINFO_UNKNOWN 0xFFFFFFFFu
bool fat_fsinfo_parse(const uint8_t sector[512], const struct fat_geometry *g,
		      struct fat_fsinfo *out);
/* Writes the two hints into an FSInfo sector read earlier (signatures kept). */
void fat_fsinfo_store(uint8_t sector[512], const struct fat_fsinfo *in);

/* The first sector of cluster c (2 <= c <= cluster_count + 1). */
static inline uint32_t fat_cluster_sector(const struct fat_geometry *g, uint32_t c)
{
	return g->data_start + (c - 2) * g->sectors_per_cluster;
}

#endif
