/*
 * tests/host/test_fat_dirent.c - directory entries, long names, aliases and
 * FAT chains on a volume mtools filled (build/host/fat16-names.img, made by
 * scripts/host-test.sh): mendax must read every name mtools wrote, follow
 * a file's chain to its bytes, and build entries and aliases that match.
 */
#include "htest.h"
#include "fs/fat/bpb.h"
#include "fs/fat/dirent.h"
#include "fs/fat/fat_entry.h"
#include <stdint.h>
#include <stdlib.h>

#define IMG "build/host/fat16-names.img"

static uint8_t *image;   /* the whole volume */
static struct fat_geometry geo;

static bool load(void)
{
	static uint8_t buf[16u << 20];
	FILE *f = fopen(IMG, "rb");
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	const char *why;
	image = buf;
	return n == sizeof buf && fat_bpb_parse(buf, (uint32_t)(n / 512), &geo, &why) == 0;
}

static const uint8_t *root_entry(unsigned i) { return image + geo.root_dir_start * 512 + i * 32; }

/* Finds name in the root directory the way a lookup would. */
static bool lookup(const char *name, struct fat_short_entry *found)
{
	struct fat_lfn_collector c;
	char longname[FAT_NAME_UTF8_MAX + 1], shortname[13];
	fat_lfn_reset(&c);
	for (unsigned i = 0; i < geo.root_entries; i++) {
		const uint8_t *e = root_entry(i);
		enum fat_slot slot = fat_dirent_classify(e);
		if (slot == FAT_SLOT_END)
			return false;
		if (slot == FAT_SLOT_LFN) {
			fat_lfn_feed(&c, e);
			continue;
		}
		if (slot != FAT_SLOT_SHORT) {
			fat_lfn_reset(&c);
			continue;
		}
		fat_dirent_decode(e, found);
		bool has_long = fat_lfn_take(&c, found->raw, longname);
		fat_short_name_text(found->raw, found->nt_case, shortname);
		if (!strcmp(has_long ? longname : shortname, name))
			return true;
	}
	return false;
}

HTEST(fat_reads_every_name_mtools_wrote)
{
	HCHECK(load());
	const char *names[] = { "Hello World.txt", "a.b.c.d", "readme.md", "UPPER.TXT", "lower.txt",
				"verylongfilename_with_many_chars_2026.data", "x+y=z[1].c",
				"Déjà vu.txt", "big.txt" };
	struct fat_short_entry e;
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (!lookup(names[i], &e))
			printf("  not found: %s\n", names[i]);
		HCHECK(lookup(names[i], &e));
	}
	HCHECK(!lookup("hello world.txt", &e));   /* names are compared exactly here */
	HCHECK(lookup("readme.md", &e));
	HCHECK_EQ(e.nt_case, FAT_CASE_LOWER_BASE | FAT_CASE_LOWER_EXT);
	HCHECK(!memcmp(e.raw, "README  MD ", 11));
}

HTEST(fat_follows_a_chain_to_the_file_bytes)
{
	HCHECK(load());
	struct fat_short_entry e;
	HCHECK(lookup("big.txt", &e));
	FILE *f = fopen("build/host/big.txt", "rb");
	HCHECK(f != NULL);
	static uint8_t want[1 << 16];
	size_t size = fread(want, 1, sizeof want, f);
	fclose(f);
	HCHECK_EQ(e.size, size);
	uint32_t cluster_bytes = geo.sectors_per_cluster * 512, c = e.first_cluster, done = 0;
	unsigned clusters = 0;
	for (;;) {
		HCHECK(fat_cluster_valid(&geo, c));
		uint32_t chunk = size - done < cluster_bytes ? size - done : cluster_bytes;
		HCHECK(!memcmp(image + fat_cluster_sector(&geo, c) * 512, want + done, chunk));
		done += chunk;
		clusters++;
		uint32_t sector, offset, next;
		fat_entry_locate(&geo, c, &sector, &offset);
		enum fat_link link = fat_entry_decode(&geo, image + (geo.reserved_sectors + sector) * 512 + offset, &next);
		if (link == FAT_LINK_END)
			break;
		HCHECK_EQ(link, FAT_LINK_NEXT);
		c = next;
	}
	HCHECK_EQ(done, size);
	HCHECK_EQ(clusters, (size + cluster_bytes - 1) / cluster_bytes);
	HCHECK(clusters > 1);
}

