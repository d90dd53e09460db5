/*
 * user/swapcheck/bad_area.c - the bad area (check-swap-bad: every read of
 * a slot fails): the process whose page cannot be read back is killed,
 * the area is not written again, and a process that fits in RAM still
 * runs.
 */
#include "user/swapcheck/swapcheck.h"

static void reader(unsigned seed)
{
	unsigned n = 2 * ram_pages;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);   /* the first swapped page cannot come back */
}

static void small(unsigned seed)
{
	unsigned n = ram_pages / 2;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);
}

void bad_area(void)
{
	struct mendax_meminfo m0 = mem();
	int st = status_of(spawn(reader, 70));
	struct mendax_meminfo m1 = mem();
	printf("  bad area: reader status %d; %u written out, %u read in, %u bad slots\n", st,
	       m1.swap_outs - m0.swap_outs, m1.swap_ins - m0.swap_ins, m1.swap_bad);
	verdict(st == -1 && m1.swap_outs > m0.swap_outs && m1.swap_ins > m0.swap_ins && m1.swap_bad,
		"a page that cannot be read back kills the process that needs it");
	int st2 = status_of(spawn(reader, 71));
	int st3 = status_of(spawn(small, 72));
	struct mendax_meminfo m2 = mem();
	printf("  after: a second 2x RAM process status %d, a small one %d; %u more written out\n",
		st2, st3, m2.swap_outs - m1.swap_outs);
	verdict(m2.swap_outs == m1.swap_outs, "the area is not written again after a read failed");
	verdict(st3 == 0, "the kernel goes on: a process that fits in RAM runs right");
}
