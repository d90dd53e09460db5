/*
 * user/bin/fsbench.c - the file-system paths of make bench, measured from
 * user mode in instructions (QEMU -icount shift=0): sequential read and
 * write of a 4 MiB file through read()/write(), a second read of it, stat
 * in a directory of 1,000 long names, and create + write + close + unlink.
 * bench (user/bin/bench.c) runs it last; argv: fsbench MODE ARCH.
 *
 * Everything happens in FSBENCH_DIR on the root volume (the bench disk's
 * FAT partition) and is removed again, leftovers of an interrupted run
 * first. Halts, device waits and interrupts are left out of every figure
 * (SYS_benchinfo, kernel/bench.h: their length depends on the host, not on
 * the guest's work), and the time inside the block driver's calls is shown
 * apart as the driver's share. The short figures are the minimum over
 * TRIALS runs, the 4 MiB passes one run each. Prints "bench <arch> <name>
 * <value>" lines and a table.
 */
#include <stdbool.h>
#include "mendax.h"

#define KIB 1024u
#define CALL_BYTES (64u * KIB)      /* one read() or write() */
#define TRIALS 3
#define FSBENCH_DIR "/fsbench"
#define DATA_FILE FSBENCH_DIR "/data"
#define TEMP_FILE FSBENCH_DIR "/temp"
#define BIG_DIR FSBENCH_DIR "/dir"

static const char *arch = "?";
static unsigned file_bytes = 4096u * KIB, dir_entries = 1000;   /* quick mode: less */
/* Page-aligned, as a program that streams files would have them: whole
 * pages then move with the arch page copy (fs/vfs/data.c). */
static unsigned char wbuf[CALL_BYTES] __attribute__((aligned(4096))),
	rbuf[CALL_BYTES] __attribute__((aligned(4096)));

/* One measured run: instructions with the excluded cycles removed, and of
 * them the driver's (time inside block driver calls, the same). */
struct span { unsigned long long all, driver; };
struct probe { unsigned long long all, t, driver, excluded; };

static unsigned long long since(unsigned long long t0, unsigned long long t1)
{
	return t1 >= t0 ? t1 - t0 : (unsigned)(t1 - t0);   /* ARM: 32-bit counter */
}

static void probe_start(struct probe *p)
{
	struct mendax_benchinfo b;
	benchinfo(&b);
	p->driver = b.driver_cycles, p->excluded = b.excluded_cycles, p->all = 0;
	p->t = bench_cycles();
}

/* Ends a lap and starts the next: ARM's counter is 32 bits, so a long run
 * is timed in laps shorter than its wrap (2^32 instructions). */
static void probe_lap(struct probe *p)
{
	unsigned long long t1 = bench_cycles();
	p->all += since(p->t, t1);
	p->t = t1;
}

static struct span probe_end(struct probe *p)
{
	probe_lap(p);
	struct mendax_benchinfo b;
	benchinfo(&b);
	return (struct span){ p->all - (b.excluded_cycles - p->excluded), b.driver_cycles - p->driver };
}

static void keep_min(struct span *best, struct span s)
{
	if (s.all < best->all)
		*best = s;
}

static void fail(const char *what, long rc)
{
	printf("fsbench: %s failed (%ld)\n", what, rc);
	exit(1);
}

/* Writes back and drops the page cache and the metadata buffers, so the
 * next pass reads from the disk. */
static void drop_all_caches(void)
{
	int rc = drop_caches();
	if (rc < 0)
		fail("drop_caches", rc);
}

/* The whole file through fd in CALL_BYTES calls, a lap each. */
static void whole_file(int fd, bool write_it, struct probe *p)
{
	for (unsigned done = 0; done < file_bytes; done += CALL_BYTES) {
		long n = write_it ? write(fd, wbuf, CALL_BYTES) : read(fd, rbuf, CALL_BYTES);
		if (n != CALL_BYTES)
			fail(write_it ? "write" : "read", n);
		probe_lap(p);
	}
}

