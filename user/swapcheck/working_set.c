/*
 * user/swapcheck/working_set.c - one process with a working set of 4x
 * RAM: every byte back, read sequentially and jumping about.
 */
#include "user/swapcheck/swapcheck.h"

static void big_one(unsigned seed)
{
	unsigned n = 4 * ram_pages;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);
	verify_jumping(b, n, seed);
}

/* One process, 4x RAM: every byte back, sequentially and jumping about. */
void four_times_ram(void)
{
	unsigned outs = mem().swap_outs, t = uptime_ms();
	int st = status_of(spawn(big_one, 1));
	struct mendax_meminfo m = mem();
	printf("  4x RAM (%u pages): status %d, %u pages written out, %u read in, %u ms\n",
	       4 * ram_pages, st, m.swap_outs - outs, m.swap_ins, uptime_ms() - t);
	verdict(st == 0 && m.swap_outs > outs, "a working set of 4x RAM is written and read back right");
	verdict(balanced("4x RAM"), "frames and swap slots back after 4x RAM");
}
