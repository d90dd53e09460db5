/*
 * mm/pmm.c - the physical memory manager: a frame database (one record per
 * frame of the RAM span) with two intrusive doubly linked free lists: frames
 * of unknown content, and frames known to be all zeros (page tables that
 * were emptied before they were freed), which whoever needs a cleared frame
 * takes first. It never calls the heap: the database is memory handed in
 * by boot code.
 *
 * No lock yet: one CPU, and no PMM call from an interrupt handler. With
 * SMP the lists and stats go under one pmm lock (IRQs masked).
 */
#include "mm/pmm.h"
#include "lib/kprintf.h"
#include "mm/tlbcheck.h"

struct pmm_span pmm_db_span;

/* The counts (pmm.h reads the free one inline: every user fault's
 * watermark check). */
struct pmm_stats pmm_counts;

static struct {
	uint32_t head[2];      /* first free frame of each list (0: any content, 1: zeroed), or PMM_NIL */
} pmm;

static bool ram_span(const struct memmap *m, uint64_t *lo, uint64_t *hi)
{
	bool found = false;
	for (unsigned i = 0; i < m->count; i++) {
		const struct mem_range *r = &m->r[i];
		if (r->kind != MEM_USABLE && r->kind != MEM_RESERVED)
			continue;
		uint64_t end = r->base + r->size;
		if (!found || r->base < *lo)
			*lo = r->base;
		if (!found || end > *hi)
			*hi = end;
		found = true;
	}
	return found;
}

size_t pmm_db_bytes(const struct memmap *m)
{
	uint64_t lo, hi;
	if (!ram_span(m, &lo, &hi))
		return 0;
	return (size_t)(((hi - lo) >> PAGE_SHIFT) * sizeof(struct pmm_frame));
}

/* Pushes frame i on a free list (LIFO: the hot frame is reused first);
 * its ZEROED flag says which. */
static void list_push(uint32_t i, bool zeroed)
{
	struct pmm_frame *f = &pmm_db_span.db[i];
	uint32_t *head = &pmm.head[zeroed];
	f->flags = zeroed ? PMM_F_ZEROED : 0;
	f->prev = PMM_NIL;
	f->next = *head;
	if (*head != PMM_NIL)
		pmm_db_span.db[*head].prev = i;
	*head = i;
}

/* Takes frame i off its list; its link words become the owner's, zeroed. */
static void list_unlink(uint32_t i)
{
	struct pmm_frame *f = &pmm_db_span.db[i];
	if (f->prev != PMM_NIL)
		pmm_db_span.db[f->prev].next = f->next;
	else
		pmm.head[f->flags & PMM_F_ZEROED] = f->next;
	if (f->next != PMM_NIL)
		pmm_db_span.db[f->next].prev = f->prev;
	f->next = f->prev = 0;
	f->flags = 0;
}

static void init_range(const struct mem_range *r)
{
	uint32_t first = (uint32_t)(r->base >> PAGE_SHIFT) - pmm_db_span.base_pfn;
	uint32_t count = (uint32_t)(r->size >> PAGE_SHIFT);
	uint8_t state = r->kind == MEM_USABLE ? FRAME_FREE : FRAME_RESERVED;
	for (uint32_t i = first; i < first + count; i++)
		pmm_db_span.db[i].state = state;
	if (state == FRAME_FREE)
		pmm_counts.free += count;
	else
		pmm_counts.reserved += count;
}

int pmm_init(const struct memmap *m, void *db, size_t db_bytes)
{
	uint64_t lo, hi;
	size_t need = pmm_db_bytes(m);
	if (!ram_span(m, &lo, &hi) || !db || need == 0 || db_bytes < need)
		return -E_INVAL;
	pmm_db_span.db = db;
	pmm_db_span.base_pfn = (uint32_t)(lo >> PAGE_SHIFT);
	pmm_db_span.nframes = (uint32_t)((hi - lo) >> PAGE_SHIFT);
	pmm.head[0] = pmm.head[1] = PMM_NIL;
	pmm_counts = (struct pmm_stats){ 0 };
	for (uint32_t i = 0; i < pmm_db_span.nframes; i++)
		pmm_db_span.db[i] = (struct pmm_frame){ PMM_NIL, PMM_NIL, 0, FRAME_ABSENT, 0 };
	for (unsigned i = 0; i < m->count; i++)
		if (m->r[i].kind == MEM_USABLE || m->r[i].kind == MEM_RESERVED)
			init_range(&m->r[i]);
	/* Push high to low so the first allocations come from low addresses. */
	for (uint32_t i = pmm_db_span.nframes; i-- > 0;)
		if (pmm_db_span.db[i].state == FRAME_FREE)
			list_push(i, false);
	pmm_counts.total = pmm_counts.free + pmm_counts.reserved;
	return 0;
}

