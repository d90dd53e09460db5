/*
 * user/bin/bench.c - the user-visible memory paths, measured from user
 * mode in instructions (QEMU -icount shift=0: the cycle counter counts
 * executed instructions). init in bench builds; argv: bench MODE ARCH.
 * Each figure is the minimum over several trials (a timer tick inside one
 * trial only adds), so two runs print the same numbers. Prints
 * "bench <arch> <name> <value>" lines and a table, then runs fsbench
 * (user/bin/fsbench.c) for the file-system figures.
 */
#include "mendax.h"

#define MIB (1024u * 1024u)
#define TRIALS 3

static const char *arch = "?";
static unsigned scale = 1;          /* 1 quick, 4 full */

struct figure { const char *name; unsigned value; const char *target; };
static struct figure figs[32];
static int nfigs;

static void report(const char *name, unsigned value, const char *target)
{
	printf("bench %s %s %u\n", arch, name, value);
	figs[nfigs++] = (struct figure){ name, value, target };
}

static unsigned cycles(void) { return (unsigned)bench_cycles(); }

static unsigned free_frames(void)
{
	struct mendax_meminfo m;
	meminfo(&m);
	return m.free_frames;
}

static unsigned min_u(unsigned a, unsigned b) { return a < b ? a : b; }

/* getpid round trips. */
static unsigned syscall_null(void)
{
	unsigned best = ~0u, n = 200 * scale;
	for (int t = 0; t < TRIALS; t++) {
		unsigned t0 = cycles();
		for (unsigned i = 0; i < n; i++)
			getpid();
		best = min_u(best, (cycles() - t0) / n);
	}
	return best;
}

/* First write to each page of fresh memory: allocate-on-write. */
static unsigned zero_fill_fault(void)
{
	unsigned best = ~0u, n = 64 * scale;
	for (int t = 0; t < TRIALS; t++) {
		volatile char *p = mmap(n * 4096, PROT_READ | PROT_WRITE);
		unsigned t0 = cycles();
		for (unsigned i = 0; i < n; i++)
			p[i * 4096] = 1;
		best = min_u(best, (cycles() - t0) / n);
		munmap((void *)p, n * 4096);
	}
	return best;
}

/* Reading one word per page of 64 MiB of fresh memory. */
static unsigned read_fresh_per_page(void)
{
	unsigned best = ~0u, len = 64 * MIB, sum = 0;
	for (int t = 0; t < TRIALS; t++) {
		volatile unsigned *p = mmap(len, PROT_READ | PROT_WRITE);
		unsigned t0 = cycles();
		for (unsigned off = 0; off < len; off += 4096)
			sum += p[off / 4];
		best = min_u(best, (cycles() - t0) / (len / 4096));
		munmap((void *)p, len);
	}
	return best + sum;   /* sum is 0: keeps the reads */
}

/* Pages written by the parent, shared after fork: the child writing them
 * copies (cow_copy); the parent writing them after the child is gone owns
 * them alone (cow_sole). */
static void cow_faults(unsigned *copy, unsigned *sole)
{
	unsigned n = 32 * scale;
	*copy = *sole = ~0u;
	for (int t = 0; t < TRIALS; t++) {
		volatile char *p = mmap(n * 4096, PROT_READ | PROT_WRITE);
		for (unsigned i = 0; i < n; i++)
			p[i * 4096] = 1;
		int fds[2];
		pipe(fds);
		if (fork() == 0) {
			unsigned t0 = cycles();
			for (unsigned i = 0; i < n; i++)
				p[i * 4096] = 2;
			unsigned per = (cycles() - t0) / n;
			write(fds[1], &per, 4);
			exit(0);
		}
		unsigned per;
		read(fds[0], &per, 4);
		int s;
		wait(&s);
		*copy = min_u(*copy, per);
		unsigned t0 = cycles();
		for (unsigned i = 0; i < n; i++)
			p[i * 4096] = 3;
		*sole = min_u(*sole, (cycles() - t0) / n);
		close(fds[0]);
		close(fds[1]);
		munmap((void *)p, n * 4096);
	}
}

static unsigned fork_exit_wait(void)
{
	unsigned best = ~0u, n = 4 * scale;
	for (int t = 0; t < TRIALS; t++) {
		unsigned t0 = cycles();
		for (unsigned i = 0; i < n; i++) {
			if (fork() == 0)
				exit(0);
			int s;
			wait(&s);
		}
		best = min_u(best, (cycles() - t0) / n);
	}
	return best;
}

/* fork() alone, with touched pages of heap: the parent's side of fork. */
static unsigned fork_cost_with(unsigned pages)
{
	volatile char *p = mmap(pages * 4096, PROT_READ | PROT_WRITE);
	for (unsigned i = 0; i < pages; i++)
		p[i * 4096] = 1;
	unsigned best = ~0u;
	for (int t = 0; t < TRIALS; t++) {
		unsigned t0 = cycles();
		int pid = fork();
		if (pid == 0)
			exit(0);
		best = min_u(best, cycles() - t0);
		int s;
		wait(&s);
	}
	munmap((void *)p, pages * 4096);
	return best;
}

