/*
 * lib/pagesim.c - LRU and Belady's optimal replacement over a reference
 * string (lib/pagesim.h). LRU: a doubly linked list of the resident pages,
 * most recent first, O(1) per reference. Optimal: each reference's next
 * use is found by one backward pass; a max-heap of (next use, page) pairs
 * holds every resident page's current next use, stale pairs (the page was
 * used again or evicted since) skipped when they surface: O(log len) per
 * reference. A page never used again has next use len + page, beyond any.
 */
#include "lib/pagesim.h"

#define NONE 0xffffffffu

/* ---- LRU ---- */

struct lru { unsigned *prev, *next, *in, head, tail, count; };

static void lru_unlink(struct lru *l, unsigned p)
{
	if (l->prev[p] != NONE)
		l->next[l->prev[p]] = l->next[p];
	else
		l->head = l->next[p];
	if (l->next[p] != NONE)
		l->prev[l->next[p]] = l->prev[p];
	else
		l->tail = l->prev[p];
}

static void lru_push_front(struct lru *l, unsigned p)
{
	l->prev[p] = NONE;
	l->next[p] = l->head;
	if (l->head != NONE)
		l->prev[l->head] = p;
	l->head = p;
	if (l->tail == NONE)
		l->tail = p;
}

/* One reference: true on a miss. */
static int lru_touch(struct lru *l, unsigned p, unsigned frames)
{
	if (l->in[p]) {
		lru_unlink(l, p);
		lru_push_front(l, p);
		return 0;
	}
	if (l->count == frames) {
		unsigned victim = l->tail;
		lru_unlink(l, victim);
		l->in[victim] = 0;
		l->count--;
	}
	l->in[p] = 1;
	l->count++;
	lru_push_front(l, p);
	return 1;
}

unsigned pagesim_lru(const unsigned *seq, unsigned len, unsigned from, unsigned pages,
		     unsigned frames, unsigned *work)
{
	struct lru l = { work, work + pages, work + 2 * pages, NONE, NONE, 0 };
	for (unsigned p = 0; p < pages; p++)
		l.in[p] = 0;
	unsigned misses = 0;
	for (unsigned i = 0; i < len; i++)
		if (lru_touch(&l, seq[i], frames) && i >= from)
			misses++;
	return misses;
}

/* ---- Belady's optimal ---- */

/* A binary max-heap of pairs: key[i] the next use, val[i] the page. */
struct heap { unsigned *key, *val, n; };

static void heap_swap(struct heap *h, unsigned a, unsigned b)
{
	unsigned k = h->key[a], v = h->val[a];
	h->key[a] = h->key[b], h->val[a] = h->val[b];
	h->key[b] = k, h->val[b] = v;
}

static void heap_push(struct heap *h, unsigned key, unsigned val)
{
	unsigned i = h->n++;
	h->key[i] = key, h->val[i] = val;
	while (i && h->key[(i - 1) / 2] < h->key[i]) {
		heap_swap(h, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_pop(struct heap *h)
{
	h->n--;
	heap_swap(h, 0, h->n);
	for (unsigned i = 0;;) {
		unsigned c = 2 * i + 1;
		if (c >= h->n)
			return;
		if (c + 1 < h->n && h->key[c + 1] > h->key[c])
			c++;
		if (h->key[i] >= h->key[c])
			return;
		heap_swap(h, i, c);
		i = c;
	}
}

/* next[i]: where seq[i] is used again (len + page: never). last: pages words. */
static void next_uses(const unsigned *seq, unsigned len, unsigned pages, unsigned *next,
		      unsigned *last)
{
	for (unsigned p = 0; p < pages; p++)
		last[p] = len + p;
	for (unsigned i = len; i--;) {
		next[i] = last[seq[i]];
		last[seq[i]] = i;
	}
}

/* The resident page used farthest in the future; its pair leaves the heap.
 * cur[p]: p's next use while resident, NONE when not. */
static unsigned farthest(struct heap *h, const unsigned *cur)
{
	for (;;) {
		unsigned k = h->key[0], p = h->val[0];
		heap_pop(h);
		if (cur[p] == k)
			return p;
	}
}

unsigned pagesim_opt(const unsigned *seq, unsigned len, unsigned from, unsigned pages,
		     unsigned frames, unsigned *work)
{
	unsigned *next = work, *cur = work + len;
	struct heap h = { work + len + pages, work + 2 * len + pages + 1, 0 };
	next_uses(seq, len, pages, next, cur);
	for (unsigned p = 0; p < pages; p++)
		cur[p] = NONE;
	unsigned count = 0, misses = 0;
	for (unsigned i = 0; i < len; i++) {
		unsigned p = seq[i];
		if (cur[p] == NONE) {
			misses += i >= from;
			if (count == frames)
				cur[farthest(&h, cur)] = NONE;
			else
				count++;
		}
		cur[p] = next[i];
		heap_push(&h, next[i], p);
	}
	return misses;
}
