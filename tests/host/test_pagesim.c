/*
 * tests/host/test_pagesim.c - the replacement simulations behind make
 * bench's thrash figures (lib/pagesim.c): the textbook reference string,
 * a loop larger than the frames, and the optimal policy against a naive
 * O(len * frames) version on pseudo-random strings.
 */
#include "htest.h"
#include "lib/pagesim.h"
#include <stdlib.h>

static unsigned work[1 << 16];

/* Silberschatz, Operating System Concepts, 9.4: 3 frames, LRU 12 faults,
 * optimal 9. */
static const unsigned textbook[] = { 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1 };

HTEST(pagesim_textbook_string_lru_12_optimal_9)
{
	HCHECK_EQ(pagesim_lru(textbook, 20, 0, 8, 3, work), 12);
	HCHECK_EQ(pagesim_opt(textbook, 20, 0, 8, 3, work), 9);
	HCHECK_EQ(pagesim_lru(textbook, 20, 0, 8, 8, work), 6);   /* only the first touches */
	HCHECK_EQ(pagesim_opt(textbook, 20, 0, 8, 8, work), 6);
}

/* A loop over 12 pages with 8 frames: LRU misses every reference once
 * warm; the optimal policy keeps 7 pages and misses 12 - 7 = 5 a pass in
 * the steady state. Misses counted from the third pass. */
HTEST(pagesim_loop_beyond_the_frames)
{
	unsigned seq[12 * 10];
	for (unsigned i = 0; i < 120; i++)
		seq[i] = i % 12;
	HCHECK_EQ(pagesim_lru(seq, 120, 24, 12, 8, work), 96);
	unsigned opt = pagesim_opt(seq, 120, 24, 12, 8, work);
	HCHECK(opt >= 4 * 8 && opt <= 6 * 8);
	HCHECK_EQ(pagesim_lru(seq, 120, 24, 12, 12, work), 0);
	HCHECK_EQ(pagesim_opt(seq, 120, 24, 12, 12, work), 0);
}

static unsigned naive_opt(const unsigned *seq, unsigned len, unsigned from, unsigned frames)
{
	unsigned res[64], n = 0, misses = 0;
	for (unsigned i = 0; i < len; i++) {
		unsigned j = 0;
		while (j < n && res[j] != seq[i])
			j++;
		if (j < n)
			continue;
		misses += i >= from;
		if (n < frames) {
			res[n++] = seq[i];
			continue;
		}
		unsigned victim = 0, far = 0;
		for (unsigned k = 0; k < n; k++) {
			unsigned t = i + 1;
			while (t < len && seq[t] != res[k])
				t++;
			if (t > far)
				far = t, victim = k;
		}
		res[victim] = seq[i];
	}
	return misses;
}

HTEST(pagesim_optimal_matches_a_naive_version_and_beats_lru)
{
	unsigned seq[600], x = 12345;
	for (unsigned trial = 0; trial < 20; trial++) {
		unsigned pages = 5 + trial, frames = 2 + trial % 7;
		for (unsigned i = 0; i < 600; i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			seq[i] = x % pages;
		}
		unsigned opt = pagesim_opt(seq, 600, 100, pages, frames, work);
		HCHECK_EQ(opt, naive_opt(seq, 600, 100, frames));
		HCHECK(opt <= pagesim_lru(seq, 600, 100, pages, frames, work));
	}
}
