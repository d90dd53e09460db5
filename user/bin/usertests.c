/*
 * user/bin/usertests.c - the user-mode test suite (init in test builds).
 * Each test runs in a forked child, so a test that goes wrong cannot take
 * the suite with it; every test checks that free frames afterwards equal
 * free frames before. Prints a verdict per test and "user: N passed, N
 * failed", and exits with the number of failures.
 */
#include "user/tests/usertest.h"

/* Caches dropped first: cached file pages are not a leak. */
unsigned usertest_free_frames(void)
{
	struct mendax_meminfo m;
	drop_caches();
	meminfo(&m);
	return m.free_frames;
}

static unsigned free_frames(void) { return usertest_free_frames(); }

/* What every test must give back: free frames plus the page cache's
 * frames that are still mapped after the drop. Under memory pressure
 * reclaim may take this very program's file pages out of its mapping
 * (it is demand-paged from the card when U-Boot boots it): they then
 * count as freed, not as a leak the other way round. */
static unsigned accounted_frames(void)
{
	struct mendax_meminfo m;
	drop_caches();
	meminfo(&m);
	return m.free_frames + m.file_cached;
}

/* --- the tests; each runs in its own child and exits 0 on success --- */

static void zero_page_reads_cost_nothing(void)
{
	unsigned before = free_frames();
	volatile unsigned *p = mmap(256 * MIB, PROT_READ | PROT_WRITE);
	CHECK((long)p > 0);
	unsigned sum = 0;
	for (unsigned off = 0; off < 256 * MIB; off += 4096)
		sum |= p[off / 4];
	unsigned after_reads = free_frames();
	CHECK(sum == 0);
	CHECK(before - after_reads <= 2);
	for (unsigned off = 0; off < 256 * MIB; off += 4 * MIB)
		p[off / 4] = off;
	unsigned used = after_reads - free_frames(), wrong = 0;
	for (unsigned off = 0; off < 256 * MIB; off += 4 * MIB)
		wrong += p[off / 4] != off;
	CHECK(munmap((void *)p, 256 * MIB) == 0);
	unsigned after = free_frames();
	/* Printing only now: its buffer page is copy-on-write after fork. */
	printf("  256 MiB read: %u frames; 64 writes: %u frames\n", before - after_reads, used);
	CHECK(used >= 64 && used <= 128);
	CHECK(wrong == 0);
	CHECK(after == before);
}

static void cow_parent_and_child_see_their_own_writes(void)
{
	static unsigned data[4 * 1024];   /* 4 pages of .bss */
	for (unsigned i = 0; i < 4; i++)
		data[i * 1024] = 100 + i;
	int fds[2];
	CHECK(pipe(fds) == 0);
	int pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		data[0] = 200;            /* disjoint: only the child */
		data[1024] = 201;         /* overlapping: both write page 1 */
		char ok = data[2048] == 102 && data[3072] == 103;
		write(fds[1], &ok, 1);
		exit(data[0] == 200 && data[1024] == 201 ? 0 : 1);
	}
	data[1024] = 301;
	data[3072] = 303;                 /* only the parent */
	char child_ok = 0;
	CHECK(read(fds[0], &child_ok, 1) == 1);
	int status;
	CHECK(waitpid(pid, &status) == pid && status == 0);
	CHECK(child_ok);
	CHECK(data[0] == 100 && data[1024] == 301 && data[2048] == 102 && data[3072] == 303);
	close(fds[0]);
	close(fds[1]);
}

static void fork_chain_three_generations(void)
{
	static unsigned v[1024] = { 7 };
	int a = fork();
	if (a == 0) {
		v[0] = 8;
		int b = fork();
		if (b == 0) {
			int ok = v[0] == 8;
			v[0] = 9;
			int c = fork();
			if (c == 0)
				exit(v[0] == 9 && ok ? 0 : 1);
			int s;
			waitpid(c, &s);
			exit(s || v[0] != 9);
		}
		int s;
		waitpid(b, &s);
		exit(s || v[0] != 8);
	}
	int s;
	CHECK(waitpid(a, &s) == a && s == 0);
	CHECK(v[0] == 7);
}

/* A parent that exits first leaves its child to init, which reaps it. */
static void parent_exits_first(void)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	int pid = fork();
	if (pid == 0) {
		if (fork() == 0) {        /* grandchild outlives its parent */
			char c;
			read(fds[0], &c, 1);
			exit(0);
		}
		exit(0);
	}
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	write(fds[1], "x", 1);            /* lets the orphan finish */
	close(fds[0]);
	close(fds[1]);
	yield();
}

