/*
 * user/tests/review.c - adversarial probes from the review of the
 * hardening and storage work: munmap across regions and holes, sbrk
 * below its base, user copies that straddle a mapping's end, odd buffers
 * for vmmap/ps, odd pids for setfg, odd argv for exec. Each must end in an
 * error code (or a kill of the caller), never a kernel halt or a lost frame.
 */
#include "user/tests/usertest.h"

#define PG 4096u
#define FAILED(p) ((long)(p) < 0 && (long)(p) > -4096)

/* Three mappings, unmapped with one call that covers them, the guard
 * holes between them and part of a large (zero-table) one: the rest of the
 * large one keeps its data, and a second unmap of the same range is a no-op. */
static void test_munmap_spans_regions_and_holes(void)
{
	char *a = mmap(PG, PROT_READ | PROT_WRITE);
	char *b = mmap(3 * PG, PROT_READ);
	char *c = mmap(8 * MIB, PROT_READ | PROT_WRITE);
	CHECK(!FAILED(a) && !FAILED(b) && !FAILED(c));
	c[0] = 1;
	c[8 * MIB - 1] = 2;
	char *lo = a < b ? a : b;
	char *cut = c + 5 * MIB + PG;
	CHECK(lo < c);
	CHECK(munmap(lo, (size_t)(cut - lo)) == 0);
	CHECK(munmap(lo, (size_t)(cut - lo)) == 0);
	CHECK(c[8 * MIB - 1] == 2 && cut[0] == 0);
	CHECK(munmap(cut, 8 * MIB - (size_t)(cut - c)) == 0);
}

/* sbrk below the heap's base and by the most negative increment fails and
 * leaves the break where it was. */
static void test_sbrk_negative_limits(void)
{
	char *old = sbrk(0);
	CHECK(FAILED(sbrk(-0x7fffffffL - 1)));
	CHECK(FAILED(sbrk(0x7fffffffL)));
	CHECK(sbrk(0) == old);
	CHECK(!FAILED(sbrk(3 * PG + 5)));
	CHECK(!FAILED(sbrk(-(3L * PG + 5))));
	CHECK(sbrk(0) == old);
}

/* read() into a buffer whose tail runs past the mapping into its guard
 * page: an error or a short count, the bytes that fit intact. */
static void test_read_straddles_mapping_end(void)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	static char src[256];
	memset(src, 'x', sizeof src);
	CHECK(write(fds[1], src, sizeof src) == (long)sizeof src);
	char *m = mmap(PG, PROT_READ | PROT_WRITE);
	CHECK(!FAILED(m));
	long r = read(fds[0], m + PG - 16, sizeof src);
	CHECK(r == -EFAULT || (r >= 0 && r <= 16));
	CHECK(munmap(m, PG) == 0);
	close(fds[0]);
	close(fds[1]);
}

/* write() from PROT_NONE memory and from above user space is refused. */
static void test_write_from_unreadable(void)
{
	char *n = mmap(PG, 0);
	CHECK(!FAILED(n));
	int fds[2];
	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], n, 10) == -EFAULT);
	CHECK(write(fds[1], (void *)0xfffff000u, 10) == -EFAULT);
	CHECK(write(fds[1], (void *)0, 10) == -EFAULT);
	CHECK(munmap(n, PG) == 0);
	close(fds[0]);
	close(fds[1]);
}

/* vmmap and ps with buffers in kernel space, at address 0, wrapping past
 * the top, or read-only: -EFAULT (or a count for max 0), nothing else. */
static void test_introspection_odd_buffers(void)
{
	char *ro = mmap(PG, PROT_READ);
	CHECK(!FAILED(ro));
	CHECK(vmmap(getpid(), (void *)0xffff0000u, 4) == -EFAULT);
	CHECK(vmmap(getpid(), (void *)ro, 4) == -EFAULT);
	CHECK(vmmap(getpid(), 0, 0) > 0);
	CHECK(ps((void *)0xfffffff0u, 4) == -EFAULT);
	CHECK(ps((void *)ro, 4) == -EFAULT);
	CHECK(ps(0, 0) == 0);
	CHECK(vmmap(-1, 0, 0) == -ENOENT && vmmap(0x7fffffff, 0, 0) == -ENOENT);
	CHECK(munmap(ro, PG) == 0);
}

/* setfg with pids that name no process, or this one, never halts. */
static void test_setfg_odd_pids(void)
{
	int r1 = setfg(-1), r2 = setfg(0x7fffffff), r3 = setfg((int)0x80000000u);
	CHECK(r1 < 0 && r2 < 0 && r3 < 0);
	CHECK(setfg(0) == 0);
}

/* Runs exec("hello", argv) in a child: true when exec returned an error
 * there (a successful exec would exit 0, not 7). */
static int exec_fails(char *const argv[])
{
	int pid = fork();
	if (pid == 0) {
		exec("hello", argv);
		exit(7);
	}
	int st = 0;
	return pid > 0 && waitpid(pid, &st) == pid && st == 7;
}

/* exec with a path or argv that is not readable, or an argv with no end
 * inside its mapping: an error, and the caller keeps running. */
static void test_exec_odd_argv(void)
{
	char *n = mmap(PG, 0);
	char *m = mmap(PG, PROT_READ | PROT_WRITE);
	CHECK(!FAILED(n) && !FAILED(m));
	CHECK(exec((const char *)n, 0) < 0);
	CHECK(exec("no-such-program", (char *const *)n) < 0);
	/* argv filling its page with pointers to a valid string, no NULL. */
	char **argv = (char **)m;
	strcpy(m + PG - 8, "x");
	for (unsigned i = 0; i < PG / sizeof(char *) - 8 / sizeof(char *); i++)
		argv[i] = m + PG - 8;
	CHECK(exec_fails(argv));
	/* an argument string running to the end of the mapping unterminated */
	memset(m, 'a', PG);
	char *args[] = { m, 0 };
	CHECK(exec_fails(args));
	CHECK(munmap(n, PG) == 0 && munmap(m, PG) == 0);
}

USERTEST(test_munmap_spans_regions_and_holes, "review: munmap over regions, holes and part of a zero-table mapping");
USERTEST(test_sbrk_negative_limits, "review: sbrk below its base or by INT_MIN fails, break unchanged");
USERTEST(test_read_straddles_mapping_end, "review: read() past a mapping's end: -EFAULT or short, no halt");
USERTEST(test_write_from_unreadable, "review: write() from PROT_NONE, 0 or kernel space is -EFAULT");
USERTEST(test_introspection_odd_buffers, "review: vmmap/ps with kernel, read-only or wrapping buffers");
USERTEST(test_setfg_odd_pids, "review: setfg with no-such pids is an error");
USERTEST(test_exec_odd_argv, "review: exec with unreadable path/argv or unterminated args fails cleanly");
