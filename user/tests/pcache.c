/*
 * user/tests/pcache.c - the page cache seen from user mode (fs/vfs/data.c,
 * docs/page-cache.md): write-back (written data is in RAM, dirty, until
 * fsync), one copy shared by every process, cached reads that do no disk
 * I/O (meminfo's file_reads), drop_caches back to the baseline, a big file
 * with almost no free RAM, and -ENOSPC from write(). Only on the harness's
 * test disk (the host's /host/hello.txt), like user/tests/files.c; the
 * file /guest/pcache-fsync.txt is left on purpose for the host's check.
 */
#include "user/tests/usertest.h"

static int test_disk(void)
{
	struct mendax_stat st;
	if (stat("/host/hello.txt", &st) == 0 && st.size == 20)
		return 1;
	printf("  pcache: skipped (not the test disk)\n");
	return 0;
}

static struct mendax_meminfo info(void)
{
	struct mendax_meminfo m;
	meminfo(&m);
	return m;
}

static unsigned char byte_at(unsigned seed, unsigned at)
{
	return (unsigned char)(at * 13 + seed + (at >> 12));
}

/* Writes n bytes of pattern(seed) to fd in chunks of chunk bytes. */
static void write_bytes(int fd, unsigned seed, unsigned n, unsigned chunk)
{
	static unsigned char buf[16384];
	for (unsigned at = 0; at < n; at += chunk) {
		unsigned len = n - at < chunk ? n - at : chunk;
		for (unsigned i = 0; i < len; i++)
			buf[i] = byte_at(seed, at + i);
		CHECK(write(fd, buf, len) == (long)len);
	}
}

/* Reads fd from its offset to the end: bytes that differ from pattern(seed)
 * (the file must hold exactly n). */
static unsigned bad_bytes(int fd, unsigned seed, unsigned n)
{
	static unsigned char buf[16384];
	unsigned at = 0, bad = 0;
	long got;
	while ((got = read(fd, buf, sizeof buf)) > 0) {
		for (long i = 0; i < got; i++)
			bad += buf[i] != byte_at(seed, at + (unsigned)i);
		at += (unsigned)got;
	}
	return bad + (at != n);
}

static void written_data_is_shared_at_once_and_dirty_until_fsync(void)
{
	if (!test_disk())
		return;
	static const char text[] = "in the page cache, not yet on the disk\n";
	int fd = open("/pc1.txt", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	struct mendax_meminfo before = info();
	CHECK(write(fd, text, sizeof text - 1) == (long)sizeof text - 1);
	struct mendax_meminfo after = info();
	CHECK(after.file_dirty == before.file_dirty + 1);   /* the lie: RAM only */
	CHECK(after.file_writes == before.file_writes);
	if (fork() == 0) {   /* another process, its own open: the same frame */
		char buf[64];
		int fd2 = open("/pc1.txt", O_RDONLY);
		CHECK(fd2 >= 0 && read(fd2, buf, sizeof buf) == (long)sizeof text - 1);
		CHECK(!memcmp(buf, text, sizeof text - 1));
		CHECK(info().file_reads == after.file_reads);   /* no disk read for it */
		exit(0);
	}
	int s;
	CHECK(wait(&s) > 0 && s == 0);
	CHECK(fsync(fd) == 0);
	struct mendax_meminfo synced = info();
	CHECK(synced.file_dirty == before.file_dirty);
	CHECK(synced.file_writes == after.file_writes + 1);
	CHECK(close(fd) == 0 && unlink("/pc1.txt") == 0);
}

static void a_second_read_does_no_disk_io(void)
{
	if (!test_disk())
		return;
	int fd = open("/pc2.bin", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	write_bytes(fd, 2, 65536, 16384);
	CHECK(fsync(fd) == 0);
	drop_caches();   /* cold: the next read comes from the disk */
	struct mendax_meminfo cold = info();
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && bad_bytes(fd, 2, 65536) == 0);
	struct mendax_meminfo warm = info();
	CHECK(warm.file_reads == cold.file_reads + 16);
	CHECK(warm.file_cached >= cold.file_cached + 16);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && bad_bytes(fd, 2, 65536) == 0);
	CHECK(info().file_reads == warm.file_reads);
	CHECK(close(fd) == 0 && unlink("/pc2.bin") == 0);
}

static void drop_caches_returns_to_the_baseline(void)
{
	if (!test_disk())
		return;
	static unsigned char buf[65536];
	memset(buf, 1, sizeof buf);   /* its frames exist before the baseline */
	int fd = open("/pc3.bin", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	write_bytes(fd, 3, sizeof buf, 16384);
	CHECK(drop_caches() >= 16);
	struct mendax_meminfo base = info();
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, sizeof buf) == (long)sizeof buf);
	struct mendax_meminfo used = info();
	CHECK(used.file_cached == base.file_cached + 16);
	CHECK(used.free_frames <= base.free_frames - 16);
	CHECK(used.used_frames < base.used_frames + 16);   /* file frames are not "used" */
	CHECK(drop_caches() == 16);
	struct mendax_meminfo back = info();
	CHECK(back.free_frames == base.free_frames && back.file_cached == base.file_cached);
	CHECK(close(fd) == 0 && unlink("/pc3.bin") == 0);
}

/* The host reads it after the run (scripts/check-files-test.sh). */
static void fsync_puts_the_data_on_the_disk(void)
{
	if (!test_disk())
		return;
	int rc = mkdir("/guest");
	CHECK(rc == 0 || rc == -EEXIST);
	static const char text[] = "fsync()ed by mendax, user/tests/pcache.c\n";
	int fd = open("/guest/pcache-fsync.txt", O_WRONLY | O_CREAT | O_TRUNC);
	CHECK(fd >= 0 && write(fd, text, sizeof text - 1) == (long)sizeof text - 1);
	unsigned writes = info().file_writes;
	CHECK(fsync(fd) == 0);
	CHECK(info().file_writes == writes + 1);
	CHECK(close(fd) == 0);
}