static paddr_t frame_addr(uint32_t i)
{
	return (paddr_t)(pmm_db_span.base_pfn + i) << PAGE_SHIFT;
}

static void take(uint32_t i)
{
	list_unlink(i);
	pmm_db_span.db[i].state = FRAME_USED;
	pmm_db_span.db[i].refcount = 1;
	pmm_counts.free--;
	pmm_counts.used++;
}

/* Called once when both free lists are empty, before an allocation fails
 * (pmm_set_reclaim_hook). */
static uint32_t (*reclaim_hook)(void);

void pmm_set_reclaim_hook(uint32_t (*hook)(void))
{
	reclaim_hook = hook;
}

static bool none_free(void)
{
	return pmm.head[0] == PMM_NIL && pmm.head[1] == PMM_NIL;
}

/* The first free frame, preferring the zeroed list or not; an empty PMM
 * asks the reclaim hook once. PMM_NIL when nothing is left. */
static uint32_t first_free(bool prefer_zeroed)
{
	if (none_free() && !(reclaim_hook && reclaim_hook()))
		return PMM_NIL;
	uint32_t first = pmm.head[prefer_zeroed], second = pmm.head[!prefer_zeroed];
	return first != PMM_NIL ? first : second;
}

/* Frames of unknown content go first: a zeroed frame is worth keeping
 * for someone who needs one. */
int pmm_alloc_frame(paddr_t *out)
{
	uint32_t i = first_free(false);
	if (i == PMM_NIL)
		return -E_NOMEM;
	take(i);
	*out = frame_addr(i);
	return 0;
}

int pmm_alloc_frame_zeroed(paddr_t *out, bool *zeroed)
{
	uint32_t i = first_free(true);
	*zeroed = i != PMM_NIL && (pmm_db_span.db[i].flags & PMM_F_ZEROED);
	if (i == PMM_NIL)
		return -E_NOMEM;
	take(i);
	*out = frame_addr(i);
	return 0;
}

/* First index of a run of n FREE frames starting at i, or how far to skip. */
static bool run_is_free(uint32_t i, uint32_t n, uint32_t *bad)
{
	for (uint32_t k = 0; k < n; k++) {
		if (pmm_db_span.db[i + k].state != FRAME_FREE) {
			*bad = i + k;
			return false;
		}
	}
	return true;
}

int pmm_alloc_contig(uint32_t n, uint32_t align_frames, paddr_t *out)
{
	if (n == 0 || align_frames == 0 || (align_frames & (align_frames - 1)))
		return -E_INVAL;
	if (n == 1 && align_frames == 1)
		return pmm_alloc_frame(out);
	/* Alignment is of the physical frame number, not of the db index. */
	uint32_t i = ALIGN_UP(pmm_db_span.base_pfn, align_frames) - pmm_db_span.base_pfn;
	while (i < pmm_db_span.nframes && n <= pmm_db_span.nframes - i) {
		uint32_t bad;
		if (run_is_free(i, n, &bad)) {
			for (uint32_t k = 0; k < n; k++)
				take(i + k);
			*out = frame_addr(i);
			return 0;
		}
		i = ALIGN_UP(pmm_db_span.base_pfn + bad + 1, align_frames) - pmm_db_span.base_pfn;
	}
	return -E_NOMEM;
}

/* Finds the record for pa, reporting misuse. Returns 0 and the index, or an error. */
static int lookup_used(paddr_t pa, const char *op, void *caller, uint32_t *out)
{
	const char *why = NULL;
	int rc = 0;
	uint32_t pfn = pa >> PAGE_SHIFT;
	if ((pa & (PAGE_SIZE - 1)) || pfn < pmm_db_span.base_pfn || pfn - pmm_db_span.base_pfn >= pmm_db_span.nframes) {
		why = "not a managed frame address", rc = -E_INVAL;
	} else {
		uint32_t i = pfn - pmm_db_span.base_pfn;
		uint8_t st = pmm_db_span.db[i].state;
		if (st == FRAME_FREE)
			why = "frame is already free (double free)", rc = -E_ALREADY;
		else if (st == FRAME_RESERVED)
			why = "frame is reserved", rc = -E_PERM;
		else if (st == FRAME_ABSENT)
			why = "address is not RAM", rc = -E_PERM;
		*out = i;
	}
	if (rc)
		kprintf("pmm: %s(%#x) from %p refused: %s\n", op, pa, caller, why);
	return rc;
}