/* A new file, written and fsync'ed (data and metadata on the disk). */
static struct span write_pass(void)
{
	int fd = open(DATA_FILE, O_WRONLY | O_CREAT | O_TRUNC);
	if (fd < 0)
		fail("open " DATA_FILE, fd);
	drop_all_caches();
	struct probe p;
	probe_start(&p);
	whole_file(fd, true, &p);
	int rc = fsync(fd);
	struct span s = probe_end(&p);
	if (rc)
		fail("fsync", rc);
	close(fd);
	return s;
}

/* One read of the whole file through fd, from its start. */
static struct span read_pass(int fd)
{
	long at = lseek(fd, 0, SEEK_SET);
	if (at != 0)
		fail("lseek", at);
	struct probe p;
	probe_start(&p);
	whole_file(fd, false, &p);
	return probe_end(&p);
}

/* The first and the last call's worth read back as written (untimed):
 * the figures are of a transfer that works. */
static void verify_file(void)
{
	int fd = open(DATA_FILE, O_RDONLY);
	unsigned offsets[] = { 0, file_bytes - CALL_BYTES };
	for (unsigned i = 0; i < 2; i++) {
		unsigned at = offsets[i];
		memset(rbuf, 0, sizeof rbuf);
		long n = lseek(fd, (long)at, SEEK_SET) == (long)at ? read(fd, rbuf, CALL_BYTES) : -1;
		if (n != CALL_BYTES || memcmp(rbuf, wbuf, CALL_BYTES))
			fail("read back of " DATA_FILE, n);
	}
	close(fd);
}

static void report(const char *name, unsigned long long value)
{
	printf("bench %s %s %u\n", arch, name, (unsigned)value);
}

struct row { const char *name; struct span per; bool has_driver; const char *target; };
static struct row rows[8];
static unsigned nrows;

static void report_row(const char *name, const char *driver_name, struct span per,
		       const char *target)
{
	report(name, per.all);
	if (driver_name)
		report(driver_name, per.driver);
	rows[nrows++] = (struct row){ name, per, driver_name != NULL, target };
}

static struct span per_kib(struct span s)
{
	unsigned kib = file_bytes / KIB;
	return (struct span){ s.all / kib, s.driver / kib };
}

/* One pass each (billions of instructions today: a timer tick is lost in
 * the division): the write, a cold read (cache dropped, so the FAT sectors
 * come from the disk too), then a second read of the file just read. */
static void file_benches(void)
{
	for (unsigned i = 0; i < sizeof wbuf; i++)
		wbuf[i] = (unsigned char)(i * 7 + i / 251);
	memset(rbuf, 0, sizeof rbuf);   /* no first-touch faults inside a pass */
	struct span wr = write_pass();
	verify_file();
	drop_all_caches();
	/* Both reads through one descriptor: a file's pages stay cached while
	 * it is open (a node's pages go at its last close, docs/page-cache.md). */
	int fd = open(DATA_FILE, O_RDONLY);
	if (fd < 0)
		fail("open " DATA_FILE, fd);
	struct span rd = read_pass(fd), again = read_pass(fd);
	close(fd);
	report_row("file_write_per_kib", "file_write_driver_per_kib", per_kib(wr), "-");
	report_row("file_read_per_kib", "file_read_driver_per_kib", per_kib(rd), "-");
	report_row("file_read_cached_per_kib", "file_read_cached_driver_per_kib", per_kib(again),
		   "<= 600");
	int rc = unlink(DATA_FILE);
	if (rc)
		fail("unlink " DATA_FILE, rc);
}