static void kernel_writes_break_cow_too(void)
{
	static char buf[4096] = "parent";
	int fds[2];
	CHECK(pipe(fds) == 0);
	int pid = fork();
	if (pid == 0) {
		/* read() writes into buf from the kernel: buf is COW-shared */
		char got[8];
		long n = read(fds[0], buf, 6);
		memcpy(got, buf, 6);
		exit(n == 6 && !memcmp(got, "child!", 6) ? 0 : 1);
	}
	write(fds[1], "child!", 6);
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	CHECK(!strcmp(buf, "parent"));   /* never saw the child's data */
	close(fds[0]);
	close(fds[1]);
}

static void exec_replaces_the_image(void)
{
	int pid = fork();
	if (pid == 0) {
		char *argv[] = { "hello", "a", "b", NULL };
		exec("hello", argv);
		exit(99);
	}
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 3);
	char *bad[] = { "no-such-program", NULL };
	CHECK(exec("no-such-program", bad) == -ENOENT);
}

static void bad_pointers_get_errors(void)
{
	const unsigned kernel = 0xC0000000u;   /* kernel space on x86, TTBR1 range on ARM */
	CHECK(write(1, NULL, 4) == -EFAULT);
	CHECK(write(1, (void *)kernel, 4) == -EFAULT);
	CHECK(write(1, (void *)0x7ffff000, 4) == -EFAULT);        /* no region there */
	CHECK(write(1, (void *)0x00400000, 0xfffffff0u) == -EFAULT); /* wraps / too long */
	CHECK(read(0, (void *)kernel, 4) == -EFAULT);
	CHECK(pipe((int *)kernel) == -EFAULT);
	CHECK(pipe(NULL) == -EFAULT);
	CHECK(wait((int *)kernel) == -EFAULT);
	CHECK(waitpid(-1, (int *)kernel) == -EFAULT);
	CHECK(vmmap(getpid(), (struct mendax_vmrange *)kernel, 4) == -EFAULT);
	CHECK(vmmap(99999, NULL, 4) == -ENOENT);
	CHECK((long)sbrk(-(1L << 30)) == -ENOMEM);          /* below the heap's base */
	CHECK((long)mmap(0, PROT_READ) == -ENOMEM);
	char *argv_bad[] = { (char *)kernel, NULL };
	CHECK(exec("hello", argv_bad) == -EFAULT);
	CHECK(exec("hello", (char **)kernel) == -EFAULT);
	CHECK(exec((const char *)kernel, NULL) == -EFAULT);
	CHECK(meminfo((struct mendax_meminfo *)4) == -EFAULT);
	CHECK(ps((struct mendax_procinfo *)kernel, 4) == -EFAULT);
	CHECK(munmap((void *)kernel, 4096) == -EINVAL);
	CHECK(close(99) == -EINVAL);
	CHECK(__mendax_syscall(1000, 0, 0, 0, 0, 0) == -EINVAL);
}

/* Each child does one forbidden thing; only it dies (usertest.h). */
void run_and_expect_killed(void (*f)(void))
{
	int pid = fork();
	if (pid == 0) {
		f();
		exit(0);
	}
	int s;
	CHECK(waitpid(pid, &s) == pid && s == -1);
}

static void read_kernel(void) { (void)*(volatile unsigned *)0xC0000000u; }
static void write_kernel(void) { *(volatile unsigned *)0xC0001000u = 1; }
static void read_unmapped(void) { (void)*(volatile unsigned *)0x20000000u; }
static void write_null(void) { *(volatile unsigned *)0 = 1; }
static void jump_kernel(void) { ((void (*)(void))0xC0002000u)(); }
static void write_code(void) { *(volatile unsigned *)&write_code = 0; }
static void jump_unmapped(void) { ((void (*)(void))0x20000000u)(); }
static void undefined_instruction(void) { __builtin_trap(); }

/* Recursion without end: the stack region (1 MiB) ends at unmapped memory,
 * so the overflow faults outside any region. */
static volatile int depth_limit = 1 << 30;   /* never reached: the stack ends first */
static int deep(int n)
{
	volatile char pad[256];
	pad[0] = (char)n;
	return n < depth_limit ? deep(n + 1) + pad[0] : 0;
}
static void stack_overflow(void) { deep(0); }

