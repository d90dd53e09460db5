/*
 * mm/kheap.c - kmalloc/kfree over pages the VMM maps on demand.
 * Small objects: one size class per page, a 64-byte header at the page
 * start, objects threaded on an in-page free list. Large objects: a run of
 * whole pages with a 16-byte header. Two bitmaps over the heap range say
 * which pages are mapped and which begin an allocation, so any pointer can
 * be checked before it is trusted. Each size class keeps its last freed
 * object aside (a depth-one cache) so a kmalloc/kfree pair skips the page's
 * free list and partial-list upkeep; the object's used bit is cleared all
 * the same, so a second kfree of it is still caught. Test builds add
 * canaries, red zones and poison (CONFIG_TEST).
 */
#include "mm/kheap.h"
#include "lib/config.h"
#include "lib/kprintf.h"
#include "lib/string.h"

#define SLAB_MAGIC 0x51ab51abu
#define RUN_MAGIC  0x7a4e7a4eu
#define SLAB_HDR   64u
#define RUN_HDR    16u
#define NCLASSES   7             /* 16 .. 1024 bytes */
#define MIN_SHIFT  4
#define NO_OBJ     0xffffu
#define MAX_PAGES  16384u        /* 64 MiB of heap range at most */

/* Test builds: each small object is [size][canary][data][red zone]. */
#define DBG_HDR    16u           /* keeps 16-byte alignment */
#define DBG_MIN_RZ 4u
#define CANARY     0xc0ffee11u
#define RZ_BYTE    0xa5
#define POISON     0x6b

struct slab {
	uint32_t magic;
	uint8_t cls;
	uint8_t shift;              /* log2 of the object size: cls + MIN_SHIFT */
	uint16_t nfree;
	uint16_t nobj;
	uint16_t free_head;
	struct slab *prev, *next;   /* partial list of the class */
	uint32_t used[8];           /* one bit per object (<= 252 objects) */
};
_Static_assert(sizeof(struct slab) <= SLAB_HDR, "slab header must fit its 64 bytes");

struct run {
	uint32_t magic;
	uint32_t npages;
	uint32_t size;
	uint32_t canary;
};
_Static_assert(sizeof(struct run) == RUN_HDR, "run header is 16 bytes");

/* cached: the class's last freed object, checked, not on its page's free
 * list and not counted in nfree; its used bit stays set (kfree compares a
 * pointer with it instead, so a kmalloc from the cache touches no bitmap).
 * Some other object of its page is always in use, so the cache never keeps
 * a page mapped the heap would otherwise give back. */
struct size_class {
	struct slab *partial;      /* pages with at least one free object */
	uint32_t empty_pages;      /* pages on the list with no object in use */
	uint8_t *cached;           /* start of the cached object's slot, or NULL */
};

static struct {
	vaddr_t base;
	uint32_t npages;
	size_t bytes;              /* npages * PAGE_SIZE: kfree's one range compare */
	uint32_t mapped[MAX_PAGES / 32];
	uint32_t head[MAX_PAGES / 32];   /* page starts an allocation (slab or run) */
	struct size_class cls[NCLASSES];
	struct kheap_stats stats;
} heap;

static bool bit(const uint32_t *map, uint32_t i) { return map[i / 32] >> (i % 32) & 1; }
static void set_bit(uint32_t *map, uint32_t i) { map[i / 32] |= 1u << (i % 32); }
static void clear_bit(uint32_t *map, uint32_t i) { map[i / 32] &= ~(1u << (i % 32)); }

void kheap_init(vaddr_t base, vaddr_t end)
{
	memset(&heap, 0, sizeof heap);
	heap.base = base;
	heap.npages = (uint32_t)((end - base) / PAGE_SIZE);
	if (heap.npages > MAX_PAGES)
		heap.npages = MAX_PAGES;
	heap.bytes = (size_t)heap.npages * PAGE_SIZE;
}

static void report(const char *what, const void *p, void *caller)
{
	heap.stats.errors++;
	kprintf("kheap: %s: %p (caller %p)\n", what, p, caller);
}

/* --- page-level: heap virtual range and the VMM --- */

static vaddr_t page_va(uint32_t i) { return heap.base + (vaddr_t)i * PAGE_SIZE; }

/* First-fit search for n unmapped pages. Linear in the range: taken only
 * when a class needs a new page or for large objects. */
