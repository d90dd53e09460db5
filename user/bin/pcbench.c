/*
 * user/bin/pcbench.c - the cost of read() from the page cache: a file of
 * up to 4 MiB (halved until the volume takes it) is written and read once,
 * then read again sequentially in 64 KiB read() calls; prints
 * instructions per KiB (run under -icount shift=0: see docs/page-cache.md
 * for the command) for the cached read, and for the first read after
 * drop_caches (from the disk) for comparison.
 */
#include "mendax.h"

#define CHUNK 65536u

static char buf[CHUNK + 4096] __attribute__((aligned(4096)));   /* page-aligned: whole-page copies */

static unsigned make_file(const char *path)
{
	for (unsigned size = 4u << 20; size >= CHUNK; size /= 2) {
		int fd = open(path, O_RDWR | O_CREAT | O_TRUNC);
		if (fd < 0)
			return 0;
		unsigned done = 0;
		while (done < size && write(fd, buf, CHUNK) == (long)CHUNK)
			done += CHUNK;
		fsync(fd);
		close(fd);
		if (done == size)
			return size;
		unlink(path);
	}
	return 0;
}

/* Instructions per KiB of reading the whole file from offset 0 into buf
 * + skew (skew 0: page-aligned). */
static unsigned read_per_kib(int fd, unsigned size, unsigned skew)
{
	lseek(fd, 0, SEEK_SET);
	unsigned long long t0 = bench_cycles();
	unsigned got = 0;
	long n;
	while ((n = read(fd, buf + skew, CHUNK)) > 0)
		got += (unsigned)n;
	unsigned long long t = bench_cycles() - t0;
	return got == size ? (unsigned)(t / (size / 1024)) : 0;
}

int main(void)
{
	const char *path = "/pcbench.bin";
	memset(buf, 'b', sizeof buf);
	unsigned size = make_file(path);
	if (!size) {
		printf("pcbench: no room for a file\n");
		return 1;
	}
	int fd = open(path, O_RDONLY);
	drop_caches();
	unsigned cold = read_per_kib(fd, size, 0);
	unsigned warm1 = read_per_kib(fd, size, 0), warm2 = read_per_kib(fd, size, 0);
	unsigned skewed = read_per_kib(fd, size, 64);
	printf("pcbench: %u KiB file, 64 KiB read() calls\n", size / 1024);
	printf("pcbench: first read after drop_caches: %u per KiB (disk waits included)\n", cold);
	printf("bench file_read_cached_per_kib %u (again: %u)\n", warm1, warm2);
	printf("pcbench: into a buffer 64 bytes off a page boundary (memcpy): %u per KiB\n", skewed);
	close(fd);
	unlink(path);
	return 0;
}