static void bad_accesses_kill_only_the_offender(void)
{
	run_and_expect_killed(read_kernel);
	run_and_expect_killed(write_kernel);
	run_and_expect_killed(read_unmapped);
	run_and_expect_killed(write_null);
	run_and_expect_killed(jump_kernel);
	run_and_expect_killed(write_code);
	run_and_expect_killed(jump_unmapped);
	run_and_expect_killed(undefined_instruction);
	run_and_expect_killed(stack_overflow);
}

/* The stack grows on demand: 600 KiB of it costs frames only as touched. */
static void stack_grows_on_demand(void)
{
	volatile char big[600 * 1024];
	for (unsigned i = 0; i < sizeof big; i += 4096)
		big[i] = (char)((i >> 12) + 1);
	unsigned sum = 0;
	for (unsigned i = 0; i < sizeof big; i += 4096)
		sum += (unsigned char)big[i];
	CHECK(sum == 150 * 151 / 2);   /* 1 + 2 + ... + 150: each page kept its byte */
}

/* Two children that never make a system call that sleeps: with preemption
 * from the timer the second starts within about a time slice of the first;
 * without it, only after the first has spun for 200 ms. */
static void busy_processes_are_preempted(void)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	for (int c = 0; c < 2; c++) {
		if (fork() == 0) {
			unsigned start = uptime_ms();
			while (uptime_ms() < start + 200)
				;
			write(fds[1], &start, sizeof start);
			exit(0);
		}
	}
	unsigned t[2];
	CHECK(read(fds[0], &t[0], 4) == 4 && read(fds[0], &t[1], 4) == 4);
	int s;
	while (wait(&s) > 0)
		;
	unsigned gap = t[0] > t[1] ? t[0] - t[1] : t[1] - t[0];
	printf("  busy children started %u ms apart\n", gap);
	CHECK(gap < 150);
	close(fds[0]);
	close(fds[1]);
}

static void fork_bomb_hits_the_limit(void)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	int made = 0, rc;
	while ((rc = fork()) > 0)
		made++;
	if (rc == 0) {                    /* each child waits for the pipe to close */
		char c;
		close(fds[1]);
		read(fds[0], &c, 1);
		exit(0);
	}
	printf("  fork bomb: %d children, then fork() = %d\n", made, rc);
	CHECK(rc == -EAGAIN || rc == -ENOMEM);
	close(fds[1]);
	close(fds[0]);
	int s, reaped = 0;
	while (wait(&s) > 0)
		reaped++;
	CHECK(reaped == made);
	CHECK(made > 10);
}

/* Writes want bytes of fresh memory (one mapping: a region each would
 * soon fill the 16-region table); exits 2 if there is no address space. */
static void write_fresh(size_t want)
{
	volatile char *p = mmap(want, PROT_READ | PROT_WRITE);
	if ((long)p < 0 && (long)p > -4096)
		exit(2);
	for (size_t off = 0; off < want; off += 4096)
		p[off] = 1;
}

/* A hog takes half of free RAM and holds it; a writer then wants more than
 * what is left: the writer is killed with an out-of-memory report, the hog
 * and the kernel run on, and every frame comes back. */
static void out_of_memory_kills_the_writer(void)
{
	struct mendax_meminfo m;
	meminfo(&m);
	size_t half = (size_t)m.free_frames * 4096 / 2;
	int ready[2], hold[2];
	CHECK(pipe(ready) == 0 && pipe(hold) == 0);
	int hog = fork();
	if (hog == 0) {
		close(hold[1]);
		write_fresh(half);
		write(ready[1], "r", 1);
		char c;
		read(hold[0], &c, 1);     /* holds its memory until the pipe closes */
		exit(0);
	}
	close(hold[0]);
	close(ready[1]);                  /* so a hog that dies reads as end of file */
	char c;
	CHECK(read(ready[0], &c, 1) == 1);
	int writer = fork();
	if (writer == 0) {
		write_fresh(half + 16 * MIB);
		exit(0);
	}
	int ws, hs;
	CHECK(waitpid(writer, &ws) == writer);
	close(hold[1]);                   /* lets the hog go */
	CHECK(waitpid(hog, &hs) == hog);
	printf("  out of memory: writer status %d, hog status %d\n", ws, hs);
	CHECK(ws == -1 && hs == 0);
	close(ready[0]);
}

