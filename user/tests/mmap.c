/*
 * user/tests/mmap.c - memory-mapped files from user mode (mmapx, munmap,
 * mprotect, msync; docs/mapped-files.md): private and shared mappings
 * against read() and write(), across fork, at the end of the file, under
 * truncation, and every error. On the FAT volume of the test disk only,
 * in /mmt (removed again), except /guest/mapped-by-mendax.txt, left for the
 * host's check (scripts/check-files-test.sh): its text was written only
 * through a MAP_SHARED mapping. Without the test disk: "mmap: skipped".
 */
#include "user/tests/usertest.h"

#define PG 4096u
#define FAILED(p) ((unsigned long)(p) >= (unsigned long)-4096)

static int on_test_disk(void)
{
	int fd = open("/host/hello.txt", O_RDONLY);
	if (fd < 0) {
		printf("  mmap: skipped (not the test disk: no /host/hello.txt)\n");
		return 0;
	}
	close(fd);
	return 1;
}

static char pattern(unsigned i) { return (char)('a' + (i * 7 + i / 4096) % 26); }

/* A new file of n pattern bytes at path; returns it open O_RDWR. */
static int make_file(const char *path, unsigned n)
{
	static char buf[512];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	for (unsigned done = 0; done < n;) {
		unsigned k = n - done < sizeof buf ? n - done : sizeof buf;
		for (unsigned i = 0; i < k; i++)
			buf[i] = pattern(done + i);
		CHECK(write(fd, buf, k) == (long)k);
		done += k;
	}
	return fd;
}

static void enter(void)
{
	int rc = mkdir("/mmt");
	CHECK(rc == 0 || rc == -EEXIST);
}

static void leave(const char *path)
{
	CHECK(unlink(path) == 0);
	rmdir("/mmt");   /* the last test out removes it */
}

static long pread_at(int fd, unsigned off, void *buf, unsigned n)
{
	CHECK(lseek(fd, (long)off, SEEK_SET) == (long)off);
	return read(fd, buf, n);
}

/* mmap of a file reads what read() reads; the partial last page reads
 * zeros past the end of the file. */
