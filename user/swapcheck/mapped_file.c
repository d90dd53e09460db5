/*
 * user/swapcheck/mapped_file.c - a mapped file larger than free RAM (the
 * page cache's reclaim): read and written whole through a MAP_SHARED
 * mapping while anonymous memory kept in use holds the rest of RAM, its
 * pages taken out of the mapping under pressure.
 */
#include "user/swapcheck/swapcheck.h"

#define BIG_PATH "/swapcheck.map"
#define BIG_PAGES 256u   /* 1 MiB: fits the ARM card's root */

unsigned page_buf[WORDS];

static int write_big_file(unsigned seed)
{
	int fd = open(BIG_PATH, O_RDWR | O_CREAT | O_TRUNC);
	for (unsigned i = 0; fd >= 0 && i < BIG_PAGES; i++) {
		fill_page(page_buf, seed, i);
		if (write(fd, page_buf, PG) != PG)
			return -1;
	}
	return fd;
}

/* One read of every held page: they stay in use (accessed), so what the
 * clock finds idle is the file's pages, which must leave the mapping. */
static unsigned touch_held(const unsigned *h, unsigned held)
{
	unsigned sum = 0;
	for (unsigned i = 0; i < held; i++)
		sum += ((const volatile unsigned *)h)[(size_t)i * WORDS];
	return sum;
}

/* Reads every page through a MAP_SHARED mapping, writes every page
 * through it, then checks the file with read(): RAM is taken first by
 * anonymous memory kept in use, so the file does not fit in what is free. */
static void mapper(unsigned seed)
{
	unsigned held = mem().free_frames > 100 ? mem().free_frames - 100 : 0;
	unsigned *h = map_pages(held);
	fill_all(h, held, seed + 7);
	int fd = write_big_file(seed);
	unsigned free_now = mem().free_frames;
	unsigned *p = fd >= 0 ? mmapx(NULL, BIG_PAGES * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
			      : (unsigned *)-1;
	if ((unsigned long)p > -4096ul)
		exit(30);
	for (unsigned i = 0; i < BIG_PAGES; i++) {
		if (!page_ok(page_at(p, i), seed, i))
			exit(31);
		touch_held(h, held);
	}
	for (unsigned i = 0; i < BIG_PAGES; i++) {
		fill_page(page_at(p, i), seed + 1, i);
		touch_held(h, held);
	}
	if (msync(p, BIG_PAGES * PG) || munmap(p, BIG_PAGES * PG) || lseek(fd, 0, SEEK_SET))
		exit(32);
	for (unsigned i = 0; i < BIG_PAGES; i++)
		if (read(fd, page_buf, PG) != PG || !page_ok(page_buf, seed + 1, i))
			exit(33);
	close(fd);
	printf("  mapped file: %u pages, %u frames free when it was mapped\n", BIG_PAGES, free_now);
	if (free_now >= BIG_PAGES)
		exit(34);   /* the file fitted: the test proves nothing */
	verify_all(h, held, seed + 7);
}

void mapped_file_bigger_than_free_ram(void)
{
	unsigned unmaps = mem().file_unmaps;
	int st = status_of(spawn(mapper, 70));
	unsigned took = mem().file_unmaps - unmaps;
	unlink(BIG_PATH);
	printf("  reclaim took %u file pages out of the mapping\n", took);
	verdict(st == 0, "a MAP_SHARED file larger than free RAM is read and written whole, right");
	verdict(took > 0, "its clean and dirty pages were taken out of the mapping under pressure");
	verdict(balanced("the mapped file"), "frames and swap slots back after the mapped file");
}