static unsigned rng_state = 12345;
static unsigned rng(void) { rng_state = rng_state * 1103515245u + 12345u; return rng_state >> 8; }

/* Several processes doing random fork/mmap/munmap/write/exit/bad pointers. */
static void random_stress(void)
{
	for (int w = 0; w < 3; w++) {
		if (fork() != 0)
			continue;
		rng_state += (unsigned)w * 7919;
		void *maps[8] = { 0 };
		for (int step = 0; step < 400; step++) {
			unsigned op = rng() % 6, i = rng() % 8;
			if (op == 0 && !maps[i]) {
				maps[i] = mmap((1 + rng() % 64) * 4096, PROT_READ | PROT_WRITE);
				if ((long)maps[i] < 0)
					maps[i] = 0;
			} else if (op == 1 && maps[i]) {
				((volatile char *)maps[i])[rng() % 4096] = (char)step;
			} else if (op == 2 && maps[i]) {
				munmap(maps[i], 4096);   /* the first page only: splits the region */
				maps[i] = 0;
			} else if (op == 3) {
				write(1, (void *)(rng() | 0x80000000u), 8);   /* bad pointer: error */
			} else if (op == 4 && rng() % 8 == 0) {
				int pid = fork();
				if (pid == 0)
					exit(0);
				if (pid > 0) {
					int s;
					waitpid(pid, &s);
				}
			}
		}
		exit(0);
	}
	int s, n = 0;
	while (wait(&s) > 0)
		n += s == 0;
	CHECK(n == 3);
}

static const struct usertest tests[] = {
	{ zero_page_reads_cost_nothing, "zero page: 256 MiB read for ~0 frames, a frame per write" },
	{ cow_parent_and_child_see_their_own_writes, "cow: parent and child see their own writes" },
	{ fork_chain_three_generations, "cow: fork chain three generations deep" },
	{ parent_exits_first, "cow: parent exits first, init reaps the orphan" },
	{ kernel_writes_break_cow_too, "cow: read() into a COW buffer stays in the reader" },
	{ exec_replaces_the_image, "exec replaces the image; unknown program is an error" },
	{ bad_pointers_get_errors, "bad pointers to every pointer-taking syscall: errors" },
	{ bad_accesses_kill_only_the_offender, "bad reads/writes/jumps, undefined instruction, stack overflow: only the offender dies" },
	{ stack_grows_on_demand, "the stack grows on demand" },
	{ busy_processes_are_preempted, "busy processes are preempted by the timer" },
	{ fork_bomb_hits_the_limit, "fork bomb hits the process limit, all reaped" },
	{ out_of_memory_kills_the_writer, "out of memory kills the writer, the rest runs on" },
	{ random_stress, "random fork/mmap/munmap/write/bad-pointer stress" },
};

/* Runs one test in a forked child; true when it exited 0 and every frame
 * came back. */
static int run_one(const struct usertest *t)
{
	unsigned before = accounted_frames();
	int pid = fork(), status = -100;
	if (pid == 0) {
		t->fn();
		exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status);
	int orphan_status;
	while (wait(&orphan_status) > 0)
		;   /* as init, reap what the test orphaned */
	unsigned after = accounted_frames();
	int ok = status == 0 && after == before;
	if (status == 0 && after != before)
		printf("  frames: %u before, %u after\n", before, after);
	printf("%s - user: %s\n", ok ? "ok" : "FAIL", t->name);
	return ok;
}

/* Run from a file (a boot card's /bin/usertests), this program is
 * demand-paged: its text and data come into the page cache a page at a
 * time as tests first run them, and each test's frame balance would count
 * those (kept for the running program) as lost. So every page of the
 * image is read once first; from the RAM archive this costs nothing. */
static void touch_the_image(void)
{
	for (unsigned long p = 0x00400000ul; p < (unsigned long)sbrk(0); p += 4096)
		(void)*(volatile const char *)p;
}

int main(void)
{
	int passed = 0, failed = 0;
	touch_the_image();
	printf("running user-mode tests as pid %d\n", getpid());
	for (unsigned t = 0; t < sizeof tests / sizeof tests[0]; t++)
		run_one(&tests[t]) ? passed++ : failed++;
	for (const struct usertest *t = __usertests_start; t < __usertests_end; t++)
		run_one(t) ? passed++ : failed++;
	printf("user: %d passed, %d failed\n", passed, failed);
	return failed;
}
