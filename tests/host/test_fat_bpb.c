/*
 * tests/host/test_fat_bpb.c - the boot sector and FSInfo of volumes made by
 * the real mkfs.fat (scripts/host-test.sh writes build/host/fat16.img and
 * fat32.img), and corrupt boot sectors: each bad field is refused with a
 * reason; whatever one byte becomes, an accepted geometry stays inside
 * the volume.
 */
#include "htest.h"
#include "fs/fat/bpb.h"
#include <stdint.h>

static uint8_t boot[512], fsinfo[512];

/* Reads sector n of a host image into buf; false on any error. */
static bool read_sector(const char *path, uint32_t n, uint8_t *buf)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool ok = fseek(f, (long)n * 512, SEEK_SET) == 0 && fread(buf, 1, 512, f) == 512;
	fclose(f);
	return ok;
}

#define FAT16_SECTORS (16u * 2048u)
#define FAT32_SECTORS (64u * 2048u)

HTEST(fat_bpb_reads_a_fat16_volume_mkfs_made)
{
	HCHECK(read_sector("build/host/fat16.img", 0, boot));
	struct fat_geometry g;
	const char *why;
	HCHECK_EQ(fat_bpb_parse(boot, FAT16_SECTORS, &g, &why), 0);
	HCHECK_EQ(g.type, FAT_TYPE_16);
	HCHECK_EQ(g.bytes_per_sector, 512);
	HCHECK_EQ(g.fat_count, 2);
	HCHECK_EQ(g.total_sectors, FAT16_SECTORS);
	HCHECK_EQ(g.root_entries, 512);
	HCHECK_EQ(g.root_dir_sectors, 32);
	HCHECK_EQ(g.root_dir_start, g.reserved_sectors + 2 * g.fat_sectors);
	HCHECK_EQ(g.data_start, g.root_dir_start + 32);
	HCHECK(g.data_start + g.cluster_count * g.sectors_per_cluster <= g.total_sectors);
	HCHECK(g.fat_sectors * 512 >= (g.cluster_count + 2) * 2);
	HCHECK(g.fat_mirrored);
}

HTEST(fat_bpb_reads_a_fat32_volume_and_its_fsinfo)
{
	HCHECK(read_sector("build/host/fat32.img", 0, boot));
	struct fat_geometry g;
	const char *why;
	HCHECK_EQ(fat_bpb_parse(boot, FAT32_SECTORS, &g, &why), 0);
	HCHECK_EQ(g.type, FAT_TYPE_32);
	HCHECK_EQ(g.sectors_per_cluster, 1);
	HCHECK_EQ(g.root_dir_sectors, 0);
	HCHECK_EQ(g.root_cluster, 2);
	HCHECK_EQ(g.fsinfo_sector, 1);
	HCHECK(g.cluster_count > 65524);
	HCHECK(g.fat_sectors * 512 >= (g.cluster_count + 2) * 4);
	HCHECK(read_sector("build/host/fat32.img", g.fsinfo_sector, fsinfo));
	struct fat_fsinfo fi;
	HCHECK(fat_fsinfo_parse(fsinfo, &g, &fi));
	HCHECK_EQ(fi.free_count, g.cluster_count - 1);   /* all but the root directory's cluster */
	fi.free_count = 1234;
	fat_fsinfo_store(fsinfo, &fi);
	HCHECK(fat_fsinfo_parse(fsinfo, &g, &fi));
	HCHECK_EQ(fi.free_count, 1234);
	fsinfo[0] ^= 1;
	HCHECK(!fat_fsinfo_parse(fsinfo, &g, &fi));
	HCHECK_EQ(fi.free_count, FAT_FSINFO_UNKNOWN);
}

/* Loads the FAT32 boot sector, applies one change, expects a refusal naming want. */
static bool refused(uint32_t off, uint8_t value, const char *want)
{
	if (!read_sector("build/host/fat32.img", 0, boot))
		return false;
	boot[off] = value;
	struct fat_geometry g;
	const char *why = NULL;
	return fat_bpb_parse(boot, FAT32_SECTORS, &g, &why) == -E_BADFMT && why && strstr(why, want);
}

HTEST(fat_bpb_refuses_bad_fields_with_a_reason)
{
	HCHECK(refused(510, 0, "signature"));
	HCHECK(refused(0, 0, "jump"));
	HCHECK(refused(12, 0x03, "bytes per sector"));          /* 768 */
	HCHECK(refused(13, 3, "sectors per cluster"));
	HCHECK(refused(14, 0, "reserved") || refused(15, 0, "reserved"));
	HCHECK(refused(16, 0, "number of FATs"));
	HCHECK(refused(21, 0x12, "media"));
	HCHECK(refused(47, 0x10, "root directory cluster"));
	HCHECK(refused(42, 1, "version"));
	HCHECK(refused(35, 0x10, "larger than its partition"));   /* TotSec32 x 4096 */
	HCHECK(refused(36, 1, "too small") || refused(37, 0, "too small"));
	HCHECK(read_sector("build/host/fat32.img", 0, boot));
	struct fat_geometry g;
	const char *why;
	HCHECK_EQ(fat_bpb_parse(boot, FAT32_SECTORS / 2, &g, &why), -E_BADFMT);   /* partition too small */
}

HTEST(fat_bpb_every_single_byte_corruption_is_safe)
{
	const char *images[] = { "build/host/fat16.img", "build/host/fat32.img" };
	const uint32_t sectors[] = { FAT16_SECTORS, FAT32_SECTORS };
	for (unsigned im = 0; im < 2; im++) {
		for (unsigned off = 0; off < 96; off++) {
			for (unsigned v = 0; v < 256; v += 7) {
				HCHECK(read_sector(images[im], 0, boot));
				boot[off] = (uint8_t)v;
				struct fat_geometry g;
				const char *why;
				if (fat_bpb_parse(boot, sectors[im], &g, &why))
					continue;
				HCHECK(g.total_sectors * (uint64_t)g.bytes_per_sector <= sectors[im] * 512ull);
				HCHECK(g.data_start + (uint64_t)g.cluster_count * g.sectors_per_cluster <=
				       g.total_sectors);
				HCHECK((uint64_t)g.fat_sectors * g.bytes_per_sector >=
				       (g.cluster_count + 2ull) * (g.type == FAT_TYPE_16 ? 2 : 4));
				HCHECK(g.type != FAT_TYPE_32 ||
				       (g.root_cluster >= 2 && g.root_cluster <= g.cluster_count + 1));
			}
		}
	}
}
