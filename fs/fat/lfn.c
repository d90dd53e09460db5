/*
 * fs/fat/lfn.c - VFAT long names (see dirent.h), after the FAT
 * specification section 7 "Long File Name Implementation": a name is
 * split into pieces of 13 UCS-2 units, stored in LFN entries before its
 * short entry with the last piece first (ordinal | 0x40), each carrying
 * the short name's checksum; the name ends with 0x0000 and is padded with
 * 0xFFFF. Names are UTF-8 inside mendax (BMP only, as UCS-2 allows).
 */
#include "fs/fat/dirent.h"

#define LFN_ORD        0u
#define LFN_ATTR       11u
#define LFN_CHECKSUM   13u
#define LFN_LAST       0x40u
#define UNITS_PER_LFN  13u

/* Byte offsets of the 13 UCS-2 units inside an LFN entry. */
static const uint8_t unit_offset[UNITS_PER_LFN] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };

void fat_lfn_reset(struct fat_lfn_collector *c)
{
	c->pieces = c->expect = c->checksum = 0;
}

static void store_piece(struct fat_lfn_collector *c, const uint8_t *e, unsigned ord)
{
	for (unsigned i = 0; i < UNITS_PER_LFN; i++) {
		const uint8_t *p = e + unit_offset[i];
		c->units[(ord - 1) * UNITS_PER_LFN + i] = (uint16_t)(p[0] | p[1] << 8);
	}
}

void fat_lfn_feed(struct fat_lfn_collector *c, const uint8_t e[FAT_DIRENT_SIZE])
{
	unsigned ord = e[LFN_ORD] & 0x1Fu;
	if (e[LFN_ORD] & LFN_LAST) {   /* the first entry met: a new name starts */
		if (ord == 0 || ord > FAT_LFN_MAX_ENTRIES) {
			fat_lfn_reset(c);
			return;
		}
		c->pieces = (uint8_t)ord;
		c->checksum = e[LFN_CHECKSUM];
	} else if (!c->pieces || ord == 0 || ord != c->expect || e[LFN_CHECKSUM] != c->checksum) {
		/* An orphan, pieces out of order, or one past the name's last
		 * piece (ordinal 0 once expect has reached 0: piece -1). */
		fat_lfn_reset(c);
		return;
	}
	store_piece(c, e, ord);
	c->expect = (uint8_t)(ord - 1);
}

/* UTF-8 of one BMP unit; returns the bytes written. */
static size_t put_utf8(uint16_t u, char *out)
{
	if (u < 0x80) {
		out[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		out[0] = (char)(0xC0 | u >> 6);
		out[1] = (char)(0x80 | (u & 0x3F));
		return 2;
	}
	out[0] = (char)(0xE0 | u >> 12);
	out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
	out[2] = (char)(0x80 | (u & 0x3F));
	return 3;
}

/* The collected units as UTF-8; false for an empty name or one with a
 * unit that cannot stand in a name (a surrogate, a NUL inside padding). */
static bool units_to_utf8(const struct fat_lfn_collector *c, char *out)
{
	size_t n = 0;
	for (unsigned i = 0; i < c->pieces * UNITS_PER_LFN && c->units[i]; i++) {
		uint16_t u = c->units[i];
		if (i >= FAT_NAME_MAX || u == 0xFFFF || (u >= 0xD800 && u <= 0xDFFF) || u < 0x20)
			return false;
		n += put_utf8(u, out + n);
	}
	out[n] = 0;
	return n > 0;
}

bool fat_lfn_take(struct fat_lfn_collector *c, const uint8_t raw[11], char out[FAT_NAME_UTF8_MAX + 1])
{
	bool ok = c->pieces && c->expect == 0 && c->checksum == fat_lfn_checksum(raw) &&
		  units_to_utf8(c, out);
	fat_lfn_reset(c);
	return ok;
}

/* Decodes one UTF-8 character (BMP only) at s; returns its length, or 0
 * for an invalid or overlong sequence or one outside the BMP. */
static size_t get_utf8(const unsigned char *s, uint16_t *u)
{
	if (s[0] < 0x80) {
		*u = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*u = (uint16_t)((s[0] & 0x1F) << 6 | (s[1] & 0x3F));
		return *u >= 0x80 ? 2 : 0;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*u = (uint16_t)((s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 | (s[2] & 0x3F));
		return *u >= 0x800 && (*u < 0xD800 || *u > 0xDFFF) ? 3 : 0;
	}
	return 0;
}

/* Characters a long name may not hold (specification 7.4), and controls. */
static bool forbidden_in_long_name(uint16_t u)
{
	const char *bad = "\"*/:<>?\\|";
	for (const char *b = bad; *b; b++)
		if (u == (uint16_t)*b)
			return true;
	return u < 0x20 || u == 0x7F;
}

/* name as UCS-2 units; returns their number or -E_INVAL. */
static int name_units(const char *name, uint16_t units[FAT_NAME_MAX])
{
	int n = 0;
	for (const unsigned char *s = (const unsigned char *)name; *s; n++) {
		size_t len = n < (int)FAT_NAME_MAX ? get_utf8(s, &units[n]) : 0;
		if (!len || forbidden_in_long_name(units[n]))
			return -E_INVAL;
		s += len;
	}
	return n ? n : -E_INVAL;
}

static void build_entry(uint8_t *e, const uint16_t *units, int total, unsigned ord, bool last,
			uint8_t sum)
{
	for (unsigned i = 0; i < FAT_DIRENT_SIZE; i++)
		e[i] = 0;
	e[LFN_ORD] = (uint8_t)(ord | (last ? LFN_LAST : 0));
	e[LFN_ATTR] = FAT_ATTR_LFN;
	e[LFN_CHECKSUM] = sum;
	for (unsigned i = 0; i < UNITS_PER_LFN; i++) {
		int k = (int)((ord - 1) * UNITS_PER_LFN + i);
		uint16_t u = k < total ? units[k] : k == total ? 0x0000 : 0xFFFF;
		e[unit_offset[i]] = (uint8_t)u;
		e[unit_offset[i] + 1] = (uint8_t)(u >> 8);
	}
}

int fat_lfn_build(const char *name, const uint8_t raw[11], uint8_t out[FAT_LFN_MAX_ENTRIES][FAT_DIRENT_SIZE])
{
	uint16_t units[FAT_NAME_MAX];
	int total = name_units(name, units);
	if (total < 0)
		return total;
	unsigned count = ((unsigned)total + UNITS_PER_LFN - 1) / UNITS_PER_LFN;
	uint8_t sum = fat_lfn_checksum(raw);
	for (unsigned i = 0; i < count; i++)   /* written last piece first */
		build_entry(out[i], units, total, count - i, i == 0, sum);
	return (int)count;
}
