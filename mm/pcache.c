/*
 * mm/pcache.c - the page cache's index: a record per RAM frame (parallel to
 * the frame database) saying which page of which object the frame holds,
 * and hash buckets over (object, index) chaining those records, and a bit
 * per record saying it holds a page, so reclaim's clock visits the cache's
 * pages, not every frame of RAM. Records, buckets and bits are PMM frames
 * taken once at boot; nothing here touches the heap. See mm/pcache.h for the reference and locking rules.
 */
#include "mm/pcache.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/vmm_file.h"
#include "kernel/sleep.h"
#include "lib/string.h"
#include "lib/panic.h"
#include "lib/kprintf.h"

#define NIL PMM_NIL

/* index_flags: the page index in the low 20 bits (files are < 4 GiB),
 * state flags above it. */
#define INDEX_MASK  0x000fffffu
_Static_assert(INDEX_MASK >= VMM_SWAP_SLOT_MAX, "every swap slot is an index of the swap cache");
#define F_READING   0x00100000u   /* the pager is filling it: nobody may use it yet */
#define F_WRITING   0x00200000u   /* being written back: readable, not droppable */
#define F_DIRTY     0x00400000u   /* changed since last written back */

struct pcache_rec {
	struct pcache_object *obj;    /* NULL: the frame is not the cache's */
	uint32_t index_flags;
	uint32_t next;                /* next record in the bucket, or NIL */
};

static struct {
	struct pcache_rec *rec;
	uint32_t *bucket;
	uint32_t *held;               /* bit i: record i holds a page (obj != NULL) */
	uint32_t base_pfn, nframes, bucket_mask;
	uint32_t cached, dirty, table_frames;
	uint32_t reads, writes;       /* pager calls since boot (pcache_get_stats) */
	uint32_t hand;                /* reclaim's clock hand */
	uint32_t dirty_gen;           /* clean -> dirty transitions, ever (pcache_object_sync) */
} pc;

static uint32_t bucket_count(uint32_t nframes)
{
	uint32_t b = 64;
	while (b < nframes / 4)
		b <<= 1;
	return b;
}

static uint32_t held_words(uint32_t nframes)
{
	return (nframes + 31) / 32;
}

size_t pcache_table_bytes(uint32_t nframes)
{
	return nframes * sizeof(struct pcache_rec) +
	       (bucket_count(nframes) + held_words(nframes)) * sizeof(uint32_t);
}

void pcache_init(void *mem, size_t bytes)
{
	pmm_span(&pc.base_pfn, &pc.nframes);
	uint32_t nb = bucket_count(pc.nframes);
	assert(bytes >= pcache_table_bytes(pc.nframes));
	memset(mem, 0, pcache_table_bytes(pc.nframes));
	pc.rec = mem;
	pc.bucket = (uint32_t *)(pc.rec + pc.nframes);
	pc.held = pc.bucket + nb;   /* all clear: the memset */
	for (uint32_t b = 0; b < nb; b++)
		pc.bucket[b] = NIL;
	pc.bucket_mask = nb - 1;
	pc.cached = pc.dirty = pc.hand = 0;
}

void pcache_boot(void)
{
	uint32_t base, n;
	pmm_span(&base, &n);
	uint32_t frames = (uint32_t)(ALIGN_UP(pcache_table_bytes(n), (size_t)PAGE_SIZE) / PAGE_SIZE);
	paddr_t pa;
	if (pmm_alloc_contig(frames, 1, &pa))
		panic("pcache: no %u contiguous frames for the page cache's tables", frames);
	pcache_init(arch_vmm_phys_to_virt(pa), (size_t)frames * PAGE_SIZE);
	pc.table_frames = frames;
	pmm_set_reclaim_hook(pcache_reclaim_for_pmm);
	kprintf("pcache: index of %u frames in %u frames (%u buckets)\n", n, frames,
		pc.bucket_mask + 1);
}

/* ---- records and buckets ---- */

static paddr_t rec_pa(uint32_t i)
{
	return (paddr_t)(pc.base_pfn + i) << PAGE_SHIFT;
}

static uint32_t rec_of(paddr_t pa)
{
	uint32_t pfn = (uint32_t)(pa >> PAGE_SHIFT);
	return pfn - pc.base_pfn < pc.nframes ? pfn - pc.base_pfn : NIL;
}

static uint32_t *bucket_of(const struct pcache_object *obj, uint32_t index)
{
	uint32_t h = (uint32_t)((uintptr_t)obj >> 4) * 0x9e3779b1u ^ index * 0x85ebca77u;
	return &pc.bucket[(h ^ h >> 15) & pc.bucket_mask];
}

