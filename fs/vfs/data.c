/*
 * fs/vfs/data.c - read() and write() of regular files through the page
 * cache (see vfs.h and docs/page-cache.md): every byte moves between one
 * cache frame and the caller's buffer, so the cache is the only copy of
 * file data. Write-back: write() takes the space (the file system grows
 * the file's clusters and size at once, so -E_NOSPC comes from here) and
 * leaves the data dirty in RAM; the pager writes it back later.
 *
 * Locking: the file-system lock (kernel/fs_lock.h) is taken only around
 * the file system's size changes, never across a copy (a copy may fault
 * on a file mapping, whose pager takes the lock). A node's writers take
 * turns on its writer flag (a sleep, held across the copies, never while
 * the file-system lock is held), so two writers' size changes and undo
 * steps cannot interleave.
 */
#include "fs/vfs/vfs.h"
#include "kernel/fs_lock.h"
#include "kernel/sleep.h"
#include "lib/string.h"
#include "mm/vmm.h"

static uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }
static char *page_kva(paddr_t pa) { return arch_vmm_phys_to_virt(pa); }

int vfs_read_with(struct vfs_node *n, uint32_t off, uint32_t len, const struct vfs_copier *c)
{
	if (n->type == VFS_DIR)
		return -E_ISDIR;
	uint32_t size = n->pages.size, done = 0;
	if (off >= size)
		return 0;
	len = min_u32(min_u32(len, size - off), INT32_MAX);
	while (done < len) {
		uint32_t at = off & (PAGE_SIZE - 1), step = min_u32(PAGE_SIZE - at, len - done);
		paddr_t pa;
		int rc = pcache_get(&n->pages, off >> PAGE_SHIFT, &pa);
		if (!rc) {
			rc = c->move(c, done, page_kva(pa) + at, step);
			pcache_put(pa);
		}
		if (rc)
			return done ? (int)done : rc;
		done += step, off += step;
	}
	return (int)done;
}

/* ---- size changes (the caller holds the file-system lock) ---- */

/* Cached bytes past a new end are zeroed, whole pages past it forgotten;
 * mappings lose them first (pcache_object_drop cuts them). A page that a
 * concurrent read() or write() holds makes the drop refuse (-E_BUSY): it
 * is forgotten all the same, page by page, since it is no part of the
 * file any more (its holder keeps the frame until its put). Only a page
 * the pager is filling or writing back at this moment stays, zeroed, and
 * index_end with it; then the drop that follows is refused again. */
static void forget_past(struct vfs_node *n, uint32_t size, uint32_t old)
{
	uint32_t first = ALIGN_UP(size, (uint32_t)PAGE_SIZE) >> PAGE_SHIFT;
	pcache_object_zero(&n->pages, size, ALIGN_UP(old, (uint32_t)PAGE_SIZE));
	if (pcache_object_drop(&n->pages, first, true) != -E_BUSY)
		return;
	for (uint32_t index = n->pages.index_end; index-- > first;)
		pcache_discard(&n->pages, index);
	pcache_object_drop(&n->pages, first, true);   /* lowers index_end if all went */
}

/* The file system's size and the cache's move together. A shrink updates
 * the cache first, so no write-back can land past the new end. */
static int set_size(struct vfs_node *n, uint32_t size)
{
	uint32_t old = n->pages.size;
	if (size < old) {
		n->pages.size = size;
		forget_past(n, size, old);
	}
	int rc = n->mnt->ops->truncate(n, size);
	if (!rc || size < old)
		n->pages.size = size;
	return rc;
}

static int set_size_locking(struct vfs_node *n, uint32_t size)
{
	bool took = fs_lock_unless_mine();
	int rc = set_size(n, size);
	if (took)
		fs_unlock();
	return rc;
}

/* ---- writing ---- */

static void writer_enter(struct vfs_node *n)
{
	while (n->writing)
		sched_sleep(&n->writing);
	n->writing = true;
}

static void writer_leave(struct vfs_node *n)
{
	n->writing = false;
	sched_wakeup(&n->writing);
}

/* A page to write into: fresh (zeroed, not read) when the write covers it
 * whole or it lies wholly past the old end. Out of frames, dirty pages are
 * written back to free some (a writer may sleep; the allocator may not). */
static int page_for_write(struct pcache_object *o, uint32_t index, bool fresh, paddr_t *pa)
{
	int rc = fresh ? pcache_get_new(o, index, pa) : pcache_get(o, index, pa);
	if (rc != -E_NOMEM || !sched_can_sleep() || !pcache_reclaim(PCACHE_PMM_BATCH, true))
		return rc;
	return fresh ? pcache_get_new(o, index, pa) : pcache_get(o, index, pa);
}

/* What one write fills: [from, end) of the file; bytes before off are the
 * zeros of a gap after the old end, the rest come from the copier. */
struct fill {
	struct vfs_node *n;
	uint32_t old, from, off, end;
	const struct vfs_copier *c;
};

