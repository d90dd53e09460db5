/*
 * user/swapcheck/pattern.c - working sets: a pattern in every word,
 * checked word by word (sequentially, jumping about, or two seeds by the
 * page's parity); a wrong word is printed and the child exits with a code
 * saying which check found it.
 */
#include "user/swapcheck/swapcheck.h"

static unsigned pattern(unsigned seed, unsigned page, unsigned word)
{
	unsigned x = seed * 0x9E3779B1u ^ page * 0x85EBCA77u ^ word * 0xC2B2AE3Du;
	return x ^ x >> 15;
}

void fill_page(unsigned *p, unsigned seed, unsigned page)
{
	for (unsigned w = 0; w < WORDS; w++)
		p[w] = pattern(seed, page, w);
}

/* 1 when the page holds its pattern; else prints the first wrong word. */
int page_ok(const unsigned *p, unsigned seed, unsigned page)
{
	for (unsigned w = 0; w < WORDS; w++)
		if (p[w] != pattern(seed, page, w)) {
			printf("  pid %d: page %u word %u holds %08x, not %08x\n", getpid(), page, w,
			       p[w], pattern(seed, page, w));
			return 0;
		}
	return 1;
}

unsigned *map_pages(unsigned n)
{
	unsigned *p = mmap((size_t)n * PG, PROT_READ | PROT_WRITE);
	if ((long)p < 0 && (long)p > -4096) {
		printf("  pid %d: mmap of %u pages failed (%ld)\n", getpid(), n, (long)p);
		exit(11);
	}
	return p;
}

void fill_all(unsigned *b, unsigned n, unsigned seed)
{
	for (unsigned i = 0; i < n; i++)
		fill_page(page_at(b, i), seed, i);
}

static unsigned gcd(unsigned a, unsigned b)
{
	while (b) {
		unsigned t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Checks pages [0, n) sequentially. Exits 12 on a wrong byte. */
void verify_all(unsigned *b, unsigned n, unsigned seed)
{
	for (unsigned i = 0; i < n; i++)
		if (!page_ok(page_at(b, i), seed, i))
			exit(12);
}

/* The same in an order that jumps about (k * stride mod n, stride coprime
 * to n: every page once). Exits 13 on a wrong byte. */
void verify_jumping(unsigned *b, unsigned n, unsigned seed)
{
	unsigned stride = n / 2 + n / 7 + 1;
	while (gcd(stride, n) != 1)
		stride++;
	for (unsigned k = 0, i = 0; k < n; k++, i = (i + stride) % n)
		if (!page_ok(page_at(b, i), seed, i))
			exit(13);
}

/* Pages of b [first, first + n) holding seed a at even pages and seed b at
 * odd ones (page numbers of the whole set). */
void verify_mixed(unsigned *b, unsigned n, unsigned even_seed, unsigned odd_seed)
{
	for (unsigned i = 0; i < n; i++)
		if (!page_ok(page_at(b, i), i % 2 ? odd_seed : even_seed, i))
			exit(12);
}
