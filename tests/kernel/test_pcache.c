/*
 * tests/kernel/test_pcache.c - write errors under the page cache, on the
 * root file system (the harness's test disk only, known by the host's
 * /host/hello.txt): a disk write that fails (block_test_fail_writes) is an
 * error from fsync and from the file's last close, the page that failed
 * stays dirty until a write-back succeeds, and nothing written before is
 * damaged; the PMM's reclaim hook frees clean cache pages when the free
 * list is empty; a user copy from a mapped page that a truncate took
 * after the copy's prepare fails with -E_FAULT instead of the kernel.
 */
#include "tests/kernel/ktest.h"
#include "drivers/block/block.h"
#include "fs/vfs/vfs.h"
#include "kernel/file.h"
#include "kernel/fs_lock.h"
#include "mm/pcache.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/vmm_file.h"
#include "mm/vmm_region.h"
#include "kernel/usercopy.h"
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

/* The race of a write() from a MAP_SHARED page of a file: the writer's
 * prepare made the source page present, the writer slept (reading in the
 * page it writes into), another process truncated the source file and
 * vmm_file_cut took the page. Here the steps run in that order: prepare,
 * truncate, the copy. The copy's kernel-mode fault lies wholly past the
 * file's end (the fault path refuses it): -E_FAULT, the kernel goes on. */
static void a_copy_from_a_page_truncated_after_its_prepare_fails(void)
{
	if (!on_test_disk())
		return;
	struct vfs_node *n;
	KCHECK_EQ(new_file("/pcuc.bin", &n), 0);
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t va = 0x00400000;
	KCHECK_EQ(vmm_map_file((unsigned)s, va, 2 * PAGE_SIZE, VMM_READ, &n->pages, 0, VMM_RF_SHARED), 0);
	arch_vmm_space_activate((unsigned)s);
	int prepared = user_range_prepare(va, 2 * PAGE_SIZE, VMM_ACCESS_READ);
	int cut = vfs_truncate(n, 100);
	int copied = copy_from_user_prepared(back, va + PAGE_SIZE, 64);   /* page 1: past the end */
	int head = copy_from_user_prepared(back, va, 100);               /* page 0 stays */
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	vmm_unmap_files((unsigned)s);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(prepared, 0);
	KCHECK_EQ(cut, 0);
	KCHECK_EQ(copied, -E_FAULT);
	KCHECK_EQ(head, 0);
	KCHECK(!memcmp(back, data, 100));
	remove_file("/pcuc.bin", n);
	KCHECK(ktest_free_frames() >= before);
}

const struct ktest ktests_pcache[] = {
	{ a_failed_write_back_is_fsyncs_error_and_stays_dirty,
	  "pcache: a failed write-back is fsync's error; the page stays dirty, nothing lost" },
	{ the_last_close_reports_a_write_error, "pcache: the last close returns a write-back error" },
	{ an_empty_pmm_reclaims_clean_cache_pages, "pcache: an empty PMM reclaims clean cache pages" },
	{ a_copy_from_a_page_truncated_after_its_prepare_fails,
	  "pcache: a user copy from a page a truncate took after its prepare fails, the kernel goes on" },
	{ NULL, NULL },
};