/* One page's part [pos, pos + step) of the fill. */
static int fill_page(const struct fill *f, uint32_t pos, uint32_t step)
{
	uint32_t at = pos & (PAGE_SIZE - 1), gap = pos < f->off ? min_u32(step, f->off - pos) : 0;
	uint32_t index = pos >> PAGE_SHIFT, src = pos + gap - f->off;
	bool past_old = index * PAGE_SIZE >= f->old;
	int rc = step > gap && f->c->prepare ? f->c->prepare(f->c, src, step - gap) : 0;
	paddr_t pa;
	if (!rc)
		rc = page_for_write(&f->n->pages, index, past_old || step == PAGE_SIZE, &pa);
	if (rc)
		return rc;
	char *kva = page_kva(pa);
	memset(kva + at, 0, gap);
	if (step > gap)
		rc = f->c->move(f->c, src, kva + at + gap, step - gap);
	if (!rc && past_old)   /* past the end: nothing stale stays in the page */
		memset(kva + at + step, 0, PAGE_SIZE - at - step);
	if (!rc)
		pcache_mark_dirty(pa);   /* after the copy: a write-back meanwhile sees it again */
	pcache_put(pa);
	return rc;
}

#define DIRTY_CHECK_PAGES 32u   /* how often one long write looks at the dirty limit */

/* Fills the pages; *done is how many bytes from off on were written. A
 * long write writes its pages back as it goes when RAM gets too dirty
 * (a failure stays dirty: fsync reports it). */
static int fill_pages(const struct fill *f, uint32_t *done)
{
	uint32_t pos = f->from, pages = 0;
	int rc = 0;
	while (pos < f->end && !rc) {
		uint32_t step = min_u32(PAGE_SIZE - (pos & (PAGE_SIZE - 1)), f->end - pos);
		rc = fill_page(f, pos, step);
		if (!rc)
			pos += step;
		if (++pages % DIRTY_CHECK_PAGES == 0 && pcache_too_dirty())
			vfs_node_sync(f->n);
	}
	*done = pos > f->off ? pos - f->off : 0;
	return rc;
}

/* The steps of one write, under the node's writer flag. */
static int write_steps(struct vfs_node *n, uint32_t *off, uint32_t len, bool append,
		       const struct vfs_copier *c, uint32_t *done)
{
	bool took = fs_lock_unless_mine();
	uint32_t old = n->pages.size;
	if (append)
		*off = old;
	uint64_t end = (uint64_t)*off + len;
	int rc = end > 0xFFFFFFFFu || len > INT32_MAX ? -E_NOSPC : 0;
	if (!rc && end > old)
		rc = set_size(n, (uint32_t)end);   /* the space, or -E_NOSPC with nothing changed */
	if (took)
		fs_unlock();
	if (rc)
		return rc;
	struct fill f = { n, old, min_u32(*off, old), *off, (uint32_t)end, c };
	rc = fill_pages(&f, done);
	/* Part of it failed: the size covers only what was written (unless a
	 * truncate moved it meanwhile: then that one stands). */
	if (*done < len && end > old && n->pages.size == end)
		set_size_locking(n, *off + *done > old ? *off + *done : old);
	return rc;
}

int vfs_write_with(struct vfs_node *n, uint32_t *off, uint32_t len, bool append,
		   const struct vfs_copier *c)
{
	if (n->type == VFS_DIR)
		return -E_ISDIR;
	if (len == 0)
		return 0;
	uint32_t done = 0;
	writer_enter(n);
	int rc = write_steps(n, off, len, append, c, &done);
	writer_leave(n);
	if (done && pcache_too_dirty())
		vfs_node_sync(n);   /* a failure stays dirty: fsync reports it */
	return done ? (int)done : rc;
}

static int zeros_in(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len)
{
	(void)c, (void)at;
	memset(page, 0, len);
	return 0;
}

/* A growth is a write of zeros from the old end, and that end is read
 * under the writer flag: a writer that held it (asleep in a copy) may have
 * moved it meanwhile, and zeros from a stale end would overwrite what it
 * wrote. If it moved past size, the truncate, coming last, shrinks. */
static int grow(struct vfs_node *n, uint32_t size)
{
	static const struct vfs_copier zeros = { NULL, zeros_in, 0 };
	uint32_t done = 0;
	writer_enter(n);
	uint32_t old = n->pages.size;
	int rc = size < old ? set_size_locking(n, size) :
		 size > old ? write_steps(n, &old, size - old, false, &zeros, &done) : 0;
	writer_leave(n);
	if (done && pcache_too_dirty())
		vfs_node_sync(n);   /* a failure stays dirty: fsync reports it */
	return rc;
}

/* A shrink takes no writer flag: it may run under the file-system lock
 * (open's O_TRUNC), and the flag is never waited for under it. */
int vfs_truncate(struct vfs_node *n, uint32_t size)
{
	if (n->type == VFS_DIR)
		return -E_ISDIR;
	uint32_t old = n->pages.size;
	if (size <= old)
		return size == old ? 0 : set_size_locking(n, size);
	return grow(n, size);
}

int vfs_node_sync(struct vfs_node *n)
{
	return n->type == VFS_REG ? pcache_object_sync(&n->pages) : 0;
}

/* ---- kernel buffers ---- */

int vfs_copy_to_kernel(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len)
{
	memcpy((char *)c->buf + at, page, len);
	return 0;
}

int vfs_copy_from_kernel(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len)
{
	memcpy(page, (const char *)c->buf + at, len);
	return 0;
}

int vfs_read(struct vfs_node *n, uint32_t off, void *buf, uint32_t len)
{
	const struct vfs_copier c = { NULL, vfs_copy_to_kernel, (uintptr_t)buf };
	return vfs_read_with(n, off, len, &c);
}

int vfs_write(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len)
{
	const struct vfs_copier c = { NULL, vfs_copy_from_kernel, (uintptr_t)buf };
	return vfs_write_with(n, &off, len, false, &c);
}
