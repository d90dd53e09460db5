/*
 * tests/kernel/test_pcache.c - write errors under the page cache, on the
 * root file system (the harness's test disk only, known by the host's
 * /host/hello.txt): a disk write that fails (block_test_fail_writes) is an
 * error from fsync and from the file's last close, the page that failed
 * stays dirty until a write-back succeeds, and nothing written before is
 * damaged; the PMM's reclaim hook frees clean cache pages when the free
 * list is empty.
 */
#include "tests/kernel/ktest.h"
#include "drivers/block/block.h"
#include "fs/vfs/vfs.h"
#include "kernel/file.h"
#include "kernel/fs_lock.h"
#include "mm/pcache.h"
#include "mm/pmm.h"
#include "lib/string.h"

static uint8_t data[8192], back[8192];

static bool on_test_disk(void)
{
	struct vfs_node *root = vfs_root(), *n;
	if (!root)
		return false;
	int rc = vfs_resolve(root, "/host/hello.txt", &n);
	vfs_node_put(root);
	if (!rc)
		vfs_node_put(n);
	if (rc)
		kprintf("  pcache: skipped (not the test disk)\n");
	return rc == 0;
}

/* A new file at path with the 8 KiB pattern in its cached (dirty) pages. */
static int new_file(const char *path, struct vfs_node **n)
{
	for (unsigned i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i * 5 + 1);
	fs_lock();
	int rc = vfs_open(NULL, path, VFS_O_RDWR | VFS_O_CREAT | VFS_O_TRUNC, n);
	fs_unlock();
	if (rc)
		return rc;
	rc = vfs_write(*n, 0, data, sizeof data);
	return rc == (int)sizeof data ? 0 : rc < 0 ? rc : -E_IO;
}

static void remove_file(const char *path, struct vfs_node *n)
{
	fs_lock();
	vfs_node_put(n);
	vfs_unlink(NULL, path);
	fs_unlock();
}

static uint32_t dirty_pages(void)
{
	struct pcache_stats s;
	pcache_get_stats(&s);
	return s.dirty;
}

static void a_failed_write_back_is_fsyncs_error_and_stays_dirty(void)
{
	if (!on_test_disk())
		return;
	struct vfs_node *n;
	KCHECK_EQ(new_file("/pcerr1.bin", &n), 0);
	uint32_t dirty = dirty_pages();
	KCHECK(dirty >= 2);
	block_test_fail_writes(1);
	int rc = vfs_node_sync(n);
	block_test_fail_writes(0);
	KCHECK_EQ(rc, -E_IO);
	KCHECK_EQ(dirty_pages(), dirty - 1);   /* the other page went; the failed one waits */
	KCHECK_EQ(vfs_node_sync(n), 0);
	KCHECK_EQ(dirty_pages(), dirty - 2);
	KCHECK_EQ(pcache_object_drop(&n->pages, 0, false), 0);   /* read back from the disk */
	KCHECK_EQ(vfs_read(n, 0, back, sizeof back), (int)sizeof back);
	KCHECK(!memcmp(back, data, sizeof data));
	remove_file("/pcerr1.bin", n);
}

/* The file is the node's last user: its close writes back, fails, says so
 * and drops the change; what the disk held before is intact. */
static void the_last_close_reports_a_write_error(void)
{
	if (!on_test_disk())
		return;
	struct vfs_node *n;
	struct file *f;
	KCHECK_EQ(new_file("/pcerr2.bin", &n), 0);
	KCHECK_EQ(vfs_node_sync(n), 0);   /* on the disk: the failed write must not hurt it */
	KCHECK_EQ(file_open_node(n, VFS_O_RDWR, &f), 0);   /* n's reference is the file's now */
	KCHECK_EQ(file_write(f, "changed", 7), 7);
	block_test_fail_writes(100);
	int rc = file_close(f);
	block_test_fail_writes(0);
	KCHECK_EQ(rc, -E_IO);
	fs_lock();
	rc = vfs_open(NULL, "/pcerr2.bin", VFS_O_RDWR, &n);
	fs_unlock();
	KCHECK_EQ(rc, 0);
	KCHECK_EQ(vfs_read(n, 0, back, sizeof back), (int)sizeof back);
	KCHECK(!memcmp(back, data, sizeof data));
	remove_file("/pcerr2.bin", n);
}

static void an_empty_pmm_reclaims_clean_cache_pages(void)
{
	if (!on_test_disk())
		return;
	struct vfs_node *n;
	KCHECK_EQ(new_file("/pcerr3.bin", &n), 0);
	KCHECK_EQ(vfs_node_sync(n), 0);   /* clean now, cached, unmapped */
	paddr_t held = ktest_hold_frames(0), pa;
	int rc = pmm_alloc_frame(&pa);   /* only the hook can find one */
	if (!rc)
		pmm_free_frame(pa);
	ktest_release_frames(held);
	KCHECK_EQ(rc, 0);
	KCHECK(n->pages.pages < 2);
	KCHECK_EQ(vfs_read(n, 0, back, sizeof back), (int)sizeof back);
	KCHECK(!memcmp(back, data, sizeof data));
	remove_file("/pcerr3.bin", n);
}

const struct ktest ktests_pcache[] = {
	{ a_failed_write_back_is_fsyncs_error_and_stays_dirty,
	  "pcache: a failed write-back is fsync's error; the page stays dirty, nothing lost" },
	{ the_last_close_reports_a_write_error, "pcache: the last close returns a write-back error" },
	{ an_empty_pmm_reclaims_clean_cache_pages, "pcache: an empty PMM reclaims clean cache pages" },
	{ NULL, NULL },
};
