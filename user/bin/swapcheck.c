/*
 * user/bin/swapcheck.c - init of the swap test boots (make check-swap,
 * docs/testing.md): booted with mem=16M, so that a process can want
 * several times the RAM there is, on a disk with a swap partition
 * (kernel/swap_area.c). Every test runs in children; each checks every
 * byte it wrote, and after each test, every child gone and the caches
 * dropped, free frames and free swap slots must be back at their
 * baselines exactly. Prints "swapcheck: N passed, M failed" and exits
 * with the number failed (the kernel's end-of-run accounting follows).
 *
 * "swapcheck bad" (make check-swap-bad, initarg=bad) runs the bad-area
 * test instead: the disk's swap partition fails every read, so the child
 * whose page cannot be read back is killed with a report and the area is
 * not written again. Reads of the first 512 slots still work: the clock
 * takes swapcheck's own pages first, and they must come back.
 *
 * This file holds the order of the run; the tests and what they share
 * are in user/swapcheck/ (swapcheck.h says which file owns what).
 */
#include "user/swapcheck/swapcheck.h"

static void timed(void (*test)(void), const char *name)
{
	unsigned t = uptime_ms();
	test();
	printf("  (%s: %u ms)\n", name, uptime_ms() - t);
}

int main(int argc, char **argv)
{
	int bad = argc > 1 && !strcmp(argv[1], "bad");
	baseline();
	if (!mem().swap_on) {
		verdict(0, "swap is on (a 0x82 partition, no swap=off)");
	} else if (bad) {
		bad_area();
	} else {
		timed(four_times_ram, "4x RAM");
		timed(several_at_once, "three at once");
		timed(fork_through_swap, "fork through swap");
		timed(visible_then_killed, "seen, then killed");
		timed(kernel_copies, "kernel copies");
		timed(mapped_file_bigger_than_free_ram, "mapped file");
		timed(swap_full, "swap full");
	}
	accounting(bad);
	printf("swapcheck: %u passed, %u failed\n", passed, failed);
	return (int)failed;
}