static uint32_t find(const struct pcache_object *obj, uint32_t index)
{
	for (uint32_t i = *bucket_of(obj, index); i != NIL; i = pc.rec[i].next)
		if (pc.rec[i].obj == obj && (pc.rec[i].index_flags & INDEX_MASK) == index)
			return i;
	return NIL;
}

static void insert(uint32_t i, struct pcache_object *obj, uint32_t index, uint32_t flags)
{
	uint32_t *b = bucket_of(obj, index);
	pc.rec[i] = (struct pcache_rec){ obj, index | flags, *b };
	*b = i;
	pc.held[i / 32] |= 1u << (i % 32);
	obj->pages++;
	if (index >= obj->index_end)
		obj->index_end = index + 1;
	pc.cached++;
}

/* Unlinks record i and gives its frame back to the PMM; the object hears
 * of it (notify) unless the page never came in (a failed read). */
static void unlink_rec(uint32_t i, bool notify)
{
	struct pcache_rec *r = &pc.rec[i];
	uint32_t *p = bucket_of(r->obj, r->index_flags & INDEX_MASK);
	while (*p != i)
		p = &pc.rec[*p].next;
	*p = r->next;
	if (r->index_flags & F_DIRTY)
		pc.dirty--;
	struct pcache_object *obj = r->obj;
	uint32_t index = r->index_flags & INDEX_MASK;
	obj->pages--;
	r->obj = NULL;
	pc.held[i / 32] &= ~(1u << (i % 32));
	pc.cached--;
	pmm_unref_frame(rec_pa(i));
	if (notify && obj->ops->dropped)
		obj->ops->dropped(obj, index);
}

static void forget(uint32_t i)
{
	unlink_rec(i, true);
}

/* Sleeps until record i has none of flags; false when the caller cannot
 * sleep (the idle context) or the record stopped being the same page. */
static bool wait_clear(uint32_t i, const struct pcache_object *obj, uint32_t index, uint32_t flags)
{
	while (pc.rec[i].obj == obj && (pc.rec[i].index_flags & INDEX_MASK) == index &&
	       (pc.rec[i].index_flags & flags)) {
		if (!sched_can_sleep())
			return false;
		sched_sleep_unkillable(&pc.rec[i]);
	}
	return pc.rec[i].obj == obj && (pc.rec[i].index_flags & INDEX_MASK) == index;
}

static void clear_flags(uint32_t i, uint32_t flags)
{
	pc.rec[i].index_flags &= ~flags;
	sched_wakeup(&pc.rec[i]);
}

/* ---- getting pages ---- */

static int alloc_frame(paddr_t *pa)
{
	if (pmm_alloc_frame(pa) == 0)
		return 0;
	pcache_reclaim(32, false);
	return pmm_alloc_frame(pa);
}

static int fill(struct pcache_object *obj, uint32_t index, bool read, paddr_t *out)
{
	paddr_t pa;
	if (alloc_frame(&pa))
		return -E_NOMEM;
	uint32_t i = rec_of(pa);
	insert(i, obj, index, F_READING);
	void *kva = arch_vmm_phys_to_virt(pa);
	pc.reads += read;
	int e = read ? obj->ops->read_page(obj, index, kva) : 0;
	if (!read)
		memset(kva, 0, PAGE_SIZE);
	if (e) {
		pc.rec[i].index_flags &= ~F_READING;
		sched_wakeup(&pc.rec[i]);
		unlink_rec(i, false);
		return e;
	}
	clear_flags(i, F_READING);
	pmm_ref_frame(pa);
	*out = pa;
	return 0;
}

static int get_page(struct pcache_object *obj, uint32_t index, bool read, paddr_t *out)
{
	if (index > INDEX_MASK)
		return -E_INVAL;
	for (;;) {
		uint32_t i = find(obj, index);
		if (i == NIL)
			return fill(obj, index, read, out);
		if (wait_clear(i, obj, index, F_READING)) {
			pmm_ref_frame(rec_pa(i));
			*out = rec_pa(i);
			return 0;
		}
		if (!sched_can_sleep())
			return -E_AGAIN;
	}
}

int pcache_get(struct pcache_object *obj, uint32_t index, paddr_t *out)
{
	return get_page(obj, index, true, out);
}

int pcache_get_new(struct pcache_object *obj, uint32_t index, paddr_t *out)
{
	return get_page(obj, index, false, out);
}

/* The fault path's hit (mm/vmm_file_fault.c). A record names a frame the
 * cache holds a reference on, so the frame is in use: the inline
 * increment needs none of pmm_ref_frame's checks (and the records are
 * indexed like the frame database, so rec_pa(i) is in its span). */
