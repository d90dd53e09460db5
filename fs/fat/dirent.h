/*
 * fs/fat/dirent.h - 32-byte FAT directory entries: short (8.3) entries,
 * long-name (VFAT LFN) entries collected into names and built from them,
 * and 8.3 alias generation. Pure logic on entry bytes: no I/O, no heap.
 */
#ifndef FS_FAT_DIRENT_H
#define FS_FAT_DIRENT_H

#include "lib/types.h"

#define FAT_DIRENT_SIZE 32u
#define FAT_NAME_MAX 255u            /* UCS-2 units of a long name */
#define FAT_NAME_UTF8_MAX 766u       /* its UTF-8 form at most, without the NUL */
#define FAT_LFN_MAX_ENTRIES 20u      /* 255 / 13, rounded up */

#define FAT_ATTR_READ_ONLY 0x01u
#define FAT_ATTR_HIDDEN    0x02u
#define FAT_ATTR_SYSTEM    0x04u
#define FAT_ATTR_VOLUME_ID 0x08u
#define FAT_ATTR_DIRECTORY 0x10u
#define FAT_ATTR_ARCHIVE   0x20u
#define FAT_ATTR_LFN       0x0Fu     /* READ_ONLY | HIDDEN | SYSTEM | VOLUME_ID */

/* NT case bits (byte 12): the base / extension is stored upper case but
 * is shown lower case (how "readme.md" needs no long name). */
#define FAT_CASE_LOWER_BASE 0x08u
#define FAT_CASE_LOWER_EXT  0x10u

enum fat_slot {
	FAT_SLOT_END,      /* 0x00: no entry here or after it */
	FAT_SLOT_FREE,     /* 0xE5: deleted */
	FAT_SLOT_LFN,      /* a piece of a long name */
	FAT_SLOT_VOLUME,   /* the volume label */
	FAT_SLOT_SHORT,    /* a file or directory */
};

struct fat_short_entry {
	uint8_t raw[11];          /* the 8.3 name as stored (0x05 lead already mapped to 0xE5) */
	uint8_t attr;
	uint8_t nt_case;
	uint32_t first_cluster;   /* 0: no clusters yet (or the root, in ".." entries) */
	uint32_t size;            /* bytes; 0 for directories */
	uint16_t mtime, mdate;    /* FAT time and date of the last write */
};

enum fat_slot fat_dirent_classify(const uint8_t e[FAT_DIRENT_SIZE]);
void fat_dirent_decode(const uint8_t e[FAT_DIRENT_SIZE], struct fat_short_entry *out);
void fat_dirent_encode(uint8_t e[FAT_DIRENT_SIZE], const struct fat_short_entry *in);

/* "NAME.EXT" of a short entry, with the NT case bits applied (at most 12
 * characters and a NUL). Returns the length. */
size_t fat_short_name_text(const uint8_t raw[11], uint8_t nt_case, char out[13]);

/* The checksum an LFN entry carries of the short name it belongs to. */
uint8_t fat_lfn_checksum(const uint8_t raw[11]);

/* Assembles a long name from LFN entries met in directory order (the last
 * piece first). Orphaned or out-of-order pieces are dropped silently, as
 * the specification requires. */
struct fat_lfn_collector {
	uint16_t units[FAT_LFN_MAX_ENTRIES * 13];
	uint8_t pieces;       /* pieces of the name in progress, 0 when none */
	uint8_t expect;       /* ordinal the next piece must carry */
	uint8_t checksum;
};
void fat_lfn_reset(struct fat_lfn_collector *c);
void fat_lfn_feed(struct fat_lfn_collector *c, const uint8_t e[FAT_DIRENT_SIZE]);
/* When the collected name belongs to the short entry raw: its UTF-8 form
 * in out (NUL-terminated) and true. Resets the collector either way. */
bool fat_lfn_take(struct fat_lfn_collector *c, const uint8_t raw[11], char out[FAT_NAME_UTF8_MAX + 1]);

/* Builds the LFN entries of name (UTF-8) for the short entry raw, in the
 * order they are written (the last piece first). Returns their number, or
 * -E_INVAL for a name that is empty, too long, not valid UTF-8, outside
 * the BMP, or holds a character FAT forbids in long names. */
int fat_lfn_build(const char *name, const uint8_t raw[11], uint8_t out[FAT_LFN_MAX_ENTRIES][FAT_DIRENT_SIZE]);

/* When name is a valid 8.3 name as it stands (each part all upper or all
 * lower case), its stored form and case bits, and true: it needs no long
 * name. */
bool fat_name_is_short(const char *name, uint8_t raw[11], uint8_t *nt_case);

/* The Microsoft basis-name algorithm with numeric tail "~n" (1 <= n <=
 * 999999): the 8.3 alias a long name gets. The caller tries n = 1, 2, ...
 * until the alias is unused in the directory. Returns -E_INVAL for a name
 * that leaves no usable character. */
int fat_short_alias(const char *name, unsigned n, uint8_t raw[11]);

#endif