/* open(O_CREAT) + write 4 KiB + close + unlink, in a directory of its own. */
static struct span create_write_unlink(unsigned rounds)
{
	struct probe p;
	probe_start(&p);
	for (unsigned i = 0; i < rounds; i++) {
		int fd = open(TEMP_FILE, O_WRONLY | O_CREAT);
		long n = fd < 0 ? fd : write(fd, wbuf, 4 * KIB);
		if (n != 4 * KIB)
			fail("create + write " TEMP_FILE, n);
		close(fd);
		if ((n = unlink(TEMP_FILE)))
			fail("unlink " TEMP_FILE, n);
	}
	struct span s = probe_end(&p);
	return (struct span){ s.all / rounds, s.driver / rounds };
}

/* Entry i of the big directory: long names, unique in their first six
 * characters (so the 8.3 aliases need no numeric-tail search). */
static void entry_name(char *out, size_t size, unsigned i)
{
	snprintf(out, size, BIG_DIR "/%04u-a-long-file-name-for-the-lookup.txt", i);
}

static void build_dir(void)
{
	char path[96];
	int rc = mkdir(BIG_DIR);
	if (rc)
		fail("mkdir " BIG_DIR, rc);
	for (unsigned i = 0; i < dir_entries; i++) {
		entry_name(path, sizeof path, i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL);
		if (fd < 0)
			fail("create in " BIG_DIR, fd);
		close(fd);
	}
}

static void remove_dir(void)
{
	char path[96];
	for (unsigned i = 0; i < dir_entries; i++) {
		entry_name(path, sizeof path, i);
		unlink(path);   /* a leftover directory may hold only some */
	}
	rmdir(BIG_DIR);
}

static struct span stat_entry(unsigned i, unsigned reps)
{
	char path[96];
	struct mendax_stat st;
	entry_name(path, sizeof path, i);
	struct span best = { ~0ull, 0 };
	for (int t = 0; t < TRIALS; t++) {
		struct probe p;
		probe_start(&p);
		for (unsigned r = 0; r < reps; r++)
			if (stat(path, &st))
				fail("stat in " BIG_DIR, -1);
		struct span s = probe_end(&p);
		keep_min(&best, (struct span){ s.all / reps, s.driver / reps });
	}
	return best;
}

/* What an interrupted run left behind goes first. */
static void clean_up(void)
{
	unlink(DATA_FILE);
	unlink(TEMP_FILE);
	remove_dir();
	rmdir(FSBENCH_DIR);
}

static void print_table(void)
{
	printf("\n%-28s %12s %10s   %s\n", "benchmark (file system)", "instructions", "driver",
	       "target");
	for (unsigned i = 0; i < nrows; i++) {
		char driver[16] = "-";
		if (rows[i].has_driver)
			snprintf(driver, sizeof driver, "%u", (unsigned)rows[i].per.driver);
		printf("%-28s %12u %10s   %s\n", rows[i].name, (unsigned)rows[i].per.all, driver,
		       rows[i].target);
	}
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && !strcmp(argv[1], "quick");
	if (argc > 2)
		arch = argv[2];
	if (quick)
		file_bytes = 256u * KIB, dir_entries = 100;
	struct mendax_benchinfo b;
	if (benchinfo(&b))
		fail("benchinfo (not a bench build?)", -1);
	clean_up();
	int rc = mkdir(FSBENCH_DIR);
	if (rc)
		fail("mkdir " FSBENCH_DIR " (no writable root volume?)", rc);
	file_benches();
	struct span cwu = { ~0ull, 0 };
	for (int t = 0; t < TRIALS; t++)
		keep_min(&cwu, create_write_unlink(quick ? 4 : 16));
	report_row("create_write_unlink_4k", "create_write_unlink_4k_driver", cwu, "-");
	build_dir();
	struct span end = stat_entry(dir_entries - 1, 4), middle = stat_entry(dir_entries / 2, 4);
	report_row("stat_in_1000_dir", "stat_in_1000_dir_driver", end, "-");
	report("stat_in_1000_dir_middle", middle.all);
	clean_up();
	print_table();
	return 0;
}