static int find_pages(uint32_t n, uint32_t *out)
{
	uint32_t run = 0;
	for (uint32_t i = 0; i < heap.npages; i++) {
		run = bit(heap.mapped, i) ? 0 : run + 1;
		if (run == n) {
			*out = i + 1 - n;
			return 0;
		}
	}
	return -E_NOMEM;
}

static void unmap_pages(uint32_t first, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		vmm_kernel_page_free(page_va(first + k));
		clear_bit(heap.mapped, first + k);
		heap.stats.pages--;
	}
	clear_bit(heap.head, first);
}

/* Maps n fresh pages (zeroed by the VMM); all or nothing. */
static void *map_pages(uint32_t n)
{
	uint32_t first;
	if (find_pages(n, &first))
		return NULL;
	for (uint32_t k = 0; k < n; k++) {
		if (vmm_kernel_page_alloc(page_va(first + k))) {
			unmap_pages(first, k);
			return NULL;
		}
		set_bit(heap.mapped, first + k);
		heap.stats.pages++;
	}
	set_bit(heap.head, first);
	return (void *)page_va(first);
}

/* --- small objects --- */

/* Smallest class holding need bytes: 16 -> 0, 17..32 -> 1, ... (one clz). */
static unsigned class_of(size_t need)
{
	if (need <= (1u << MIN_SHIFT))
		return 0;
	return 32u - (unsigned)__builtin_clz((uint32_t)need - 1) - MIN_SHIFT;
}

static size_t obj_size(const struct slab *s) { return (size_t)1 << s->shift; }
static uint8_t *obj_at(struct slab *s, unsigned i) { return (uint8_t *)s + SLAB_HDR + (i << s->shift); }
static uint16_t *link_of(struct slab *s, unsigned i) { return (uint16_t *)obj_at(s, i); }

static void list_add(struct size_class *c, struct slab *s)
{
	s->prev = NULL;
	s->next = c->partial;
	if (c->partial)
		c->partial->prev = s;
	c->partial = s;
}

static void list_del(struct size_class *c, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		c->partial = s->next;
	if (s->next)
		s->next->prev = s->prev;
}

static struct slab *slab_new(unsigned cls)
{
	struct slab *s = map_pages(1);
	if (!s)
		return NULL;
	s->magic = SLAB_MAGIC;
	s->cls = (uint8_t)cls;
	s->shift = (uint8_t)(cls + MIN_SHIFT);
	s->nobj = (uint16_t)((PAGE_SIZE - SLAB_HDR) >> (cls + MIN_SHIFT));
	s->nfree = s->nobj;
	for (unsigned i = 0; i < s->nobj; i++) {
		if (CONFIG_TEST)
			memset(obj_at(s, i), POISON, obj_size(s));
		*link_of(s, i) = (uint16_t)(i + 1 < s->nobj ? i + 1 : NO_OBJ);
	}
	s->free_head = 0;
	list_add(&heap.cls[cls], s);
	heap.cls[cls].empty_pages++;
	return s;
}

/* Test builds: a free object must still hold its poison (beyond the link). */
static void check_poison(const uint8_t *o, size_t slot)
{
	for (size_t k = sizeof(uint16_t); k < slot; k++) {
		if (o[k] != POISON) {
			report("write after free detected", o + k, __builtin_return_address(0));
			return;
		}
	}
}

static void *debug_wrap(uint8_t *o, size_t size, size_t slot)
{
	uint32_t *w = (uint32_t *)o;
	w[0] = (uint32_t)size;
	w[1] = w[2] = w[3] = CANARY;
	memset(o + DBG_HDR + size, RZ_BYTE, slot - DBG_HDR - size);
	return o + DBG_HDR;
}

/* Takes an object off a page's free list; NULL when no page can be had. */
static struct slab *slab_take(struct size_class *c, unsigned cls, unsigned *idx)
{
	struct slab *s = c->partial ? c->partial : slab_new(cls);
	if (!s)
		return NULL;
	if (s->nfree == s->nobj)
		c->empty_pages--;
	unsigned i = s->free_head;
	s->free_head = *link_of(s, i);
	if (--s->nfree == 0)
		list_del(c, s);
	*idx = i;
	return s;
}