enum { LEFT = 384, HOG_MAX = 256 * MIB };

/* A hog: touches fresh pages (at most HOG_MAX of them, the user address
 * space being small on ARM) until at most LEFT frames are free, in
 * shrinking batches (meminfo walks every space: not after every page).
 * Tells ready whether it got there ('d') or ran out of room ('f'), then
 * holds its memory until hold closes. */
static void hog(int ready, int hold)
{
	volatile char *p = mmap(HOG_MAX, PROT_READ | PROT_WRITE);
	CHECK((long)p > 0);
	unsigned page = 0, free;
	while ((free = info().free_frames) > LEFT && page < HOG_MAX / 4096) {
		unsigned batch = (free - LEFT) / 2 + 1;
		for (unsigned end = page + batch; page < end && page < HOG_MAX / 4096; page++)
			p[page * 4096u] = 1;
	}
	write(ready, free <= LEFT ? "d" : "f", 1);
	char c;
	read(hold, &c, 1);
	exit(0);
}

/* Hogs hold all but about LEFT frames; a 2 MiB file (more than what is
 * left) is written and read back: clean pages are reclaimed, dirty ones
 * written back, nobody is killed. */
static void a_file_bigger_than_free_ram(void)
{
	if (!test_disk())
		return;
	enum { SIZE = 2 * 1024 * 1024 };
	int fd = open("/pc5.bin", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	write_bytes(fd, 5, 16384, 16384);   /* the buffers' frames, before the hogs */
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && bad_bytes(fd, 5, 16384) == 0);
	int ready[2], hold[2];
	CHECK(pipe(ready) == 0 && pipe(hold) == 0);
	drop_caches();
	unsigned hogs = 0;
	char c = 'f';
	while (c == 'f' && hogs < 8) {
		if (fork() == 0) {
			close(hold[1]);   /* the test's close of it must reach every hog */
			hog(ready[1], hold[0]);
		}
		hogs++;
		CHECK(read(ready[0], &c, 1) == 1);
	}
	CHECK(c == 'd' && info().free_frames < SIZE / 4096);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	write_bytes(fd, 5, SIZE, 16384);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	unsigned bad = bad_bytes(fd, 5, SIZE);
	close(hold[1]);
	int s, ok = 0;
	while (wait(&s) > 0)
		ok += s == 0;
	CHECK(ok == (int)hogs);   /* no hog was killed either */
	CHECK(bad == 0);
	CHECK(close(fd) == 0 && unlink("/pc5.bin") == 0);
}

/* More than the volume holds, in one write (an untouched mapping: no
 * frames): -ENOSPC and the file unchanged. Then the volume fills up in
 * 64 KiB writes (the ARM card's 4 MiB partition does; x86's 40 MiB one is
 * left at 4 MiB, too slow to fill here): -ENOSPC from write(), the file
 * keeps exactly what the successful writes gave it (the host's fsck checks
 * the FAT after the run), and the space comes back with unlink. */
static void a_full_volume_gives_enospc_from_write(void)
{
	if (!test_disk())
		return;
	enum { HUGE = 96 * MIB, FILL_MAX = 4 * MIB };
	int fd = open("/pc6.bin", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	void *huge = mmap(HUGE, PROT_READ | PROT_WRITE);
	CHECK((long)huge > 0);
	struct mendax_stat st;
	CHECK(write(fd, huge, HUGE) == -ENOSPC);
	CHECK(fstat(fd, &st) == 0 && st.size == 0);
	CHECK(munmap(huge, HUGE) == 0);
	static unsigned char buf[65536];
	unsigned total = 0;
	long rc = 0;
	while (total < FILL_MAX) {
		for (unsigned i = 0; i < sizeof buf; i++)
			buf[i] = byte_at(6, total + i);
		if ((rc = write(fd, buf, sizeof buf)) != (long)sizeof buf)
			break;
		total += sizeof buf;
	}
	CHECK(rc == -ENOSPC || total == FILL_MAX);
	CHECK(fstat(fd, &st) == 0 && st.size == total);
	CHECK(fsync(fd) == 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && bad_bytes(fd, 6, total) == 0);
	printf("  %u KiB written, then %s\n", total / 1024, rc == -ENOSPC ? "-ENOSPC" : "stopped");
	CHECK(close(fd) == 0 && unlink("/pc6.bin") == 0);
	fd = open("/pc6.bin", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0 && write(fd, buf, sizeof buf) == (long)sizeof buf);
	CHECK(close(fd) == 0 && unlink("/pc6.bin") == 0);
}

USERTEST(written_data_is_shared_at_once_and_dirty_until_fsync,
	 "pcache: write() data is in RAM (dirty) until fsync, seen at once by another process");
USERTEST(a_second_read_does_no_disk_io, "pcache: a second read of a file does no disk I/O");
USERTEST(drop_caches_returns_to_the_baseline, "pcache: drop_caches gives cached frames back");
USERTEST(fsync_puts_the_data_on_the_disk, "pcache: fsync writes the dirty page (the host reads it)");
USERTEST(a_file_bigger_than_free_ram, "pcache: a 2 MiB file written and read with ~1.5 MiB free");
USERTEST(a_full_volume_gives_enospc_from_write, "pcache: a full volume: -ENOSPC from write(), file intact");