HTEST(fat_entry_encoding_keeps_fat32_reserved_bits)
{
	struct fat_geometry g = { .type = FAT_TYPE_32, .cluster_count = 1000, .bytes_per_sector = 512 };
	uint8_t p[4] = { 0, 0, 0, 0xF0 };
	uint32_t next;
	fat_entry_encode(&g, p, FAT_LINK_NEXT, 77);
	HCHECK_EQ(p[3], 0xF0);
	HCHECK_EQ(fat_entry_decode(&g, p, &next), FAT_LINK_NEXT);
	HCHECK_EQ(next, 77);
	fat_entry_encode(&g, p, FAT_LINK_END, 0);
	HCHECK_EQ(fat_entry_decode(&g, p, &next), FAT_LINK_END);
	p[0] = 0xF7, p[1] = 0xFF, p[2] = 0xFF, p[3] = 0x0F;
	HCHECK_EQ(fat_entry_decode(&g, p, &next), FAT_LINK_BAD);
	p[0] = 0xEA, p[1] = 0x03, p[2] = 0, p[3] = 0xF0;        /* 1002: one past the last cluster */
	HCHECK_EQ(fat_entry_decode(&g, p, &next), FAT_LINK_INVALID);
	p[0] = 1, p[1] = 0, p[2] = 0, p[3] = 0;
	HCHECK_EQ(fat_entry_decode(&g, p, &next), FAT_LINK_INVALID);   /* cluster 1 */
	uint32_t sector, offset;
	fat_entry_locate(&g, 300, &sector, &offset);
	HCHECK_EQ(sector, 2);
	HCHECK_EQ(offset, 176);
}

HTEST(fat_aliases_match_what_mtools_chose)
{
	HCHECK(load());
	const char *names[] = { "Hello World.txt", "a.b.c.d", "verylongfilename_with_many_chars_2026.data",
				"x+y=z[1].c" };
	for (unsigned i = 0; i < 4; i++) {
		struct fat_short_entry e;
		uint8_t raw[11];
		HCHECK(lookup(names[i], &e));
		HCHECK_EQ(fat_short_alias(names[i], 1, raw), 0);
		if (memcmp(raw, e.raw, 11))
			printf("  %s: mendax %.11s, mtools %.11s\n", names[i], raw, e.raw);
		HCHECK(!memcmp(raw, e.raw, 11));
	}
	uint8_t raw[11];
	HCHECK_EQ(fat_short_alias("Hello World.txt", 12, raw), 0);
	HCHECK(!memcmp(raw, "HELLO~12TXT", 11));
	HCHECK_EQ(fat_short_alias("  ...  ", 1, raw), -E_INVAL);
	HCHECK_EQ(fat_short_alias(".profile", 1, raw), 0);
	HCHECK(!memcmp(raw, "PROFIL~1   ", 11));
}

HTEST(fat_short_names_and_case_bits)
{
	uint8_t raw[11], nt;
	HCHECK(fat_name_is_short("readme.md", raw, &nt));
	HCHECK(!memcmp(raw, "README  MD ", 11));
	HCHECK_EQ(nt, FAT_CASE_LOWER_BASE | FAT_CASE_LOWER_EXT);
	HCHECK(fat_name_is_short("KERNEL.img", raw, &nt));
	HCHECK_EQ(nt, FAT_CASE_LOWER_EXT);
	HCHECK(!fat_name_is_short("ReadMe.md", raw, &nt));      /* mixed case needs a long name */
	HCHECK(!fat_name_is_short("toolongname.c", raw, &nt));
	HCHECK(!fat_name_is_short("a.b.c", raw, &nt));
	HCHECK(!fat_name_is_short("a b.c", raw, &nt));
	HCHECK(!fat_name_is_short(".x", raw, &nt));
	char text[13];
	HCHECK_EQ(fat_short_name_text((const uint8_t *)"README  MD ", nt = FAT_CASE_LOWER_BASE, text), 9);
	HCHECK(!strcmp(text, "readme.MD"));
	HCHECK_EQ(fat_short_name_text((const uint8_t *)"HIDDEN~1   ", 0, text), 8);
	HCHECK(!strcmp(text, "HIDDEN~1"));
}