static void mapping_reads_what_read_reads(void)
{
	if (!on_test_disk())
		return;
	enter();
	const unsigned size = 2 * PG + 1808;
	close(make_file("/mmt/r", size));
	int fd = open("/mmt/r", O_RDONLY);
	CHECK(fd >= 0);
	char *m = mmapx(0, 3 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(!FAILED(m));
	static char buf[3 * PG];
	CHECK(pread_at(fd, 0, buf, sizeof buf) == (long)size);
	CHECK(memcmp(m, buf, size) == 0);
	unsigned nonzero = 0;
	for (unsigned i = size; i < 3 * PG; i++)
		nonzero += m[i] != 0;
	CHECK(nonzero == 0);
	/* An offset: the second page of the file at the mapping's start. */
	char *m2 = mmapx(0, PG, PROT_READ, MAP_SHARED, fd, PG);
	CHECK(!FAILED(m2));
	CHECK(memcmp(m2, buf + PG, PG) == 0);
	CHECK(m2[0] == m[PG]);
	CHECK(munmap(m, 3 * PG) == 0);
	CHECK(munmap(m2, PG) == 0);
	close(fd);
	leave("/mmt/r");
}

/* MAP_SHARED: a store is in the file - read() here and in another process
 * sees it at once (no msync needed), and a new mapping too. */
static void shared_writes_reach_read_and_other_processes(void)
{
	if (!on_test_disk())
		return;
	enter();
	int fd = make_file("/mmt/s", 2 * PG);
	char *m = mmapx(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(!FAILED(m));
	memcpy(m + 100, "SHARED", 6);
	m[PG + 7] = '!';
	char buf[8];
	CHECK(pread_at(fd, 100, buf, 6) == 6 && !memcmp(buf, "SHARED", 6));
	int pid = fork();
	if (pid == 0) {
		int f2 = open("/mmt/s", O_RDONLY);
		char c = 0;
		exit(f2 >= 0 && pread_at(f2, PG + 7, &c, 1) == 1 && c == '!' ? 0 : 3);
	}
	int st = -1;
	CHECK(waitpid(pid, &st) == pid && st == 0);
	CHECK(msync(m, 2 * PG) == 0);
	CHECK(munmap(m, 2 * PG) == 0);
	char *again = mmapx(0, PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(!FAILED(again) && !memcmp(again + 100, "SHARED", 6));
	CHECK(munmap(again, PG) == 0);
	close(fd);
	leave("/mmt/s");
}

/* MAP_PRIVATE: a store makes a private copy; the file, read() and every
 * other mapping still see the old bytes, also after the mapping is gone. */
static void private_writes_stay_private(void)
{
	if (!on_test_disk())
		return;
	enter();
	int fd = make_file("/mmt/p", PG);
	char *p = mmapx(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *s = mmapx(0, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(!FAILED(p) && !FAILED(s) && p != s);
	CHECK(p[5] == pattern(5));
	p[5] = '#';
	CHECK(p[5] == '#' && s[5] == pattern(5));
	char c = 0;
	CHECK(pread_at(fd, 5, &c, 1) == 1 && c == pattern(5));
	CHECK(msync(p, PG) == 0);   /* nothing to write: private */
	CHECK(munmap(p, PG) == 0);
	CHECK(pread_at(fd, 5, &c, 1) == 1 && c == pattern(5));
	CHECK(s[5] == pattern(5));
	CHECK(munmap(s, PG) == 0);
	close(fd);
	leave("/mmt/p");
}

/* write() after a page is mapped: the mapping shows the new bytes. */
static void write_is_seen_by_a_mapping(void)
{
	if (!on_test_disk())
		return;
	enter();
	int fd = make_file("/mmt/w", PG);
	char *m = mmapx(0, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(!FAILED(m));
	CHECK(m[40] == pattern(40));   /* the page is mapped now */
	CHECK(lseek(fd, 40, SEEK_SET) == 40 && write(fd, "written", 7) == 7);
	CHECK(!memcmp(m + 40, "written", 7));
	/* A write growing the file: the new bytes are mappable at once. */
	CHECK(lseek(fd, 0, SEEK_END) == (long)PG && write(fd, "more", 4) == 4);
	char *g = mmapx(0, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(!FAILED(g) && !memcmp(g + PG, "more", 4) && g[PG + 4] == 0);
	CHECK(munmap(g, 2 * PG) == 0);
	CHECK(munmap(m, PG) == 0);
	close(fd);
	leave("/mmt/w");
}

/* fork: a shared mapping stays one (the child's store is the parent's);
 * a private one is copy-on-write between them like anonymous memory. */
static void fork_keeps_shared_shared_and_private_private(void)
{
	if (!on_test_disk())
		return;
	enter();
	int fd = make_file("/mmt/f", PG);
	char *s = mmapx(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *p = mmapx(0, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(!FAILED(s) && !FAILED(p));
	s[0] = 'S';
	p[0] = 'P';   /* the parent's private copy, before the fork */
	int pid = fork();
	if (pid == 0) {
		if (s[0] != 'S' || p[0] != 'P' || p[1] != pattern(1))
			exit(2);
		s[1] = 'c';
		p[1] = 'q';   /* the child's own copy */
		exit(0);
	}
	int st = -1;
	CHECK(waitpid(pid, &st) == pid && st == 0);
	CHECK(s[1] == 'c');
	CHECK(p[1] == pattern(1) && p[0] == 'P');
	char c = 0;
	CHECK(pread_at(fd, 1, &c, 1) == 1 && c == 'c');
	CHECK(munmap(s, PG) == 0 && munmap(p, PG) == 0);
	close(fd);
	leave("/mmt/f");
}

static volatile char *beyond;
static void touch_beyond(void) { (void)*beyond; }
static void store_beyond(void) { *beyond = 1; }

/* A mapping longer than the file: the last partial page reads zeros past
 * the end (and takes stores there), a page wholly past the end kills the
 * process that touches it (a bus error), never the kernel. */
static void past_the_end_of_the_file(void)
{
	if (!on_test_disk())
		return;
	enter();
	int fd = make_file("/mmt/e", 5000);
	char *m = mmapx(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(!FAILED(m));
	CHECK(m[4999] == pattern(4999) && m[5000] == 0 && m[2 * PG - 1] == 0);
	m[6000] = 'z';   /* inside the last page, past the end: never written to the file */
	beyond = m + 2 * PG;
	run_and_expect_killed(touch_beyond);
	run_and_expect_killed(store_beyond);
	CHECK(msync(m, 3 * PG) == 0);
	struct mendax_stat sb;
	CHECK(fstat(fd, &sb) == 0 && sb.size == 5000);
	/* read() into a buffer past the end fails cleanly (EFAULT). */
	CHECK(pread_at(fd, 0, m + 2 * PG, 10) == -EFAULT);
	CHECK(munmap(m, 3 * PG) == 0);
	close(fd);
	leave("/mmt/e");
}

/* Truncating a mapped file: the pages past the new end leave every
 * mapping (this process's and a child's), so touching them is a bus
 * error; the pages before it stay and show the file. */
static void truncate_of_a_mapped_file(void)
{
	if (!on_test_disk())
		return;
	enter();
	int fd = make_file("/mmt/t", 3 * PG);
	char *m = mmapx(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *p = mmapx(0, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(!FAILED(m) && !FAILED(p));
	CHECK(m[2 * PG] == pattern(2 * PG));
	p[2 * PG] = 'x';   /* a private copy past the coming end */
	int t = open("/mmt/t", O_WRONLY | O_TRUNC);
	CHECK(t >= 0);
	CHECK(write(t, "0123456789", 10) == 10);
	close(t);
	CHECK(!memcmp(m, "0123456789", 10) && m[10] == 0 && !memcmp(p, "0123456789", 10));
	beyond = m + 2 * PG;
	run_and_expect_killed(touch_beyond);
	beyond = p + 2 * PG;
	run_and_expect_killed(touch_beyond);
	beyond = m + PG;
	run_and_expect_killed(store_beyond);
	CHECK(munmap(m, 3 * PG) == 0 && munmap(p, 3 * PG) == 0);
	close(fd);
	leave("/mmt/t");
}

/* Every refused call, with its error; nothing is mapped by any of them. */
static void mmap_errors(void)
{
	if (!on_test_disk())
		return;
	enter();
	close(make_file("/mmt/x", PG));
	int ro = open("/mmt/x", O_RDONLY), wo = open("/mmt/x", O_WRONLY), dir = open("/mmt", O_RDONLY);
	CHECK(ro >= 0 && wo >= 0 && dir >= 0);
	int rw = PROT_READ | PROT_WRITE;
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_PRIVATE, 13, 0) == -EINVAL);      /* not open */
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_PRIVATE, -1, 0) == -EINVAL);
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_PRIVATE, 1, 0) == -EINVAL);       /* the console */
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_PRIVATE, dir, 0) == -EISDIR);
	CHECK((long)mmapx(0, PG, rw, MAP_SHARED, ro, 0) == -EPERM);
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_PRIVATE, wo, 0) == -EPERM);
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_PRIVATE, ro, 100) == -EINVAL);    /* misaligned */
	CHECK((long)mmapx(0, 0, PROT_READ, MAP_PRIVATE, ro, 0) == -EINVAL);
	CHECK((long)mmapx(0, PG, PROT_READ, 0, ro, 0) == -EINVAL);
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_SHARED | MAP_PRIVATE, ro, 0) == -EINVAL);
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_PRIVATE | 0x10000, ro, 0) == -EINVAL);
	CHECK((long)mmapx(0, 2 * PG, PROT_READ, MAP_PRIVATE, ro, 0xfffff000u) == -EINVAL);  /* past 4 GiB */
	/* MAP_FIXED: only inside the mmap area (never over code, data, heap
	 * or stack), page aligned. */
	CHECK((long)mmapx((void *)&mmap_errors, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, ro, 0) == -EINVAL);
	char local;
	CHECK((long)mmapx((void *)((unsigned long)&local & ~4095ul), PG, PROT_READ,
			  MAP_PRIVATE | MAP_FIXED, ro, 0) == -EINVAL);
	CHECK((long)mmapx(sbrk(0), PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, ro, 0) == -EINVAL);
	char *m = mmapx(0, 2 * PG, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(!FAILED(m));
	CHECK((long)mmapx(m + 1, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, ro, 0) == -EINVAL);
	CHECK((long)mmapx(0, PG, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0) == -EINVAL);
	/* A shared mapping of a read-only descriptor never becomes writable. */
	CHECK(mprotect(m, PG, rw) == -EPERM);
	CHECK(mprotect(m + 1, PG, PROT_READ) == -EINVAL);
	CHECK(msync(m + 1, PG) == -EINVAL);
	CHECK(msync((void *)0x20000000, PG) == -ENOMEM);   /* nothing mapped there */
	CHECK(munmap(m, 2 * PG) == 0);
	close(ro), close(wo), close(dir);
	leave("/mmt/x");
}

