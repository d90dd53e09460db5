/*
 * tests/host/test_mbr.c - the MBR parser on a table written by the real
 * sfdisk (scripts/host-test.sh makes build/host/mbr-sfdisk.img) and on
 * hand-made corrupt tables: every bad table is refused with a reason and
 * leaves no partition behind.
 */
#include "htest.h"
#include "fs/part/mbr.h"
#include <stdint.h>

#define DISK_SECTORS (64u * 2048u)   /* 64 MiB */

static uint8_t sector[MBR_SECTOR_SIZE];

static void w32(uint8_t *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }

static void set_entry(unsigned i, uint8_t status, uint8_t type, uint32_t start, uint32_t count)
{
	uint8_t *e = sector + 446 + 16 * i;
	e[0] = status;
	e[4] = type;
	w32(e + 8, start);
	w32(e + 12, count);
}

/* A sound table: FAT at 1 MiB (bootable), swap after it. */
static void make_table(void)
{
	memset(sector, 0, sizeof sector);
	sector[510] = 0x55;
	sector[511] = 0xAA;
	set_entry(0, 0x80, MBR_TYPE_FAT16_LBA, 2048, 40960);
	set_entry(1, 0x00, MBR_TYPE_SWAP, 43008, 16384);
}

static int parse(struct mbr_table *t, const char **why)
{
	return mbr_parse(sector, DISK_SECTORS, t, why);
}

HTEST(mbr_reads_the_table_sfdisk_wrote)
{
	FILE *f = fopen("build/host/mbr-sfdisk.img", "rb");
	HCHECK(f != NULL);
	size_t n = fread(sector, 1, sizeof sector, f);
	fclose(f);
	HCHECK_EQ(n, sizeof sector);
	struct mbr_table t;
	const char *why;
	HCHECK_EQ(parse(&t, &why), 0);
	HCHECK_EQ(t.count, 2);
	HCHECK_EQ(t.part[0].type, MBR_TYPE_FAT32_LBA);
	HCHECK(t.part[0].bootable);
	HCHECK_EQ(t.part[0].start, 2048);
	HCHECK_EQ(t.part[0].sectors, 32768);
	HCHECK_EQ(t.part[1].type, MBR_TYPE_SWAP);
	HCHECK(!t.part[1].bootable);
	HCHECK_EQ(t.part[1].start, 34816);
	HCHECK_EQ(t.part[1].sectors, DISK_SECTORS - 34816);
	HCHECK(!strcmp(mbr_type_name(t.part[1].type), "Linux swap"));
}

HTEST(mbr_accepts_a_sound_table_and_skips_empty_entries)
{
	make_table();
	set_entry(0, 0, 0, 0, 0);
	set_entry(3, 0x00, 0x83, 100000, DISK_SECTORS - 100000);
	struct mbr_table t;
	const char *why;
	HCHECK_EQ(parse(&t, &why), 0);
	HCHECK_EQ(t.count, 2);
	HCHECK_EQ(t.part[0].index, 1);
	HCHECK_EQ(t.part[1].index, 3);
	HCHECK_EQ(t.part[1].start + t.part[1].sectors, DISK_SECTORS);
}

HTEST(mbr_empty_table_is_valid_and_empty)
{
	make_table();
	set_entry(0, 0, 0, 0, 0);
	set_entry(1, 0, 0, 0, 0);
	struct mbr_table t;
	const char *why;
	HCHECK_EQ(parse(&t, &why), 0);
	HCHECK_EQ(t.count, 0);
}

/* Expects the current sector to be refused with a reason containing want. */
static int refused_with(const char *want)
{
	struct mbr_table t;
	const char *why = NULL;
	int rc = parse(&t, &why);
	return rc == -E_BADFMT && t.count == 0 && why && strstr(why, want);
}

HTEST(mbr_refuses_corrupt_tables_with_a_reason)
{
	make_table();
	sector[511] = 0;
	HCHECK(refused_with("signature"));
	make_table();
	set_entry(1, 0x00, MBR_TYPE_SWAP, 40000, 16384);       /* into the FAT partition */
	HCHECK(refused_with("overlap"));
	make_table();
	set_entry(1, 0x00, MBR_TYPE_SWAP, 43008, DISK_SECTORS); /* past the end */
	HCHECK(refused_with("beyond the end"));
	make_table();
	set_entry(1, 0x00, MBR_TYPE_SWAP, 0xFFFFFF00u, 0x200);  /* start + size wraps */
	HCHECK(refused_with("beyond the end"));
	make_table();
	set_entry(1, 0x00, MBR_TYPE_SWAP, 0, 100);              /* over the table itself */
	HCHECK(refused_with("sector 0"));
	make_table();
	set_entry(1, 0x00, MBR_TYPE_SWAP, 43008, 0);
	HCHECK(refused_with("no sectors"));
	make_table();
	set_entry(1, 0x7f, MBR_TYPE_SWAP, 43008, 16384);
	HCHECK(refused_with("status"));
}

HTEST(mbr_every_single_byte_corruption_is_safe)
{
	/* Whatever one byte of the table becomes, the parser either refuses
	 * it or returns partitions inside the disk that do not overlap. */
	for (unsigned off = 446; off < 512; off++) {
		for (unsigned v = 0; v < 256; v += 17) {
			make_table();
			sector[off] = (uint8_t)v;
			struct mbr_table t;
			const char *why;
			if (parse(&t, &why))
				continue;
			for (unsigned i = 0; i < t.count; i++) {
				HCHECK(t.part[i].start > 0 && t.part[i].sectors > 0);
				HCHECK(t.part[i].start + (uint64_t)t.part[i].sectors <= DISK_SECTORS);
				for (unsigned k = 0; k < i; k++)
					HCHECK(t.part[i].start >= t.part[k].start + t.part[k].sectors ||
					       t.part[k].start >= t.part[i].start + t.part[i].sectors);
			}
		}
	}
}