static void *small_alloc(size_t size)
{
	size_t need = CONFIG_TEST ? size + DBG_HDR + DBG_MIN_RZ : size;
	unsigned cls = class_of(need);
	struct size_class *c = &heap.cls[cls];
	uint8_t *o = c->cached;
	if (o) {
		c->cached = NULL;          /* its used bit was never cleared */
	} else {
		unsigned i;
		struct slab *s = slab_take(c, cls, &i);
		if (!s)
			return NULL;
		s->used[i / 32] |= 1u << (i % 32);
		o = obj_at(s, i);
	}
	heap.stats.live_objects++;
	if (!CONFIG_TEST)
		return o;
	check_poison(o, (size_t)1 << (cls + MIN_SHIFT));
	return debug_wrap(o, size, (size_t)1 << (cls + MIN_SHIFT));
}

/* Test builds: canary before, red zone after the caller's bytes. */
static void check_bounds(const uint8_t *o, size_t slot, void *caller)
{
	const uint32_t *w = (const uint32_t *)o;
	uint32_t size = w[0];
	if (w[1] != CANARY || w[2] != CANARY || w[3] != CANARY || size > slot - DBG_HDR) {
		report("canary before the object overwritten", o + DBG_HDR, caller);
		return;
	}
	for (size_t k = DBG_HDR + size; k < slot; k++) {
		if (o[k] != RZ_BYTE) {
			report("write past the end of the object (red zone)", o + DBG_HDR, caller);
			return;
		}
	}
}

static struct slab *slab_of(const uint8_t *o)
{
	return (struct slab *)page_va((uint32_t)(((vaddr_t)o - heap.base) / PAGE_SIZE));
}

static void slab_push(struct size_class *c, struct slab *s, unsigned i)
{
	*link_of(s, i) = s->free_head;
	s->free_head = (uint16_t)i;
	if (s->nfree++ == 0)
		list_add(c, s);
}

/* The cached object back on its page's free list (used bit cleared). */
static __attribute__((noinline)) void uncache(struct size_class *c)
{
	struct slab *s = slab_of(c->cached);
	unsigned i = (unsigned)((size_t)(c->cached - ((uint8_t *)s + SLAB_HDR)) >> s->shift);
	c->cached = NULL;
	s->used[i / 32] &= ~(1u << (i % 32));
	slab_push(c, s, i);
}

/* Puts a free object (used bit already clear) back on its page's free
 * list; a page left with no object in use is unmapped, unless it is the
 * class's one spare. The cached object never keeps a page alive on its
 * own: when it is the last one left there, it goes back too, so the heap
 * holds on to no more pages than without the cache. */
/* Out of line (as uncache): kfree's hot path, the cache, stays short. */
static __attribute__((noinline)) void slab_put(struct size_class *c, struct slab *s, unsigned i)
{
	slab_push(c, s, i);
	if (s->nfree + 1u == s->nobj && c->cached && slab_of(c->cached) == s)
		uncache(c);
	if (s->nfree < s->nobj)
		return;
	if (c->empty_pages == 0) {
		c->empty_pages++;
		return;
	}
	list_del(c, s);
	s->magic = 0;
	unmap_pages((uint32_t)(((vaddr_t)s - heap.base) / PAGE_SIZE), 1);
}

/* Every pointer is checked before it is trusted: an object start of this
 * page (an unsigned offset below the first object wraps to a huge index),
 * and in use (its bit in the page's used map: a second free finds it
 * clear, or finds the object is its class's cached one). The freed object
 * becomes the class's cached one when that slot is empty and another
 * object of its page is in use. */
static void small_free(struct slab *s, uint8_t *p, void *caller)
{
	size_t off = (size_t)(p - ((uint8_t *)s + SLAB_HDR + (CONFIG_TEST ? DBG_HDR : 0)));
	unsigned shift = s->shift, i = (unsigned)(off >> shift);
	if (((size_t)i << shift) != off || i >= s->nobj) {
		report("kfree of a pointer that is not an object start", p, caller);
		return;
	}
	uint32_t *word = &s->used[i / 32], mask = 1u << (i % 32);
	uint8_t *o = obj_at(s, i);
	struct size_class *c = &heap.cls[s->cls];
	if (!(*word & mask) || o == c->cached) {
		report("double kfree", p, caller);
		return;
	}
	if (CONFIG_TEST) {
		check_bounds(o, obj_size(s), caller);
		memset(o, POISON, obj_size(s));
	}
	heap.stats.live_objects--;
	if (!c->cached && s->nfree + 1u < s->nobj) {   /* another object keeps the page */
		c->cached = o;
		return;
	}
	*word &= ~mask;
	slab_put(c, s, i);
}