static volatile char *gone;
static void touch_gone(void) { (void)*gone; }
static void store_read_only(void) { *gone = 1; }

/* MAP_FIXED replaces a mapping in the area; the same file twice and
 * overlapping ranges of it see one another; unmap then access dies; close
 * then access works (the mapping keeps the file); mprotect on a mapping. */
static void fixed_twice_overlap_unmap_close(void)
{
	if (!on_test_disk())
		return;
	enter();
	int fd = make_file("/mmt/o", 4 * PG);
	char *a = mmapx(0, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *b = mmapx(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);   /* overlaps a's pages 1-2 */
	CHECK(!FAILED(a) && !FAILED(b));
	b[3] = 'B';
	CHECK(a[PG + 3] == 'B');
	a[2 * PG + 9] = 'A';
	CHECK(b[PG + 9] == 'A');
	/* MAP_FIXED over a's second half: now anonymous zeros there. */
	char *f = mmapx(a + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(f == a + 2 * PG && f[9] == 0 && b[PG + 9] == 'A');
	/* ... and back to the file, at another offset. */
	f = mmapx(a + 2 * PG, PG, PROT_READ, MAP_SHARED | MAP_FIXED, fd, 0);
	CHECK(f == a + 2 * PG && f[3] == a[3]);
	/* mprotect: read-only, then a store dies; writable again works. */
	CHECK(mprotect(a, PG, PROT_READ) == 0);
	gone = a;
	run_and_expect_killed(store_read_only);
	CHECK(mprotect(a, PG, PROT_READ | PROT_WRITE) == 0);
	a[0] = 'W';
	close(fd);   /* the mappings keep the file */
	CHECK(b[3] == 'B' && a[0] == 'W');
	b[4] = 'C';
	CHECK(munmap(b, 2 * PG) == 0);
	gone = b;
	run_and_expect_killed(touch_gone);
	CHECK(a[PG + 4] == 'C');
	CHECK(munmap(a, 4 * PG) == 0);
	fd = open("/mmt/o", O_RDONLY);
	char buf[5];
	CHECK(pread_at(fd, PG, buf, 5) == 5 && buf[3] == 'B' && buf[4] == 'C');
	CHECK(pread_at(fd, 0, buf, 1) == 1 && buf[0] == 'W');
	close(fd);
	leave("/mmt/o");
}

static const char mapped_text[] = "mapped on mendax by user/tests/mmap.c";

/* A process exits with dirty shared pages: they are written back (another
 * process reads them), and the file is left for the host to read. */
static void exit_with_dirty_pages_writes_them_back(void)
{
	if (!on_test_disk())
		return;
	int rc = mkdir("/guest");
	CHECK(rc == 0 || rc == -EEXIST);
	unsigned n = sizeof mapped_text - 1;
	int fd = open("/guest/mapped-by-mendax.txt", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	for (unsigned i = 0; i < n; i++)
		CHECK(write(fd, "-", 1) == 1);
	close(fd);
	int pid = fork();
	if (pid == 0) {
		int f = open("/guest/mapped-by-mendax.txt", O_RDWR);
		char *m = mmapx(0, PG, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
		if (FAILED(m))
			exit(2);
		close(f);
		memcpy(m, mapped_text, n);
		exit(0);   /* no msync, no munmap */
	}
	int st = -1;
	CHECK(waitpid(pid, &st) == pid && st == 0);
	char buf[sizeof mapped_text];
	fd = open("/guest/mapped-by-mendax.txt", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof buf) == (long)n && !memcmp(buf, mapped_text, n));
	close(fd);
	CHECK(sync() == 0);
}

USERTEST(mapping_reads_what_read_reads, "mmap: a mapping reads what read() reads, zeros past the end");
USERTEST(shared_writes_reach_read_and_other_processes, "mmap: MAP_SHARED stores reach read() and other processes");
USERTEST(private_writes_stay_private, "mmap: MAP_PRIVATE stores stay private");
USERTEST(write_is_seen_by_a_mapping, "mmap: write() is seen by a mapping");
USERTEST(fork_keeps_shared_shared_and_private_private, "mmap: fork keeps shared shared, private copy-on-write");
USERTEST(past_the_end_of_the_file, "mmap: past the end of the file: zeros, then a bus error");
USERTEST(truncate_of_a_mapped_file, "mmap: truncate takes the pages out of every mapping");
USERTEST(mmap_errors, "mmap: every refused call and its error");
USERTEST(fixed_twice_overlap_unmap_close, "mmap: MAP_FIXED, overlaps, mprotect, unmap/close then access");
USERTEST(exit_with_dirty_pages_writes_them_back, "mmap: exit writes dirty shared pages back");
