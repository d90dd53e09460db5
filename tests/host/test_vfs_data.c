/*
 * tests/host/test_vfs_data.c - file data through the page cache
 * (fs/vfs/data.c) over FAT on an image made by mkfs.fat: write-back (the
 * disk sees nothing until a sync), gaps and partial pages, truncate both
 * ways, a full volume (-E_NOSPC from the write, nothing changed); then
 * fsck.fat -n and mtype judge the image.
 */
#include "htest.h"
#include "himage.h"
#include "fs/fat/fat_vfs.h"
#include "fs/fat/volume.h"
#include "mm/pcache.h"
#include "mm/vmm.h"

#define mnt himage_mnt

static struct pcache_stats stats(void)
{
	struct pcache_stats s;
	pcache_get_stats(&s);
	return s;
}

HTEST(vfs_data_stays_dirty_in_the_cache_until_a_sync)
{
	const char *img = "build/host/data-wb.img";
	HCHECK(himage_vfs_start("-F 16", 16384, img));
	static char text[10000];
	for (unsigned i = 0; i < sizeof text; i++)
		text[i] = (char)('a' + i % 26);
	struct vfs_node *n;
	HCHECK_EQ(vfs_open(NULL, "/wb.txt", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	struct pcache_stats before = stats();
	HCHECK_EQ(vfs_write(n, 0, text, sizeof text), (int)sizeof text);
	HCHECK_EQ(stats().dirty, before.dirty + 3);
	HCHECK_EQ(stats().writes, before.writes);   /* nothing on the disk yet */
	HCHECK_EQ(vfs_node_sync(n), 0);
	HCHECK_EQ(stats().dirty, before.dirty);
	HCHECK_EQ(stats().writes, before.writes + 3);
	char got[26];
	HCHECK_EQ(vfs_read(n, 9990, got, sizeof got), 10);   /* short at the end */
	HCHECK(!memcmp(got, text + 9990, 10));
	vfs_node_put(n);
	HCHECK(himage_vfs_finish(img));
	static char out[12000];
	HCHECK_EQ(himage_mtype(img, "/wb.txt", out, sizeof out), (long)sizeof text);
	HCHECK(!memcmp(out, text, sizeof text));
}

HTEST(vfs_data_gaps_read_as_zeros_and_partial_pages_keep_their_bytes)
{
	const char *img = "build/host/data-gap.img";
	HCHECK(himage_vfs_start("-F 32 -s 1", 65536, img));
	struct vfs_node *n;
	HCHECK_EQ(vfs_open(NULL, "/gap.bin", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	HCHECK_EQ(vfs_write(n, 0, "head", 4), 4);
	HCHECK_EQ(vfs_write(n, 10000, "tail", 4), 4);       /* a gap of 9996 bytes */
	HCHECK_EQ(vfs_node_sync(n), 0);
	HCHECK_EQ(pcache_object_drop(&n->pages, 0, false), 0);   /* from the disk now */
	HCHECK_EQ(vfs_write(n, 4094, "XYZW", 4), 4);        /* across a page boundary */
	static char got[10004];
	HCHECK_EQ(vfs_read(n, 0, got, sizeof got), (int)sizeof got);
	HCHECK(!memcmp(got, "head", 4) && !memcmp(got + 10000, "tail", 4));
	HCHECK(!memcmp(got + 4094, "XYZW", 4));
	unsigned nonzero = 0;
	for (unsigned i = 4; i < 10000; i++)
		nonzero += got[i] != 0 && (i < 4094 || i >= 4098);
	HCHECK_EQ(nonzero, 0);
	vfs_node_put(n);
	HCHECK(himage_vfs_finish(img));
	static char out[12000];
	HCHECK_EQ(himage_mtype(img, "/gap.bin", out, sizeof out), 10004);
	HCHECK(!memcmp(out, got, sizeof got));
}

HTEST(vfs_data_truncate_forgets_the_tail_and_a_growth_reads_zeros)
{
	const char *img = "build/host/data-trunc.img";
	HCHECK(himage_vfs_start("-F 16", 16384, img));
	static char full[9000], got[12000];
	memset(full, 'q', sizeof full);
	struct vfs_node *n;
	HCHECK_EQ(vfs_open(NULL, "/t.bin", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	HCHECK_EQ(vfs_write(n, 0, full, sizeof full), (int)sizeof full);
	HCHECK_EQ(vfs_truncate(n, 5000), 0);
	HCHECK_EQ(n->pages.pages, 2);                         /* page 2 forgotten */
	paddr_t pa;                                           /* no stale bytes past the end */
	HCHECK_EQ(pcache_lookup(&n->pages, 1, &pa), 0);      /* (a mapping would see them) */
	const char *page = arch_vmm_phys_to_virt(pa);
	unsigned stale = 0;
	for (unsigned i = 5000 - 4096; i < 4096; i++)
		stale += page[i] != 0;
	pcache_put(pa);
	HCHECK_EQ(stale, 0);
	HCHECK_EQ(vfs_truncate(n, 12000), 0);
	HCHECK_EQ(vfs_read(n, 0, got, sizeof got), (int)sizeof got);
	unsigned wrong = 0;
	for (unsigned i = 0; i < sizeof got; i++)
		wrong += got[i] != (i < 5000 ? 'q' : 0);
	HCHECK_EQ(wrong, 0);
	struct vfs_stat st;
	HCHECK_EQ(vfs_stat(n, &st), 0);
	HCHECK_EQ(st.size, 12000);
	vfs_node_put(n);
	HCHECK(himage_vfs_finish(img));
	static char out[13000];
	HCHECK_EQ(himage_mtype(img, "/t.bin", out, sizeof out), 12000);
	HCHECK(!memcmp(out, got, sizeof got));
}

/* A page past the new end that a concurrent read() or write() holds (its
 * pcache_get reference) is forgotten by the truncate all the same: no
 * stale page and no index_end stay cached past the end; the holder keeps
 * its frame until its put. */
HTEST(vfs_data_truncate_forgets_a_page_a_reader_holds)
{
	const char *img = "build/host/data-trbusy.img";
	HCHECK(himage_vfs_start("-F 16", 16384, img));
	static char full[9000];
	memset(full, 'b', sizeof full);
	struct vfs_node *n;
	HCHECK_EQ(vfs_open(NULL, "/busy.bin", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	HCHECK_EQ(vfs_write(n, 0, full, sizeof full), (int)sizeof full);
	uint32_t cached = stats().cached;
	paddr_t held, pa;
	HCHECK_EQ(pcache_get(&n->pages, 2, &held), 0);   /* a read copying from page 2 */
	HCHECK_EQ(vfs_truncate(n, 5000), 0);
	HCHECK_EQ(n->pages.pages, 2);
	HCHECK_EQ(n->pages.index_end, 2);
	HCHECK_EQ(stats().cached, cached - 1);
	HCHECK_EQ(pcache_lookup(&n->pages, 2, &pa), -E_NOENT);
	HCHECK_EQ(((const char *)arch_vmm_phys_to_virt(held))[0], 0);   /* zeroed, then let go */
	pcache_put(held);
	HCHECK_EQ(vfs_write(n, 9000, "x", 1), 1);   /* a growth: page 2 new, zeros before the x */
	char got[2];
	HCHECK_EQ(vfs_read(n, 8999, got, 2), 2);
	HCHECK(got[0] == 0 && got[1] == 'x');
	vfs_node_put(n);
	HCHECK(himage_vfs_finish(img));
}

/* A growth waits for the writer flag before it reads the end: a writer
 * that held the flag (asleep in a copy) may have moved the end, and zeros
 * from the stale one would overwrite its bytes. Here the "sleep" of the
 * truncate is when that writer finishes. */
static struct vfs_node *racing;
static int racer_rc;

static void the_writer_finishes(const void *chan)
{
	(void)chan;
	host_sleep_hook = NULL;
	racing->writing = false;   /* the writer that held it lets go... */
	racer_rc = vfs_write(racing, racing->pages.size, "DATA", 4);   /* ...having appended */
}

HTEST(vfs_data_truncate_growth_reads_the_end_under_the_writer_flag)
{
	const char *img = "build/host/data-trgrow.img";
	HCHECK(himage_vfs_start("-F 16", 16384, img));
	static char got[200];
	memset(got, 'a', 100);
	struct vfs_node *n;
	HCHECK_EQ(vfs_open(NULL, "/grow.bin", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	HCHECK_EQ(vfs_write(n, 0, got, 100), 100);
	n->writing = true;   /* a writer in the middle of its write */
	racing = n;
	host_sleep_hook = the_writer_finishes;
	int rc = vfs_truncate(n, 200);
	host_sleep_hook = NULL;
	HCHECK_EQ(rc, 0);
	HCHECK_EQ(racer_rc, 4);
	HCHECK_EQ(vfs_read(n, 0, got, sizeof got), 200);
	unsigned wrong = 0;
	for (unsigned i = 0; i < sizeof got; i++)
		wrong += got[i] != (i < 100 ? 'a' : i < 104 ? "DATA"[i - 100] : 0);
	HCHECK_EQ(wrong, 0);
	vfs_node_put(n);
	HCHECK(himage_vfs_finish(img));
}

HTEST(vfs_data_a_full_volume_refuses_the_write_and_changes_nothing)
{
	const char *img = "build/host/data-full.img";
	HCHECK(himage_vfs_start("-F 16 -s 2", 8192, img));
	static char chunk[65536];
	memset(chunk, 7, sizeof chunk);
	struct vfs_node *n;
	HCHECK_EQ(vfs_open(NULL, "/filler", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	uint32_t off = 0;
	int rc;
	while ((rc = vfs_write(n, off, chunk, sizeof chunk)) == (int)sizeof chunk)
		off += sizeof chunk;
	HCHECK_EQ(rc, -E_NOSPC);
	struct fat_volume *v = mnt->fs;
	uint32_t free_left = v->free_clusters, cached = n->pages.pages;
	HCHECK_EQ(vfs_write(n, off, chunk, sizeof chunk), -E_NOSPC);
	HCHECK_EQ(n->pages.size, off);
	HCHECK_EQ(n->pages.pages, cached);                    /* no page taken for it */
	HCHECK_EQ(v->free_clusters, free_left);
	HCHECK_EQ(vfs_write(n, off, chunk, 512), 512);       /* what fits still goes */
	vfs_node_put(n);
	HCHECK(himage_vfs_finish(img));
}
