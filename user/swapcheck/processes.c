/*
 * user/swapcheck/processes.c - several processes over swap: three of
 * 1.25x RAM at once, and a fork while pages are on swap (the slots
 * shared, each side writing its own half: COW through swap).
 */
#include "user/swapcheck/swapcheck.h"

static void one_and_a_quarter(unsigned seed)
{
	unsigned n = ram_pages * 5 / 4;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);
}

/* Three at once, 1.25x RAM each (3.75x RAM in all). */
void several_at_once(void)
{
	int pid[3], ok = 1;
	for (unsigned i = 0; i < 3; i++)
		pid[i] = spawn(one_and_a_quarter, 20 + i);
	for (unsigned i = 0; i < 3; i++) {
		int st = status_of(pid[i]);
		if (st)
			printf("  1.25x RAM process %u: status %d\n", i, st);
		ok &= st == 0;
	}
	verdict(ok, "three processes of 1.25x RAM each at once, all right");
	verdict(balanced("3 x 1.25x RAM"), "frames and swap slots back after three at once");
}

/* Fills 1.25x RAM, forks while some of it is on swap; the parent then
 * writes the odd pages, the child the even ones, and each sees its own
 * writes and the other's pages as they were before the fork. */
static void fork_worker(unsigned unused)
{
	(void)unused;
	unsigned n = ram_pages * 5 / 4;
	unsigned *b = map_pages(n);
	fill_all(b, n, 30);
	int child = fork();
	unsigned used = mem().swap_used, res, mine = ps_swapped(getpid(), &res),
		 its = child ? ps_swapped(child, &res) : 0;
	if (child == 0) {
		for (unsigned i = 0; i < n; i += 2)
			fill_page(page_at(b, i), 31, i);
		verify_mixed(b, n, 31, 30);
		exit(0);
	}
	for (unsigned i = 1; i < n; i += 2)
		fill_page(page_at(b, i), 32, i);
	verify_mixed(b, n, 30, 32);
	int st = status_of(child);
	printf("  fork: just after it, %u slots used; %u swapped pages here, %u in the child;"
	       " child status %d\n", used, mine, its, st);
	/* Shared slots: the slots used are about ours (the child's are the
	 * same ones); copied ones would be ours and the child's. */
	if (its == 0 || used >= mine + its / 2)
		exit(14);   /* nothing was on swap, or fork copied the slots */
	exit(st ? 15 : 0);
}

void fork_through_swap(void)
{
	int st = status_of(spawn(fork_worker, 0));
	verdict(st == 0, "fork with pages on swap shares the slots; parent and child write "
		"different pages and each reads its own view (COW through swap)");
	verdict(balanced("fork through swap"), "frames and swap slots back after the fork test");
}