/* exit + wait of a child that owns pages privately. */
static unsigned exit_cost_with(unsigned pages)
{
	unsigned best = ~0u;
	for (int t = 0; t < TRIALS; t++) {
		int ready[2], go[2];
		pipe(ready);
		pipe(go);
		if (fork() == 0) {
			volatile char *p = mmap(pages * 4096, PROT_READ | PROT_WRITE);
			for (unsigned i = 0; i < pages; i++)
				p[i * 4096] = 1;
			char c = 1;
			write(ready[1], &c, 1);
			read(go[0], &c, 1);
			exit(0);
		}
		char c;
		read(ready[0], &c, 1);
		unsigned t0 = cycles();
		write(go[1], &c, 1);
		int s;
		wait(&s);
		best = min_u(best, cycles() - t0);
		close(ready[0]), close(ready[1]), close(go[0]), close(go[1]);
	}
	return best;
}

static unsigned yield_switch(void)
{
	unsigned n = 50 * scale, best = ~0u;
	for (int t = 0; t < TRIALS; t++) {
		int pid = fork();
		if (pid == 0) {
			for (unsigned i = 0; i < n + 2; i++)
				yield();
			exit(0);
		}
		yield();   /* both running: start counting from here */
		unsigned t0 = cycles();
		for (unsigned i = 0; i < n; i++)
			yield();
		best = min_u(best, (cycles() - t0) / (2 * n));
		int s;
		wait(&s);
	}
	return best;
}

static unsigned frames_idle_process(void)
{
	int fds[2];
	pipe(fds);
	unsigned before = free_frames();
	int pid = fork();
	if (pid == 0) {
		char c;
		read(fds[0], &c, 1);   /* idle: asleep in the kernel */
		exit(0);
	}
	for (int i = 0; i < 5; i++)
		yield();               /* let it reach its read() */
	unsigned used = before - free_frames();
	write(fds[1], "x", 1);
	int s;
	wait(&s);
	close(fds[0]);
	close(fds[1]);
	return used;
}

static unsigned frames_reserve_read(void)
{
	unsigned before = free_frames(), len = 256 * MIB, sum = 0;
	volatile unsigned *p = mmap(len, PROT_READ | PROT_WRITE);
	for (unsigned off = 0; off < len; off += 4096)
		sum += p[off / 4];
	unsigned used = before - free_frames();
	munmap((void *)p, len);
	return used + sum;
}

/* ---- mapped files and demand-paged exec (docs/mapped-files.md) ---- */

/* The first read of each page of a mapping whose pages are already in the
 * page cache: a fault, a cache lookup, a mapping. (The first trial fills
 * the cache; the open descriptor keeps the file and its pages.) */
static unsigned file_map_fault_cached(void)
{
	static char page[4096];
	unsigned n = 32 * scale, best = ~0u, sum = 0;
	mkdir("/bm");
	int fd = open("/bm/mapped", O_RDWR | O_CREAT | O_TRUNC);
	if (fd < 0)
		return ~0u;
	for (unsigned i = 0; i < n; i++)
		write(fd, page, sizeof page);
	for (int t = 0; t <= TRIALS; t++) {
		volatile char *m = mmapx(0, n * 4096, PROT_READ, MAP_SHARED, fd, 0);
		unsigned t0 = cycles();
		for (unsigned i = 0; i < n; i++)
			sum += m[i * 4096];
		unsigned c = (cycles() - t0) / n;
		munmap((void *)m, n * 4096);
		if (t > 0)
			best = min_u(best, c);
	}
	close(fd);
	unlink("/bm/mapped");
	rmdir("/bm");
	return best + sum;
}

/* fork + exec + exit + wait of a program from the disk, its output into a
 * pipe (it fits: nobody blocks). The file is held open meanwhile: a file's
 * cached pages live as long as its node (fs/vfs/pager.c), so this is exec
 * of a program in the page cache (the first trial reads it). */
static unsigned exec_cost(const char *path)
{
	unsigned best = ~0u;
	int keep = open(path, O_RDONLY);
	for (int t = 0; t <= TRIALS; t++) {
		int out[2];
		pipe(out);
		unsigned t0 = cycles();
		if (fork() == 0) {
			dup2(out[1], 1);
			char *argv[] = { (char *)path, 0 };
			exec(path, argv);
			exit(99);
		}
		int s;
		wait(&s);
		if (t > 0)
			best = min_u(best, cycles() - t0);
		close(out[0]), close(out[1]);
	}
	close(keep);
	return best;
}

