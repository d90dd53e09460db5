/*
 * user/tests/regions.c - the region table seen from user mode (issue 9,
 * items 4, 6-9): thousands of regions per process with a clean -ENOMEM at
 * the limit, munmap that fails without touching data, length 0 refused,
 * sbrk growing one region in place, and mmap reusing freed address space.
 */
#include "user/tests/usertest.h"

#define PG 4096u
#define LIMIT 4096u   /* CONFIG_MAX_REGIONS of lib/config.h */
#define FAILED(p) ((long)(p) < 0 && (long)(p) > -4096)

static struct mendax_vmrange ranges[256];

/* Ranges of this process as vmmap reports them (fewer than 256 here). */
static int my_ranges(void)
{
	int n = vmmap(getpid(), ranges, 256);
	CHECK(n > 0 && n < 256);
	return n;
}

/* One-page mappings until the table is full; alternating rights, and each
 * page written (the read-write ones) so the data can be checked. */
static unsigned fill_table(char **pages, unsigned max, long *err)
{
	unsigned n = 0;
	for (; n < max; n++) {
		int prot = n & 1 ? PROT_READ : PROT_READ | PROT_WRITE;
		char *p = mmap(PG, prot);
		if (FAILED(p)) {
			*err = (long)p;
			break;
		}
		if (!(n & 1))
			p[100] = (char)n;
		pages[n] = p;
	}
	return n;
}

static char *pages[LIMIT + 1];

/* Item 9: at least 4,000 regions in one process, -ENOMEM past the limit,
 * a freed one reusable, every frame back after (the runner checks). */
static void thousands_of_regions_then_enomem(void)
{
	long err = 0;
	unsigned n = fill_table(pages, LIMIT + 1, &err);
	printf("  %u one-page mappings, then %ld\n", n, err);
	CHECK(n >= 4000 && n < LIMIT);
	CHECK(err == -ENOMEM);
	for (unsigned i = 0; i < n; i += 2)
		CHECK(pages[i][100] == (char)i);
	CHECK(munmap(pages[n / 2], PG) == 0);
	char *again = mmap(PG, PROT_READ | PROT_WRITE);
	CHECK(again == pages[n / 2]);   /* first fit: the hole just made */
	CHECK(FAILED(mmap(PG, PROT_READ)));
	for (unsigned i = 0; i < n; i++)
		CHECK(munmap(pages[i], PG) == 0);
}

/* Item 9, with fork: the child gets a copy of all those records. */
static void fork_copies_thousands_of_regions(void)
{
	long err = 0;
	unsigned n = fill_table(pages, 4000, &err);
	CHECK(n == 4000);
	int pid = fork();
	if (pid == 0) {
		for (unsigned i = 0; i < n; i += 2)
			if (pages[i][100] != (char)i)
				exit(2);
		pages[10][100] = 55;   /* its own copy now */
		exit(0);
	}
	int st = -1;
	CHECK(waitpid(pid, &st) == pid && st == 0);
	CHECK(pages[10][100] == 10);
	for (unsigned i = 0; i < n; i++)
		CHECK(munmap(pages[i], PG) == 0);
}

/* Item 4: with the table full, cutting a hole in a mapping needs one more
 * record: munmap must fail before any page goes, the data all still there. */
static void failed_munmap_keeps_the_data(void)
{
	char *big = mmap(3 * PG, PROT_READ | PROT_WRITE);
	CHECK(!FAILED(big));
	for (unsigned i = 0; i < 3 * PG; i++)
		big[i] = (char)(i * 7);
	long err = 0;
	unsigned n = fill_table(pages, LIMIT, &err);
	CHECK(err == -ENOMEM);
	CHECK(munmap(big + PG, PG) == -ENOMEM);
	unsigned bad = 0;
	for (unsigned i = 0; i < 3 * PG; i++)
		bad += big[i] != (char)(i * 7);
	CHECK(bad == 0);
	big[PG + 5] = 1;   /* still writable */
	CHECK(munmap(big, PG) == 0);   /* trimming an end needs no record */
	for (unsigned i = 0; i < n; i++)
		CHECK(munmap(pages[i], PG) == 0);
	CHECK(munmap(big + PG, PG) == 0);   /* room again: the hole is cut */
	CHECK(big[2 * PG + 9] == (char)((2 * PG + 9) * 7));
	CHECK(munmap(big + 2 * PG, PG) == 0);
}