static void release(uint32_t i, bool zeroed)
{
	TLBC_POINT_FRAME(frame_addr(i));   /* test builds: no TLB entry may still lead here */
	pmm_db_span.db[i].state = FRAME_FREE;
	pmm_db_span.db[i].refcount = 0;
	list_push(i, zeroed);
	pmm_counts.used--;
	pmm_counts.free++;
}

static int free_one(paddr_t pa, const char *op, void *caller, bool zeroed)
{
	uint32_t i;
	int rc = lookup_used(pa, op, caller, &i);
	if (rc)
		return rc;
	release(i, zeroed);
	return 0;
}

int pmm_free_frame(paddr_t pa)
{
	return free_one(pa, "pmm_free_frame", __builtin_return_address(0), false);
}

int pmm_free_zeroed(paddr_t pa)
{
	return free_one(pa, "pmm_free_zeroed", __builtin_return_address(0), true);
}


int pmm_free_contig(paddr_t pa, uint32_t n)
{
	void *caller = __builtin_return_address(0);
	uint32_t i;
	for (uint32_t k = 0; k < n; k++) {   /* check all first: all or nothing */
		int rc = lookup_used(pa + k * PAGE_SIZE, "pmm_free_contig", caller, &i);
		if (rc)
			return rc;
	}
	for (uint32_t k = 0; k < n; k++)
		release((pa >> PAGE_SHIFT) - pmm_db_span.base_pfn + k, false);
	return 0;
}

int pmm_ref_frame(paddr_t pa)
{
	uint32_t i;
	int rc = lookup_used(pa, "pmm_ref_frame", __builtin_return_address(0), &i);
	if (rc)
		return rc;
	if (pmm_db_span.db[i].refcount == UINT16_MAX)
		return -E_NOMEM;
	return ++pmm_db_span.db[i].refcount;
}

int pmm_unref_frame(paddr_t pa)
{
	uint32_t i;
	int rc = lookup_used(pa, "pmm_unref_frame", __builtin_return_address(0), &i);
	if (rc)
		return rc;
	if (--pmm_db_span.db[i].refcount == 0)
		release(i, false);
	return pmm_db_span.db[i].refcount;
}

/* The out-of-line end of pmm_unref_if_used: the last reference went. */
void pmm_release_record(struct pmm_frame *f)
{
	release((uint32_t)(f - pmm_db_span.db), false);
}

/* The batch's chain goes on the front of the any-content list whole. */
void pmm_batch_free(struct pmm_batch *b)
{
	if (!b->n)
		return;
	if (TLBC_ENABLED)   /* test builds: no TLB entry may still lead to any of them */
		for (uint32_t i = b->head; i != PMM_NIL; i = pmm_db_span.db[i].next)
			TLBC_POINT_FRAME(frame_addr(i));
	uint32_t *head = &pmm.head[0];
	pmm_db_span.db[b->tail].next = *head;
	if (*head != PMM_NIL)
		pmm_db_span.db[*head].prev = b->tail;
	*head = b->head;
	pmm_counts.used -= b->n;
	pmm_counts.free += b->n;
	*b = (struct pmm_batch)PMM_BATCH_INIT;
}

static struct pmm_frame *record(paddr_t pa)
{
	uint32_t pfn = pa >> PAGE_SHIFT;
	if (!pmm_db_span.db || pfn < pmm_db_span.base_pfn || pfn - pmm_db_span.base_pfn >= pmm_db_span.nframes)
		return NULL;
	return &pmm_db_span.db[pfn - pmm_db_span.base_pfn];
}

void pmm_span(uint32_t *base_pfn, uint32_t *nframes)
{
	*base_pfn = pmm_db_span.base_pfn;
	*nframes = pmm_db_span.nframes;
}

enum frame_state pmm_frame_state(paddr_t pa)
{
	struct pmm_frame *f = record(pa);
	return f ? (enum frame_state)f->state : FRAME_ABSENT;
}

void pmm_get_stats(struct pmm_stats *s)
{
	*s = pmm_counts;
}

void pmm_print_stats(void)
{
	const struct pmm_stats *s = &pmm_counts;
	kprintf("pmm: %u frames (%u KiB) of RAM: %u free, %u used, %u reserved; "
		"frame database %u records at %p\n",
		s->total, s->total * (PAGE_SIZE / 1024), s->free, s->used, s->reserved,
		pmm_db_span.nframes, (void *)pmm_db_span.db);
}