/* Waits until the shell writing into out has printed its prompt: then its
 * exec is over and it is running (the state alone says too little: a shell
 * still reading its program from the disk in exec sleeps too). */
static void await_prompt(int out)
{
	char c, last = 0;
	while (read(out, &c, 1) == 1 && !(last == '$' && c == ' '))
		last = c;
}

/* Starts /bin/sh2 reading the pipe in, its output into out; returns its
 * pid once it has printed its prompt and sleeps reading in. */
static int start_sh(int in[2], int out[2])
{
	int pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		for (int fd = 3; fd < MENDAX_FDS; fd++)
			close(fd);   /* no pipe end of the other shell */
		char *argv[] = { "sh2", 0 };
		exec("/bin/sh2", argv);
		exit(99);
	}
	close(out[1]);   /* a shell that dies ends the wait (end of file) */
	await_prompt(out[0]);
	static struct mendax_procinfo ps_buf[32];
	for (int spins = 0; spins < 10000; spins++) {
		int n = ps(ps_buf, 32);
		for (int i = 0; i < n; i++)
			if (ps_buf[i].pid == pid && ps_buf[i].state == 'S' && !strcmp(ps_buf[i].name, "sh2"))
				return pid;
		yield();
	}
	return pid;
}

/* Frames a second running shell costs, the first one already running
 * (its text in the page cache, shared). */
static unsigned frames_second_sh(void)
{
	int in1[2], in2[2], out1[2], out2[2], keep = open("/bin/sh2", O_RDONLY);   /* its pages stay cached */
	pipe(in1), pipe(out1);
	pipe(in2), pipe(out2);   /* not the shell's cost */
	int a = start_sh(in1, out1);
	unsigned before = free_frames();
	int b = start_sh(in2, out2);
	unsigned used = before - free_frames();
	close(in1[1]), close(in2[1]);   /* end of input: both exit */
	int s;
	waitpid(a, &s);
	waitpid(b, &s);
	close(in1[0]), close(in2[0]), close(out1[0]), close(out2[0]);
	close(keep);
	return used;
}

/* The file-system figures come from a program of their own
 * (user/bin/fsbench.c), run last: its files must not shift these. */
static int run_fsbench(const char *mode)
{
	char *args[] = { "fsbench", (char *)mode, (char *)arch, NULL };
	int pid = fork(), status = 1;
	if (pid == 0) {
		exec("fsbench", args);
		printf("bench: exec fsbench failed\n");
		exit(1);
	}
	if (pid < 0 || waitpid(pid, &status) < 0)
		return 1;
	return status;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "full"))
		scale = 4;
	if (argc > 2)
		arch = argv[2];
	if (argc > 1 && !strcmp(argv[1], "thrash")) {
		/* make bench's second boot (mem=16M, scripts/bench.sh) */
		char *args[] = { "thrashbench", "full", (char *)arch, NULL };
		exec("thrashbench", args);
		printf("bench: exec thrashbench failed\n");
		return 1;
	}
	unsigned copy, sole;
	report("syscall_null", syscall_null(), "<= 119");
	report("zero_fill_fault", zero_fill_fault(), strcmp(arch, "arm") ? "<= 1,500" : "<= 800");
	cow_faults(&copy, &sole);
	report("cow_copy_fault", copy, strcmp(arch, "arm") ? "<= 2,600" : "<= 1,000");
	report("cow_sole_fault", sole, "<= 400");
	report("read_fresh_per_page", read_fresh_per_page(), "<= 10");
	report("fork_exit_wait_small", fork_exit_wait(), "<= 40,000");
	unsigned f1 = fork_cost_with(256), f16 = fork_cost_with(4096);
	report("fork_per_page", (f16 - f1) / (4096 - 256), "<= 40");
	unsigned e1 = exit_cost_with(256), e16 = exit_cost_with(4096);
	report("exit_per_page", (e16 - e1) / (4096 - 256), "<= 100");
	report("yield_switch", yield_switch(), "<= 1,000");
	report("frames_idle_process", frames_idle_process(), "<= 5");
	report("frames_reserve_read_256mib", frames_reserve_read(), "<= 2");
	report("file_map_fault_cached", file_map_fault_cached(), "<= 450");
	report("exec_small", exec_cost("/bin/hello2"), "(fork + exec + exit + wait)");
	report("exec_1mib_touch_1", exec_cost("/bin/bigtext"), "within 10 % of exec_small");
	report("frames_second_sh", frames_second_sh(), "<= 6");
	report("syscall_null_again", syscall_null(), "= syscall_null");
	printf("\n%-28s %12s   %s\n", "benchmark (" "user mode)", "instructions", "target");
	for (int i = 0; i < nfigs; i++)
		printf("%-28s %12u   %s\n", figs[i].name, figs[i].value, figs[i].target);
	return run_fsbench(argc > 1 ? argv[1] : "full");
}