/* --- large objects --- */

static void *large_alloc(size_t size)
{
	if (size > (size_t)heap.npages * PAGE_SIZE)
		return NULL;
	uint32_t n = (uint32_t)((size + RUN_HDR + PAGE_SIZE - 1) / PAGE_SIZE);
	struct run *r = map_pages(n);
	if (!r)
		return NULL;
	*r = (struct run){ RUN_MAGIC, n, (uint32_t)size, CANARY };
	if (CONFIG_TEST)
		memset((uint8_t *)r + RUN_HDR + size, RZ_BYTE, n * PAGE_SIZE - RUN_HDR - size);
	heap.stats.live_objects++;
	return (uint8_t *)r + RUN_HDR;
}

static void large_free(struct run *r, uint8_t *p, void *caller)
{
	if (p != (uint8_t *)r + RUN_HDR || r->canary != CANARY) {
		report("kfree of a pointer that is not an allocation start", p, caller);
		return;
	}
	if (CONFIG_TEST) {
		for (size_t k = RUN_HDR + r->size; k < (size_t)r->npages * PAGE_SIZE; k++)
			if (((uint8_t *)r)[k] != RZ_BYTE) {
				report("write past the end of the object (red zone)", p, caller);
				break;
			}
	}
	r->magic = 0;
	heap.stats.live_objects--;
	unmap_pages((uint32_t)(((vaddr_t)r - heap.base) / PAGE_SIZE), r->npages);
}

/* --- the interface --- */

static __attribute__((noinline)) void *kmalloc_slow(size_t size)
{
	if (size == 0)
		return NULL;
	size_t small_limit = CONFIG_TEST ? KHEAP_MAX_SMALL - DBG_HDR - DBG_MIN_RZ : KHEAP_MAX_SMALL;
	return size <= small_limit ? small_alloc(size) : large_alloc(size);
}

/* The fast path: a non-test build's small object from its class's cache
 * (nothing to check or wrap); everything else in kmalloc_slow. */
void *kmalloc(size_t size)
{
	if (!CONFIG_TEST && size - 1 < KHEAP_MAX_SMALL) {   /* 0 wraps to huge */
		struct size_class *c = &heap.cls[class_of(size)];
		uint8_t *o = c->cached;
		if (o) {
			c->cached = NULL;   /* its used bit was never cleared */
			heap.stats.live_objects++;
			return o;
		}
	}
	return kmalloc_slow(size);
}

void kfree(void *ptr)
{
	void *caller = __builtin_return_address(0);
	uint8_t *p = ptr;
	if (!p)
		return;
	vaddr_t va = (vaddr_t)p;
	if (va - heap.base >= heap.bytes) {       /* below the base wraps to huge */
		report("kfree of an address outside the heap", p, caller);
		return;
	}
	uint32_t page = (uint32_t)((va - heap.base) / PAGE_SIZE);
	if (__builtin_expect(!bit(heap.head, page), 0)) {   /* a head page is always mapped */
		report(bit(heap.mapped, page) ? "kfree of a pointer inside a large object"
					      : "kfree of an address the heap never handed out", p, caller);
		return;
	}
	uint32_t magic = *(uint32_t *)page_va(page);
	if (magic == SLAB_MAGIC)
		small_free((struct slab *)page_va(page), p, caller);
	else if (magic == RUN_MAGIC)
		large_free((struct run *)page_va(page), p, caller);
	else
		report("heap page header corrupted", p, caller);
}

unsigned kheap_trim(void)
{
	unsigned released = 0;
	for (unsigned c = 0; c < NCLASSES; c++) {
		struct size_class *sc = &heap.cls[c];
		if (sc->cached)   /* back on its page, which another object keeps in use */
			uncache(sc);
		for (struct slab *s = sc->partial, *next; s; s = next) {
			next = s->next;
			if (s->nfree != s->nobj)
				continue;
			list_del(sc, s);
			s->magic = 0;
			unmap_pages((uint32_t)(((vaddr_t)s - heap.base) / PAGE_SIZE), 1);
			sc->empty_pages--;
			released++;
		}
	}
	return released;
}

void kheap_get_stats(struct kheap_stats *s)
{
	*s = heap.stats;
}
