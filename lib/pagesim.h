/*
 * lib/pagesim.h - page replacement simulated over a reference string, for
 * make bench's thrash figures (user/bin/thrashbench.c): how many misses
 * LRU and Belady's optimal policy (evict the page whose next use is
 * farthest away) would take with a given number of frames, counted from
 * a position of the string on (the part before it warms the frames up).
 * Pure code (host-tested, tests/host/test_pagesim.c): the caller gives
 * the working memory, nothing is allocated. Plain unsigned types only, so
 * user programs and the host tests include it alike.
 */
#ifndef LIB_PAGESIM_H
#define LIB_PAGESIM_H

/* seq[0..len) are page numbers below pages; frames >= 1. Misses at
 * positions >= from. work: pagesim_lru_words / pagesim_opt_words words. */
static inline unsigned long pagesim_lru_words(unsigned pages) { return 3ul * pages; }
unsigned pagesim_lru(const unsigned *seq, unsigned len, unsigned from, unsigned pages,
		     unsigned frames, unsigned *work);

static inline unsigned long pagesim_opt_words(unsigned len, unsigned pages)
{
	return 3ul * len + 2ul * pages + 2;
}
unsigned pagesim_opt(const unsigned *seq, unsigned len, unsigned from, unsigned pages,
		     unsigned frames, unsigned *work);

#endif
