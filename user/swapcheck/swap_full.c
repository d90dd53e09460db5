/*
 * user/swapcheck/swap_full.c - RAM and swap exhausted: the process that
 * wants the page nobody has is killed, only once swap is full, and a
 * bystander (and the kernel) run on with their memory intact.
 */
#include "user/swapcheck/swapcheck.h"

/* Wants more than RAM and swap together, one page after another. */
static void hog(unsigned extra)
{
	struct mendax_meminfo m = mem();
	unsigned n = m.free_frames + m.swap_free + extra;
	volatile char *p = (volatile char *)map_pages(n);
	for (unsigned i = 0; i < n; i++)
		p[(size_t)i * PG] = 1;
}

static void bystander(unsigned seed)
{
	unsigned n = ram_pages / 2;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	ready_then_wait();
	verify_all(b, n, seed);
}

/* waitpid, polling meminfo meanwhile for the fewest free swap slots. */
static int watch_status(int pid, unsigned *least_free)
{
	*least_free = ~0u;
	while (!ended(pid)) {
		unsigned f = mem().swap_free;
		*least_free = f < *least_free ? f : *least_free;
		yield();
	}
	return status_of(pid);
}

/* Swap full: the process that wants the page nobody has is killed, the
 * others (and the kernel) run on. */
void swap_full(void)
{
	char c;
	int by = spawn_ready(bystander, 60, &c);
	unsigned least_free;
	int hs = watch_status(spawn(hog, 1024), &least_free);
	struct mendax_meminfo m = mem();
	write(cmd[1], "g", 1);
	int bs = status_of(by);
	close(cmd[1]), close(ready[0]);
	printf("  swap full: hog status %d, bystander status %d; swap slots free: %u at the least"
	       " while the hog ran, %u of %u after\n", hs, bs, least_free, m.swap_free, m.swap_total);
	verdict(hs == -1, "RAM and swap exhausted: the process wanting more is killed");
	verdict(least_free <= m.swap_total / 50, "it was killed only once swap was full (2% slack)");
	verdict(bs == 0, "the other process runs on, its memory intact");
	verdict(balanced("swap full"), "frames and swap slots back after swap ran full");
}