int pcache_lookup(struct pcache_object *obj, uint32_t index, paddr_t *out)
{
	uint32_t i = index > INDEX_MASK ? NIL : find(obj, index);
	if (i == NIL || (pc.rec[i].index_flags & F_READING))
		return -E_NOENT;
	paddr_t pa = rec_pa(i);
	if (!pmm_ref_if_used(pa))
		return -E_NOMEM;   /* the count would overflow */
	*out = pa;
	return 0;
}

void pcache_put(paddr_t pa)
{
	pmm_unref_frame(pa);
}

void pcache_mark_dirty(paddr_t pa)
{
	uint32_t i = rec_of(pa);
	if (i == NIL || !pc.rec[i].obj || (pc.rec[i].index_flags & F_DIRTY))
		return;
	pc.rec[i].index_flags |= F_DIRTY;
	pc.dirty++;
	pc.dirty_gen++;
}

int pcache_adopt(struct pcache_object *obj, uint32_t index, paddr_t pa)
{
	uint32_t i = rec_of(pa);
	if (index > INDEX_MASK || i == NIL || pc.rec[i].obj)
		return -E_INVAL;
	if (find(obj, index) != NIL)
		return -E_EXIST;
	insert(i, obj, index, 0);
	pcache_mark_dirty(pa);
	return 0;
}

int pcache_discard(struct pcache_object *obj, uint32_t index)
{
	uint32_t i = index > INDEX_MASK ? NIL : find(obj, index);
	if (i == NIL)
		return -E_NOENT;
	if (pc.rec[i].index_flags & (F_READING | F_WRITING))
		return -E_BUSY;
	forget(i);
	return 0;
}

/* ---- writing back and forgetting ---- */

/* Writes record i back if it is dirty (the caller made sure no other
 * write-back of it runs). Only the bytes inside the object are written. */
static int write_back(uint32_t i)
{
	struct pcache_rec *r = &pc.rec[i];
	if (!(r->index_flags & F_DIRTY))
		return 0;
	struct pcache_object *obj = r->obj;
	uint32_t index = r->index_flags & INDEX_MASK, off = index * PAGE_SIZE;
	r->index_flags = (r->index_flags & ~F_DIRTY) | F_WRITING;
	pc.dirty--;
	int e = 0;
	if (off < obj->size) {
		uint32_t len = obj->size - off < PAGE_SIZE ? obj->size - off : PAGE_SIZE;
		pc.writes++;
		e = obj->ops->write_page(obj, index, arch_vmm_phys_to_virt(rec_pa(i)), len);
	}
	clear_flags(i, F_WRITING);
	if (e && r->obj == obj)
		pcache_mark_dirty(rec_pa(i));
	return e;
}

/* A mapped object's pages are write-protected in every mapping before
 * they are written back, so a store after the copy faults and dirties the
 * page again. A page dirtied while an earlier one was being written (a
 * write fault made its entry writable again) would be written back while
 * still writable and left clean with stores lost: so every time any page
 * went from clean to dirty since the last protection (dirty_gen moved),
 * the mappings are protected again before the next write-back. */
int pcache_object_sync(struct pcache_object *obj)
{
	int first = 0;
	uint32_t protected_gen = pc.dirty_gen - 1;
	for (uint32_t index = 0; index < obj->index_end; index++) {
		uint32_t i = find(obj, index);
		if (i == NIL || !wait_clear(i, obj, index, F_READING | F_WRITING))
			continue;
		bool dirty = pc.rec[i].index_flags & F_DIRTY;
		if (dirty && obj->maps && protected_gen != pc.dirty_gen) {
			protected_gen = pc.dirty_gen;
			vmm_file_write_protect(obj);
		}
		int e = write_back(i);
		if (e && !first)
			first = e;
	}
	return first;
}

static bool in_use(uint32_t i)
{
	return (pc.rec[i].index_flags & (F_READING | F_WRITING)) || pmm_refcount(rec_pa(i)) > 1;
}

int pcache_object_drop(struct pcache_object *obj, uint32_t first, bool discard)
{
	if (obj->maps)
		vmm_file_cut(obj, first);
	for (uint32_t index = first; index < obj->index_end; index++) {
		uint32_t i = find(obj, index);
		if (i != NIL && in_use(i))
			return -E_BUSY;
	}
	for (uint32_t index = first; index < obj->index_end; index++) {
		uint32_t i = find(obj, index);
		if (i == NIL)
			continue;
		int e = discard ? 0 : write_back(i);
		if (e)
			return e;
		if (pc.rec[i].obj != obj || in_use(i) || (!discard && (pc.rec[i].index_flags & F_DIRTY)))
			return -E_BUSY;   /* used again while its write-back slept */
		forget(i);
	}
	if (obj->index_end > first)
		obj->index_end = first;
	return 0;
}

