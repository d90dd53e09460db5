/*
 * fs/fat/fat_entry.h - entries of the file allocation table: where a
 * cluster's entry lies, what a raw value means, and how a new value is
 * stored (FAT32 keeps the top four bits it found). Pure logic on sector
 * bytes; the FAT code reads and writes the sectors.
 */
#ifndef FS_FAT_FAT_ENTRY_H
#define FS_FAT_FAT_ENTRY_H

#include "fs/fat/bpb.h"

/* What an entry says about its cluster. */
enum fat_link {
	FAT_LINK_FREE,      /* 0: the cluster is free */
	FAT_LINK_NEXT,      /* the chain goes on at *next (a valid cluster number) */
	FAT_LINK_END,       /* the last cluster of a chain */
	FAT_LINK_BAD,       /* marked bad */
	FAT_LINK_INVALID,   /* a value that names no cluster of this volume: corruption */
};

/* Where cluster c's entry is, counted from the start of one FAT copy:
 * sector index within the FAT and byte offset within that sector. Entries
 * never straddle sectors (2 or 4 bytes, sector sizes are multiples of 4). */
void fat_entry_locate(const struct fat_geometry *g, uint32_t c, uint32_t *sector,
		      uint32_t *offset);

/* Decodes the raw entry at p (the bytes fat_entry_locate pointed at). */
enum fat_link fat_entry_decode(const struct fat_geometry *g, const uint8_t *p, uint32_t *next);

/* Stores a link: FAT_LINK_FREE, FAT_LINK_END, or FAT_LINK_NEXT to next
 * (2 <= next <= cluster_count + 1). */
void fat_entry_encode(const struct fat_geometry *g, uint8_t *p, enum fat_link link, uint32_t next);

/* True when c is a cluster number of the volume's data area. */
static inline bool fat_cluster_valid(const struct fat_geometry *g, uint32_t c)
{
	return c >= 2 && c <= g->cluster_count + 1;
}

#endif
