/*
 * fs/fat/bpb.c - boot sector and FSInfo validation (see bpb.h), after the
 * FAT specification (Microsoft "FAT: General Overview of On-Disk Format",
 * section 3 "Boot Sector and BPB", and the FSInfo structure). Nothing
 * past the BPB is read until every field here has been checked, so the
 * rest of the FAT code may trust the geometry: every sector it computes
 * lies inside the volume.
 */
#include "fs/fat/bpb.h"

/* BPB fields common to FAT12/16/32 (offsets in the boot sector). */
#define BPB_BYTS_PER_SEC 11u   /* u16 */
#define BPB_SEC_PER_CLUS 13u   /* u8 */
#define BPB_RSVD_SEC_CNT 14u   /* u16 */
#define BPB_NUM_FATS     16u   /* u8 */
#define BPB_ROOT_ENT_CNT 17u   /* u16, 0 on FAT32 */
#define BPB_TOT_SEC16    19u   /* u16 */
#define BPB_MEDIA        21u   /* u8 */
#define BPB_FAT_SZ16     22u   /* u16, 0 on FAT32 */
#define BPB_TOT_SEC32    32u   /* u32 */
/* FAT32 extension. */
#define BPB_FAT_SZ32     36u   /* u32 */
#define BPB_EXT_FLAGS    40u   /* u16: bit 7 = only one FAT active */
#define BPB_FS_VER       42u   /* u16, must be 0 */
#define BPB_ROOT_CLUS    44u   /* u32 */
#define BPB_FS_INFO      48u   /* u16 */
#define BOOT_SIG_OFFSET  510u  /* 0x55 0xAA */

/* FSInfo sector. */
#define FSI_LEAD_SIG     0u      /* 0x41615252 */
#define FSI_STRUC_SIG    484u    /* 0x61417272 */
#define FSI_FREE_COUNT   488u
#define FSI_NXT_FREE     492u
#define FSI_TRAIL_SIG    508u    /* 0xAA550000 */

/* Cluster-count limits that define the FAT type (specification, 3.5). */
#define FAT12_MAX_CLUSTERS 4084u
#define FAT16_MAX_CLUSTERS 65524u
#define FAT32_MAX_CLUSTERS 0x0FFFFFF5u

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }
static void put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24); }
static bool power_of_two(uint32_t v) { return v && !(v & (v - 1)); }

/* The fields that need no arithmetic; NULL when all are sound. */
static const char *basic_problem(const uint8_t *s)
{
	uint32_t bps = le16(s + BPB_BYTS_PER_SEC), spc = s[BPB_SEC_PER_CLUS];
	if (s[BOOT_SIG_OFFSET] != 0x55 || s[BOOT_SIG_OFFSET + 1] != 0xAA)
		return "no boot sector signature (0x55AA at offset 510)";
	if (s[0] != 0xEB && s[0] != 0xE9)
		return "no jump instruction at the start of the boot sector";
	if (!power_of_two(bps) || bps < 512 || bps > 4096)
		return "bytes per sector is not 512, 1024, 2048 or 4096";
	if (!power_of_two(spc) || spc > 128 || bps * spc > 65536)
		return "sectors per cluster is not a power of two up to 128 (64 KiB clusters)";
	if (le16(s + BPB_RSVD_SEC_CNT) == 0)
		return "no reserved sectors";
	if (s[BPB_NUM_FATS] == 0 || s[BPB_NUM_FATS] > 2)
		return "the number of FATs is not 1 or 2";
	if (s[BPB_MEDIA] != 0xF0 && s[BPB_MEDIA] < 0xF8)
		return "bad media descriptor";
	return NULL;
}

/* Sizes from the BPB, in sectors of the volume's own sector size. */
static const char *read_sizes(const uint8_t *s, struct fat_geometry *g)
{
	g->bytes_per_sector = le16(s + BPB_BYTS_PER_SEC);
	g->sectors_per_cluster = s[BPB_SEC_PER_CLUS];
	g->reserved_sectors = le16(s + BPB_RSVD_SEC_CNT);
	g->fat_count = s[BPB_NUM_FATS];
	g->root_entries = le16(s + BPB_ROOT_ENT_CNT);
	g->fat_sectors = le16(s + BPB_FAT_SZ16) ? le16(s + BPB_FAT_SZ16) : le32(s + BPB_FAT_SZ32);
	g->total_sectors = le16(s + BPB_TOT_SEC16) ? le16(s + BPB_TOT_SEC16) : le32(s + BPB_TOT_SEC32);
	g->root_dir_sectors = (g->root_entries * 32 + g->bytes_per_sector - 1) / g->bytes_per_sector;
	if (g->fat_sectors == 0)
		return "the FAT size is 0";
	if ((g->root_entries * 32) % g->bytes_per_sector)
		return "the root directory does not fill whole sectors";
	return NULL;
}

