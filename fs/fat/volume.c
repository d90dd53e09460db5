/*
 * fs/fat/volume.c - mounting a FAT volume and writing it back (see
 * volume.h): the boot sector is validated before anything else is read,
 * the free-cluster count is recounted from the FAT itself (FSInfo holds
 * only a hint), and sync leaves FSInfo, both FAT copies and every
 * directory sector on the device.
 */
#include "fs/fat/volume.h"
#include "fs/cache/bcache.h"
#include "lib/kprintf.h"

static int count_free(struct fat_volume *v)
{
	v->free_clusters = 0;
	v->next_free = 0;
	for (uint32_t c = 2; c <= v->g.cluster_count + 1; c++) {
		enum fat_link link;
		uint32_t next;
		int rc = fat_link_get(v, c, &link, &next);
		if (rc)
			return rc;
		if (link == FAT_LINK_FREE && !v->free_clusters++)
			v->next_free = c;
	}
	if (!v->next_free)
		v->next_free = 2;
	return 0;
}

static int read_boot_sector(struct block_device *dev, struct fat_geometry *g)
{
	int rc;
	struct bcache_buf *b = bcache_get(dev, 0, &rc);
	if (!b)
		return rc;
	const char *why = NULL;
	rc = fat_bpb_parse(b->data, dev->sectors, g, &why);
	if (!rc && g->bytes_per_sector != BCACHE_SECTOR)
		rc = -E_BADFMT, why = "sectors other than 512 bytes are not supported";
	bcache_put(b);
	if (rc == -E_BADFMT)
		kprintf("fat: %s: not mounted: %s\n", dev->name, why);
	return rc;
}

int fat_mount(struct block_device *dev, struct fat_volume *v)
{
	*v = (struct fat_volume){ .dev = dev };
	int rc = read_boot_sector(dev, &v->g);
	if (rc)
		return rc;
	rc = count_free(v);
	if (rc)
		return rc;
	v->fsinfo_stale = v->g.type == FAT_TYPE_32 && v->g.fsinfo_sector;
	return 0;
}

/* Puts the exact free count and the search hint into FSInfo. */
static int store_fsinfo(struct fat_volume *v)
{
	int rc;
	struct bcache_buf *b = bcache_get(v->dev, v->g.fsinfo_sector, &rc);
	if (!b)
		return rc;
	struct fat_fsinfo fi;
	if (fat_fsinfo_parse(b->data, &v->g, &fi)) {
		fi = (struct fat_fsinfo){ v->free_clusters, v->next_free };
		fat_fsinfo_store(b->data, &fi);
		bcache_mark_dirty(b);
	}
	bcache_put(b);
	return 0;
}

int fat_sync(struct fat_volume *v)
{
	if (v->fsinfo_stale) {
		int rc = store_fsinfo(v);
		if (rc)
			return rc;
		v->fsinfo_stale = false;
	}
	return bcache_sync(v->dev);
}

struct fat_dir fat_root(const struct fat_volume *v)
{
	return (struct fat_dir){ v->g.type == FAT_TYPE_32 ? v->g.root_cluster : 0 };
}
