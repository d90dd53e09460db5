/*
 * fs/fat/dirent.c - short directory entries (see dirent.h), after the FAT
 * specification section 6 "Directory Structure": byte 0 0x00 ends the
 * directory, 0xE5 marks a deleted entry, 0x05 stands for a leading 0xE5;
 * attribute 0x0F is a long-name piece; the first cluster is split in two
 * 16-bit halves (the high half is 0 on FAT16).
 */
#include "fs/fat/dirent.h"

#define DIR_NAME        0u
#define DIR_ATTR        11u
#define DIR_NT_CASE     12u
#define DIR_FST_CLUS_HI 20u
#define DIR_WRT_TIME    22u
#define DIR_WRT_DATE    24u
#define DIR_FST_CLUS_LO 26u
#define DIR_FILE_SIZE   28u

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

enum fat_slot fat_dirent_classify(const uint8_t e[FAT_DIRENT_SIZE])
{
	if (e[DIR_NAME] == 0x00)
		return FAT_SLOT_END;
	if (e[DIR_NAME] == 0xE5)
		return FAT_SLOT_FREE;
	if ((e[DIR_ATTR] & 0x3F) == FAT_ATTR_LFN)
		return FAT_SLOT_LFN;
	if (e[DIR_ATTR] & FAT_ATTR_VOLUME_ID)
		return FAT_SLOT_VOLUME;
	return FAT_SLOT_SHORT;
}

void fat_dirent_decode(const uint8_t e[FAT_DIRENT_SIZE], struct fat_short_entry *out)
{
	for (unsigned i = 0; i < 11; i++)
		out->raw[i] = e[DIR_NAME + i];
	if (out->raw[0] == 0x05)
		out->raw[0] = 0xE5;
	out->attr = e[DIR_ATTR];
	out->nt_case = e[DIR_NT_CASE] & (FAT_CASE_LOWER_BASE | FAT_CASE_LOWER_EXT);
	out->first_cluster = le16(e + DIR_FST_CLUS_HI) << 16 | le16(e + DIR_FST_CLUS_LO);
	out->size = le16(e + DIR_FILE_SIZE) | le16(e + DIR_FILE_SIZE + 2) << 16;
	out->mtime = (uint16_t)le16(e + DIR_WRT_TIME);
	out->mdate = (uint16_t)le16(e + DIR_WRT_DATE);
}

void fat_dirent_encode(uint8_t e[FAT_DIRENT_SIZE], const struct fat_short_entry *in)
{
	for (unsigned i = 0; i < FAT_DIRENT_SIZE; i++)
		e[i] = 0;
	for (unsigned i = 0; i < 11; i++)
		e[DIR_NAME + i] = in->raw[i];
	if (e[DIR_NAME] == 0xE5)
		e[DIR_NAME] = 0x05;
	e[DIR_ATTR] = in->attr;
	e[DIR_NT_CASE] = in->nt_case;
	put16(e + DIR_FST_CLUS_HI, in->first_cluster >> 16);
	put16(e + DIR_FST_CLUS_LO, in->first_cluster);
	put16(e + DIR_FILE_SIZE, in->size);
	put16(e + DIR_FILE_SIZE + 2, in->size >> 16);
	put16(e + DIR_WRT_TIME, in->mtime);
	put16(e + DIR_WRT_DATE, in->mdate);
	put16(e + 16, in->mdate);   /* creation and last-access dates: the write date */
	put16(e + 18, in->mdate);
	put16(e + 14, in->mtime);
}

/* Copies the non-space characters of a name part, lower-cased if asked. */
static size_t copy_part(const uint8_t *part, unsigned len, bool lower, char *out)
{
	size_t n = 0;
	while (len && part[len - 1] == ' ')
		len--;
	for (unsigned i = 0; i < len; i++) {
		char c = (char)part[i];
		out[n++] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	return n;
}

size_t fat_short_name_text(const uint8_t raw[11], uint8_t nt_case, char out[13])
{
	size_t n = copy_part(raw, 8, nt_case & FAT_CASE_LOWER_BASE, out);
	size_t ext = copy_part(raw + 8, 3, nt_case & FAT_CASE_LOWER_EXT, out + n + 1);
	if (ext) {
		out[n] = '.';
		n += ext + 1;
	}
	out[n] = 0;
	return n;
}

uint8_t fat_lfn_checksum(const uint8_t raw[11])
{
	uint8_t sum = 0;
	for (unsigned i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + raw[i]);
	return sum;
}