/* Item 6: length 0 is refused and changes nothing; a range with no
 * mapping is a no-op; the table does not fill up from either. */
static void munmap_len_0_and_empty_ranges_change_nothing(void)
{
	char *p = mmap(8 * PG, PROT_READ | PROT_WRITE);
	CHECK(!FAILED(p));
	p[3 * PG] = 42;
	int before = my_ranges();
	for (int i = 0; i < 100; i++) {
		CHECK(munmap(p + 3 * PG, 0) == -EINVAL);
		CHECK(munmap(p + 4 * PG, 0) == -EINVAL);
	}
	CHECK(munmap(p + 8 * PG, PG) == 0);   /* the guard page after it: no region */
	CHECK(munmap((char *)0x30000000, 16 * PG) == 0);
	CHECK(my_ranges() == before);
	for (unsigned i = 0; i < 8; i++)
		p[i * PG + 1] = (char)i;
	CHECK(p[3 * PG] == 42);
	for (int i = 0; i < 40; i++) {   /* the old table of 16 would be full by now */
		char *q = mmap(PG, PROT_READ | PROT_WRITE);
		CHECK(!FAILED(q));
		pages[i] = q;
	}
	for (int i = 0; i < 40; i++)
		CHECK(munmap(pages[i], PG) == 0);
	CHECK(munmap(p, 8 * PG) == 0);
}

/* Item 7: sbrk grows the heap's region in place, thousands of times. */
static void sbrk_thousands_of_times(void)
{
	char *first = sbrk(0), *prev = first;
	for (int i = 0; i < 5000; i++) {
		char *b = sbrk(PG);
		CHECK(b == prev);
		prev = b + PG;
	}
	first[0] = 1;
	prev[-1] = 2;
	CHECK(sbrk(-5000 * (long)PG) == prev);
	CHECK(sbrk(0) == first);
}

/* Item 7: malloc far beyond the old 800 KiB, in small steps. */
static void malloc_many_mib_in_small_steps(void)
{
	unsigned total = 0, n = 0;
	while (total < 24 * MIB) {
		unsigned *b = malloc(4000);
		CHECK(b);
		b[0] = n++;
		b[999] = ~b[0];
		total += 4000;
	}
	printf("  malloc: %u blocks, %u KiB\n", n, total / 1024);
}

/* Item 8: map and unmap indefinitely; freed space is found again. */
static void mmap_munmap_10000_rounds(void)
{
	char *first = 0;
	for (int i = 0; i < 10000; i++) {
		char *p = mmap(MIB, PROT_READ | PROT_WRITE);
		CHECK(!FAILED(p));
		if (!first)
			first = p;
		CHECK(p == first);   /* the same room every time */
		p[i % MIB] = 1;
		CHECK(munmap(p, MIB) == 0);
	}
	/* Holes are reused by size: a small one fits the first gap, a big
	 * one goes above what is still mapped. */
	char *a = mmap(16 * PG, PROT_READ), *b = mmap(16 * PG, PROT_READ), *c = mmap(PG, PROT_READ);
	CHECK(!FAILED(a) && !FAILED(b) && !FAILED(c));
	CHECK(b >= a + 17 * PG && c >= b + 17 * PG);   /* one unmapped page between */
	CHECK(munmap(a, 16 * PG) == 0);
	char *d = mmap(4 * PG, PROT_READ);
	CHECK(d == a);
	char *e = mmap(64 * PG, PROT_READ);
	CHECK(e > c);
	CHECK(munmap(b, 16 * PG) == 0 && munmap(c, PG) == 0 && munmap(d, 4 * PG) == 0 &&
	      munmap(e, 64 * PG) == 0);
}

USERTEST(thousands_of_regions_then_enomem, "regions: >= 4,000 per process, then -ENOMEM, reuse, all freed");
USERTEST(fork_copies_thousands_of_regions, "regions: fork copies 4,000 regions, child and parent apart");
USERTEST(failed_munmap_keeps_the_data, "regions: munmap that cannot split fails first: data intact");
USERTEST(munmap_len_0_and_empty_ranges_change_nothing, "regions: munmap len 0 -> -EINVAL, empty range -> 0, no change");
USERTEST(sbrk_thousands_of_times, "regions: sbrk 5,000 times grows one region in place");
USERTEST(malloc_many_mib_in_small_steps, "regions: malloc 24 MiB in 4 KB steps");
USERTEST(mmap_munmap_10000_rounds, "regions: 10,000 rounds of mmap(1 MiB) + munmap, space reused");