HTEST(fat_long_names_round_trip_and_bad_ones_are_refused)
{
	static const char *names[] = { "x", "exactly13char", "fourteen chars", "Déjà vu — ünïcode.txt" };
	uint8_t entries[FAT_LFN_MAX_ENTRIES][FAT_DIRENT_SIZE];
	const uint8_t raw[11] = "NAME~1  TXT";
	for (unsigned i = 0; i < 4; i++) {
		int n = fat_lfn_build(names[i], raw, entries);
		HCHECK(n >= 1);
		struct fat_lfn_collector c;
		char back[FAT_NAME_UTF8_MAX + 1];
		fat_lfn_reset(&c);
		for (int k = 0; k < n; k++)
			fat_lfn_feed(&c, entries[k]);
		HCHECK(fat_lfn_take(&c, raw, back));
		HCHECK(!strcmp(back, names[i]));
		if (n > 1) {   /* a missing piece: the name is dropped, not mangled */
			fat_lfn_reset(&c);
			for (int k = 1; k < n; k++)
				fat_lfn_feed(&c, entries[k]);
			HCHECK(!fat_lfn_take(&c, raw, back));
		}
		fat_lfn_reset(&c);
		for (int k = 0; k < n; k++)
			fat_lfn_feed(&c, entries[k]);
		HCHECK(!fat_lfn_take(&c, (const uint8_t *)"OTHER   TXT", back));   /* checksum */
	}
	HCHECK_EQ(fat_lfn_build("exactly13char", raw, entries), 1);
	HCHECK_EQ(fat_lfn_build("fourteen chars", raw, entries), 2);
	HCHECK_EQ(fat_lfn_build("", raw, entries), -E_INVAL);
	HCHECK_EQ(fat_lfn_build("a:b", raw, entries), -E_INVAL);
	HCHECK_EQ(fat_lfn_build("bad \xC3(", raw, entries), -E_INVAL);
	HCHECK_EQ(fat_lfn_build("overlong \xC0\xAF", raw, entries), -E_INVAL);
	HCHECK_EQ(fat_lfn_build("emoji \xF0\x9F\x98\x80", raw, entries), -E_INVAL);
	char big[300];
	memset(big, 'a', 255), big[255] = 0;
	HCHECK_EQ(fat_lfn_build(big, raw, entries), 20);
	memset(big, 'a', 256), big[256] = 0;
	HCHECK_EQ(fat_lfn_build(big, raw, entries), -E_INVAL);
}

HTEST(fat_dirent_encode_decode_round_trip)
{
	struct fat_short_entry in = { .attr = FAT_ATTR_DIRECTORY, .nt_case = FAT_CASE_LOWER_BASE,
				      .first_cluster = 0x12345678, .size = 0xDEADBEEF,
				      .mtime = 0x1234, .mdate = 0x5678 }, out;
	memcpy(in.raw, "\xE5" "ABC    TXT", 11);
	uint8_t e[32];
	fat_dirent_encode(e, &in);
	HCHECK_EQ(e[0], 0x05);                     /* a leading 0xE5 is stored as 0x05 */
	HCHECK_EQ(fat_dirent_classify(e), FAT_SLOT_SHORT);
	fat_dirent_decode(e, &out);
	HCHECK(!memcmp(in.raw, out.raw, 11));
	HCHECK(in.attr == out.attr && in.nt_case == out.nt_case && in.first_cluster == out.first_cluster);
	HCHECK(in.size == out.size && in.mtime == out.mtime && in.mdate == out.mdate);
	e[0] = 0xE5;
	HCHECK_EQ(fat_dirent_classify(e), FAT_SLOT_FREE);
	e[0] = 0;
	HCHECK_EQ(fat_dirent_classify(e), FAT_SLOT_END);
}
