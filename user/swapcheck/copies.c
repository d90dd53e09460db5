/*
 * user/swapcheck/copies.c - the kernel's own copies through swapped-out
 * user buffers: write() from one and read() into one fault the pages in
 * and move the right bytes.
 */
#include "user/swapcheck/swapcheck.h"

/* read() into a swapped-out buffer and write() from one (the kernel's own
 * copies fault the pages in). Exit codes say which step failed. */
#define COPY_PAGES 16u
#define COPY_PATH "/swapcheck.tmp"

static void copier(unsigned seed)
{
	unsigned n = 2 * ram_pages, slot;
	unsigned *b = map_pages(n), *out = page_at(b, 0), *in = page_at(b, COPY_PAGES);
	fill_all(b, n, seed);
	unsigned sw_out = swapped_in(getpid(), (unsigned)out, (unsigned)in, &slot);
	int fd = open(COPY_PATH, O_RDWR | O_CREAT | O_TRUNC);
	long w = fd >= 0 ? write(fd, out, COPY_PAGES * PG) : -1;
	unsigned sw_in = swapped_in(getpid(), (unsigned)in, (unsigned)(in + COPY_PAGES * WORDS), &slot);
	long r = lseek(fd, 0, SEEK_SET) == 0 ? read(fd, in, COPY_PAGES * PG) : -1;
	close(fd);
	unlink(COPY_PATH);
	printf("  copies: write() from %u swapped pages: %ld; read() into %u swapped pages: %ld\n",
	       sw_out, w, sw_in, r);
	if (!sw_out || !sw_in)
		exit(20);   /* the buffers were not on swap: the test proves nothing */
	if (w != COPY_PAGES * PG || r != COPY_PAGES * PG)
		exit(21);
	for (unsigned i = 0; i < COPY_PAGES; i++)
		if (!page_ok(page_at(in, i), seed, i))   /* the file holds pages 0.. */
			exit(22);
}

void kernel_copies(void)
{
	int st = status_of(spawn(copier, 50));
	verdict(st == 0, "write() from and read() into swapped-out buffers move the right bytes");
	verdict(balanced("the copies"), "frames and swap slots back after the copies");
}