/* Where the regions lie and how many clusters there are. */
static const char *lay_out(struct fat_geometry *g, uint32_t volume_sectors)
{
	uint64_t meta = (uint64_t)g->reserved_sectors + (uint64_t)g->fat_count * g->fat_sectors +
			g->root_dir_sectors;
	uint64_t vol = (uint64_t)volume_sectors * 512 / g->bytes_per_sector;
	if (g->total_sectors > vol)
		return "the volume is larger than its partition";
	if (meta >= g->total_sectors)
		return "the FATs and root directory leave no room for data";
	g->root_dir_start = g->reserved_sectors + g->fat_count * g->fat_sectors;
	g->data_start = g->root_dir_start + g->root_dir_sectors;
	g->cluster_count = (g->total_sectors - g->data_start) / g->sectors_per_cluster;
	g->type = g->cluster_count <= FAT12_MAX_CLUSTERS ? FAT_TYPE_12 :
		  g->cluster_count <= FAT16_MAX_CLUSTERS ? FAT_TYPE_16 : FAT_TYPE_32;
	if (g->type == FAT_TYPE_12)
		return "FAT12 volumes are not supported (FAT16 and FAT32 only)";
	if (g->cluster_count > FAT32_MAX_CLUSTERS)
		return "too many clusters for FAT32";
	uint64_t fat_bytes = (uint64_t)(g->cluster_count + 2) * (g->type == FAT_TYPE_16 ? 2 : 4);
	if ((uint64_t)g->fat_sectors * g->bytes_per_sector < fat_bytes)
		return "the FAT is too small for the clusters of the volume";
	return NULL;
}

/* The fields whose meaning depends on the type. */
static const char *type_problem(const uint8_t *s, struct fat_geometry *g)
{
	bool fat32_bpb = le16(s + BPB_FAT_SZ16) == 0;
	if ((g->type == FAT_TYPE_32) != fat32_bpb)
		return "the BPB's FAT32 fields disagree with the cluster count";
	if (g->type == FAT_TYPE_16) {
		g->fat_mirrored = true;
		return g->root_entries ? NULL : "a FAT16 volume with no root directory entries";
	}
	uint32_t ext = le16(s + BPB_EXT_FLAGS);
	g->fat_mirrored = !(ext & 0x80);
	g->root_cluster = le32(s + BPB_ROOT_CLUS);
	g->fsinfo_sector = le16(s + BPB_FS_INFO);
	if (g->root_entries || le16(s + BPB_TOT_SEC16))
		return "a FAT32 volume with FAT16 root or size fields";
	if (le16(s + BPB_FS_VER) != 0)
		return "unknown FAT32 version";
	if (!g->fat_mirrored && (ext & 0xF) >= g->fat_count)
		return "the active FAT does not exist";
	g->active_fat = g->fat_mirrored ? 0 : (ext & 0xF);
	if (g->root_cluster < 2 || g->root_cluster > g->cluster_count + 1)
		return "the root directory cluster is out of range";
	if (g->fsinfo_sector == 0xFFFF || g->fsinfo_sector >= g->reserved_sectors)
		g->fsinfo_sector = 0;   /* no usable FSInfo: the hints are just unknown */
	return NULL;
}

int fat_bpb_parse(const uint8_t *sector, uint32_t volume_sectors,
		  struct fat_geometry *g, const char **why)
{
	*g = (struct fat_geometry){ 0 };
	const char *problem = basic_problem(sector);
	if (!problem)
		problem = read_sizes(sector, g);
	if (!problem)
		problem = lay_out(g, volume_sectors);
	if (!problem)
		problem = type_problem(sector, g);
	*why = problem;
	return problem ? -E_BADFMT : 0;
}

bool fat_fsinfo_parse(const uint8_t sector[512], const struct fat_geometry *g,
		      struct fat_fsinfo *out)
{
	out->free_count = out->next_free = FAT_FSINFO_UNKNOWN;
	if (le32(sector + FSI_LEAD_SIG) != 0x41615252u || le32(sector + FSI_STRUC_SIG) != 0x61417272u ||
	    le32(sector + FSI_TRAIL_SIG) != 0xAA550000u)
		return false;
	uint32_t free_count = le32(sector + FSI_FREE_COUNT), next = le32(sector + FSI_NXT_FREE);
	if (free_count <= g->cluster_count)
		out->free_count = free_count;
	if (next >= 2 && next <= g->cluster_count + 1)
		out->next_free = next;
	return true;
}

void fat_fsinfo_store(uint8_t sector[512], const struct fat_fsinfo *in)
{
	put32(sector + FSI_FREE_COUNT, in->free_count);
	put32(sector + FSI_NXT_FREE, in->next_free);
}
