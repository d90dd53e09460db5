/*
 * fs/fat/fat_entry.c - FAT16 and FAT32 table entries (see fat_entry.h),
 * after the FAT specification section 4 "FAT": FAT16 entries are 16 bits,
 * FAT32 entries 28 bits in 32 (the top 4 bits are reserved and must be
 * kept on write); values from 0x?FF8 up end a chain, 0x?FF7 marks a bad
 * cluster. Anything else outside the volume's clusters is corruption.
 */
#include "fs/fat/fat_entry.h"

#define FAT16_BAD   0xFFF7u
#define FAT16_EOC   0xFFF8u
#define FAT32_MASK  0x0FFFFFFFu
#define FAT32_BAD   0x0FFFFFF7u
#define FAT32_EOC   0x0FFFFFF8u

static uint32_t entry_bytes(const struct fat_geometry *g) { return g->type == FAT_TYPE_16 ? 2 : 4; }

void fat_entry_locate(const struct fat_geometry *g, uint32_t c, uint32_t *sector,
		      uint32_t *offset)
{
	uint32_t byte = c * entry_bytes(g);
	*sector = byte / g->bytes_per_sector;
	*offset = byte % g->bytes_per_sector;
}

static uint32_t raw_value(const struct fat_geometry *g, const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8;
	if (g->type == FAT_TYPE_32)
		v = (v | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24) & FAT32_MASK;
	return v;
}

enum fat_link fat_entry_decode(const struct fat_geometry *g, const uint8_t *p, uint32_t *next)
{
	uint32_t v = raw_value(g, p);
	bool fat16 = g->type == FAT_TYPE_16;
	*next = 0;
	if (v == 0)
		return FAT_LINK_FREE;
	if (v >= (fat16 ? FAT16_EOC : FAT32_EOC))
		return FAT_LINK_END;
	if (v == (fat16 ? FAT16_BAD : FAT32_BAD))
		return FAT_LINK_BAD;
	if (!fat_cluster_valid(g, v))
		return FAT_LINK_INVALID;
	*next = v;
	return FAT_LINK_NEXT;
}

void fat_entry_encode(const struct fat_geometry *g, uint8_t *p, enum fat_link link, uint32_t next)
{
	bool fat16 = g->type == FAT_TYPE_16;
	uint32_t v = link == FAT_LINK_END ? (fat16 ? 0xFFFFu : FAT32_MASK) :
		     link == FAT_LINK_NEXT ? next : 0;
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	if (fat16)
		return;
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)((p[3] & 0xF0u) | ((v >> 24) & 0x0Fu));   /* reserved top bits kept */
}