void pcache_object_zero(struct pcache_object *obj, uint32_t from, uint32_t to)
{
	while (from < to) {
		uint32_t index = from / PAGE_SIZE, off = from % PAGE_SIZE;
		uint32_t n = to - from < PAGE_SIZE - off ? to - from : PAGE_SIZE - off;
		uint32_t i = index < obj->index_end ? find(obj, index) : NIL;
		if (i != NIL) {
			memset((char *)arch_vmm_phys_to_virt(rec_pa(i)) + off, 0, n);
			if (from < obj->size)
				pcache_mark_dirty(rec_pa(i));
		}
		from += n;
	}
}

/* ---- reclaim ---- */

static bool reclaim_one(uint32_t i, bool may_sleep)
{
	struct pcache_rec *r = &pc.rec[i];
	if (!r->obj || in_use(i))
		return false;
	if (r->index_flags & F_DIRTY) {
		if (!may_sleep || write_back(i))
			return false;
		/* The write-back slept: the record may hold another page now. */
		if (!r->obj || in_use(i) || (r->index_flags & F_DIRTY))
			return false;
	}
	forget(i);
	return true;
}

/* The first record at or after i, going round, that holds a page (NIL
 * when none does): a word of bits at a time, so a cache of a few pages in
 * a large RAM costs a pass over the bits, not over the records. */
static uint32_t next_held_slow(uint32_t i)
{
	if (i >= pc.nframes)
		i = 0;
	uint32_t words = held_words(pc.nframes), w = i / 32;
	uint32_t bits = pc.held[w] & (~0u << (i % 32));
	for (uint32_t n = 0; n <= words; n++) {
		if (bits)
			return w * 32 + (uint32_t)__builtin_ctz(bits);
		w = w + 1 < words ? w + 1 : 0;
		bits = pc.held[w];
	}
	return NIL;
}

/* The same, the common case inline: a held record in i's own word. */
static inline uint32_t next_held(uint32_t i)
{
	uint32_t bits = i < pc.nframes ? pc.held[i / 32] >> (i % 32) : 0;
	return bits ? i + (uint32_t)__builtin_ctz(bits) : next_held_slow(i);
}

/* The clock over the cache's pages: one turn at most (as many pages as
 * were cached when it started), fewer when want are freed first. */
uint32_t pcache_reclaim(uint32_t want, bool may_sleep)
{
	uint32_t freed = 0;
	for (uint32_t seen = 0, turn = pc.cached; seen < turn && freed < want && pc.cached; seen++) {
		uint32_t i = next_held(pc.hand);
		if (i == NIL)
			break;
		pc.hand = i + 1 < pc.nframes ? i + 1 : 0;
		if (reclaim_one(i, may_sleep))
			freed++;
	}
	return freed;
}

/* ---- inspection ---- */

bool pcache_frame_info(paddr_t pa, struct pcache_object **obj, uint32_t *index, bool *dirty)
{
	uint32_t i = rec_of(pa);
	if (i == NIL || !pc.rec[i].obj)
		return false;
	*obj = pc.rec[i].obj;
	*index = pc.rec[i].index_flags & INDEX_MASK;
	*dirty = (pc.rec[i].index_flags & F_DIRTY) != 0;
	return true;
}

void pcache_get_stats(struct pcache_stats *s)
{
	uint32_t mapped = 0;
	for (uint32_t i = 0, left = pc.cached; left && (i = next_held(i)) != NIL; i++, left--)
		mapped += pmm_refcount(rec_pa(i)) > 1;
	*s = (struct pcache_stats){ pc.cached, pc.dirty, mapped, pc.table_frames, pc.reads, pc.writes };
}

/* ---- memory pressure (the read()/write() side) ---- */

uint32_t pcache_reclaim_for_pmm(void)
{
	return pcache_reclaim(PCACHE_PMM_BATCH, false);
}

bool pcache_too_dirty(void)
{
	if (pc.dirty <= PCACHE_DIRTY_MIN)
		return false;
	struct pmm_stats s;
	pmm_get_stats(&s);
	return pc.dirty > pc.nframes / PCACHE_DIRTY_FRACTION || pc.dirty > s.free;
}

uint32_t pcache_drop_clean(void)
{
	return pcache_reclaim(pc.nframes, false);
}
