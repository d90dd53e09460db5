/*
 * mm/tlb_gather.h - the frames an unmap made unreachable, given back to the
 * PMM only after the TLB flush that made them so (as Linux's mmu_gather):
 * until then a TLB may still lead there, on SMP another CPU's. For the arch
 * MMU backends; the batch lives on the caller's stack, never in the heap.
 */
#ifndef MM_TLB_GATHER_H
#define MM_TLB_GATHER_H

#include "mm/pmm.h"
#include "mm/tlbcheck.h"

#define TLB_GATHER_MAX 64u

struct tlb_gather {
	void (*flush)(unsigned slot);   /* drops every cached entry of slot */
	unsigned slot, n;
	bool unflushed;                 /* entries cleared since the last flush */
	paddr_t frames[TLB_GATHER_MAX];
};

/* An empty gather. frames[] is not cleared: n says how much of it holds
 * frames (an initializer would zero its 256 bytes on every unmap). */
static inline void tlb_gather_init(struct tlb_gather *g, void (*flush)(unsigned slot), unsigned slot)
{
	g->flush = flush;
	g->slot = slot;
	g->n = 0;
	g->unflushed = false;
}

/* Flushes if anything was cleared, then drops the gathered references. */
static inline void tlb_gather_finish(struct tlb_gather *g)
{
	if (!g->unflushed)
		return;
	g->flush(g->slot);
	for (unsigned i = 0; i < g->n; i++)
		pmm_unref_if_used(g->frames[i]);
	g->n = 0;
	g->unflushed = false;
}

/* An entry that mapped pa was cleared; its reference goes after the flush
 * (skip, the shared zero page, holds none). */
static inline void tlb_gather_add(struct tlb_gather *g, paddr_t pa, paddr_t skip)
{
	g->unflushed = true;
	if (pa == skip)
		return;
	if (TLBC_INJECT(free_before_flush)) {   /* test-only mistake */
		pmm_unref_if_used(pa);
		return;
	}
	g->frames[g->n++] = pa;
	if (g->n == TLB_GATHER_MAX)
		tlb_gather_finish(g);
}

#endif
