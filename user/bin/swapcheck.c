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
 */
#include "mendax.h"

#define PG 4096u
#define WORDS (PG / 4)

static unsigned passed, failed;
static unsigned base_free, base_swap_free, ram_pages;

static void verdict(int ok, const char *what)
{
	printf("%s - swapcheck: %s\n", ok ? "ok" : "FAIL", what);
	ok ? passed++ : failed++;
}

static struct mendax_meminfo mem(void)
{
	struct mendax_meminfo m;
	meminfo(&m);
	return m;
}

/* ---- working sets: a pattern in every word, checked word by word ---- */

static unsigned pattern(unsigned seed, unsigned page, unsigned word)
{
	unsigned x = seed * 0x9E3779B1u ^ page * 0x85EBCA77u ^ word * 0xC2B2AE3Du;
	return x ^ x >> 15;
}

static void fill_page(unsigned *p, unsigned seed, unsigned page)
{
	for (unsigned w = 0; w < WORDS; w++)
		p[w] = pattern(seed, page, w);
}

/* 1 when the page holds its pattern; else prints the first wrong word. */
static int page_ok(const unsigned *p, unsigned seed, unsigned page)
{
	for (unsigned w = 0; w < WORDS; w++)
		if (p[w] != pattern(seed, page, w)) {
			printf("  pid %d: page %u word %u holds %08x, not %08x\n", getpid(), page, w,
			       p[w], pattern(seed, page, w));
			return 0;
		}
	return 1;
}

static unsigned *map_pages(unsigned n)
{
	unsigned *p = mmap((size_t)n * PG, PROT_READ | PROT_WRITE);
	if ((long)p < 0 && (long)p > -4096) {
		printf("  pid %d: mmap of %u pages failed (%ld)\n", getpid(), n, (long)p);
		exit(11);
	}
	return p;
}

static unsigned *page_at(unsigned *base, unsigned i)
{
	return base + (size_t)i * WORDS;
}

static void fill_all(unsigned *b, unsigned n, unsigned seed)
{
	for (unsigned i = 0; i < n; i++)
		fill_page(page_at(b, i), seed, i);
}

static unsigned gcd(unsigned a, unsigned b)
{
	while (b) {
		unsigned t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Checks pages [0, n) sequentially. Exits 12 on a wrong byte. */
static void verify_all(unsigned *b, unsigned n, unsigned seed)
{
	for (unsigned i = 0; i < n; i++)
		if (!page_ok(page_at(b, i), seed, i))
			exit(12);
}

/* The same in an order that jumps about (k * stride mod n, stride coprime
 * to n: every page once). Exits 13 on a wrong byte. */
static void verify_jumping(unsigned *b, unsigned n, unsigned seed)
{
	unsigned stride = n / 2 + n / 7 + 1;
	while (gcd(stride, n) != 1)
		stride++;
	for (unsigned k = 0, i = 0; k < n; k++, i = (i + stride) % n)
		if (!page_ok(page_at(b, i), seed, i))
			exit(13);
}

/* ---- children and the figures ---- */

static int spawn(void (*work)(unsigned), unsigned arg)
{
	int pid = fork();
	if (pid == 0) {
		work(arg);
		exit(0);
	}
	return pid;
}

static int status_of(int pid)
{
	int st = -100;
	if (waitpid(pid, &st) != pid)
		return -100;
	return st;
}

/* Every page of our own file-backed ranges, and every anonymous page we
 * have (in RAM or on swap), read once: our own footprint is then the same
 * whenever the figures are taken, whatever the clock took from us while
 * a child ran (a swapped page of ours comes back and gives its slot up;
 * an unmapped program page is mapped again). */
static struct mendax_vmrange own[128];

static void touch_self(void)
{
	int n = vmmap(getpid(), own, 128);
	for (int i = 0; i < n && i < 128; i++) {
		struct mendax_vmrange r = own[i];
		int file = r.map != 0, anon = r.kind == VM_PRIVATE || r.kind == VM_SWAPPED ||
						r.kind == VM_SWAP_CACHED || r.kind == VM_COW_SHARED;
		if (!(r.prot & PROT_READ) || !(file || anon))
			continue;
		for (unsigned a = r.start; a < r.end; a += PG)
			(void)*(volatile const char *)a;
	}
}

/* Our own map, for a run whose figures do not balance. */
static void show_own(void)
{
	int n = vmmap(getpid(), own, 128);
	for (int i = 0; i < n && i < 128; i++)
		printf("    own %08x-%08x kind %u refs %u map %u\n", own[i].start, own[i].end,
		       own[i].kind, own[i].refcount, own[i].map);
}

/* The stack the tests need, grown before the baseline is taken. */
static void grow_stack(void)
{
	volatile char deep[32768];
	for (unsigned i = 0; i < sizeof deep; i += PG)
		deep[i] = 1;
}

static void nothing(unsigned unused)
{
	(void)unused;
}

/* The first fork and pipe leave a frame of ours or the kernel's behind
 * for good (a table, a heap page): one of each first, so the baseline is
 * the steady state. */
static void warm_statics(void);

static void baseline(void)
{
	int fds[2];
	if (pipe(fds) == 0)
		close(fds[0]), close(fds[1]);
	status_of(spawn(nothing, 0));
	warm_statics();
	grow_stack();
	touch_self();
	touch_self();   /* own[] itself is now resident too */
	drop_caches();
	struct mendax_meminfo m = mem();
	base_free = m.free_frames;
	base_swap_free = m.swap_free;
	ram_pages = m.free_frames;
	printf("  swap %s: %u slots (%u KiB), %u free; %u frames free\n", m.swap_name, m.swap_total,
	       m.swap_total * 4, m.swap_free, m.free_frames);
}

/* Free frames and free swap slots back at the baselines exactly. */
static int balanced(const char *after)
{
	touch_self();
	drop_caches();
	struct mendax_meminfo m = mem();
	int ok = m.free_frames == base_free && m.swap_free == base_swap_free;
	if (!ok)
		printf("  after %s: %u frames free (baseline %u), %u swap slots free (baseline %u),"
		       " %u swap-cached\n", after, m.free_frames, base_free, m.swap_free,
		       base_swap_free, m.swap_cached);
	if (!ok)
		show_own();
	return ok;
}


/* ---- the tests ---- */

static void big_one(unsigned seed)
{
	unsigned n = 4 * ram_pages;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);
	verify_jumping(b, n, seed);
}

/* One process, 4x RAM: every byte back, sequentially and jumping about. */
static void four_times_ram(void)
{
	unsigned outs = mem().swap_outs, t = uptime_ms();
	int st = status_of(spawn(big_one, 1));
	struct mendax_meminfo m = mem();
	printf("  4x RAM (%u pages): status %d, %u pages written out, %u read in, %u ms\n",
	       4 * ram_pages, st, m.swap_outs - outs, m.swap_ins, uptime_ms() - t);
	verdict(st == 0 && m.swap_outs > outs, "a working set of 4x RAM is written and read back right");
	verdict(balanced("4x RAM"), "frames and swap slots back after 4x RAM");
}

static void one_and_a_half(unsigned seed)
{
	unsigned n = ram_pages * 3 / 2;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);
}

/* Three at once, 1.5x RAM each. */
static void several_at_once(void)
{
	int pid[3], ok = 1;
	for (unsigned i = 0; i < 3; i++)
		pid[i] = spawn(one_and_a_half, 20 + i);
	for (unsigned i = 0; i < 3; i++) {
		int st = status_of(pid[i]);
		if (st)
			printf("  1.5x RAM process %u: status %d\n", i, st);
		ok &= st == 0;
	}
	verdict(ok, "three processes of 1.5x RAM each at once, all right");
	verdict(balanced("3 x 1.5x RAM"), "frames and swap slots back after three at once");
}

/* Pages of b [first, first + n) holding seed a at even pages and seed b at
 * odd ones (page numbers of the whole set). */
static void verify_mixed(unsigned *b, unsigned n, unsigned even_seed, unsigned odd_seed)
{
	for (unsigned i = 0; i < n; i++)
		if (!page_ok(page_at(b, i), i % 2 ? odd_seed : even_seed, i))
			exit(12);
}

/* Fills 1.5x RAM, forks while much of it is on swap; the parent then
 * writes the odd pages, the child the even ones, and each sees its own
 * writes and the other's pages as they were before the fork. */
static void fork_worker(unsigned unused)
{
	(void)unused;
	unsigned n = ram_pages * 3 / 2;
	unsigned *b = map_pages(n);
	fill_all(b, n, 30);
	unsigned before = mem().swap_used;
	int child = fork();
	unsigned after = mem().swap_used;
	if (child == 0) {
		for (unsigned i = 0; i < n; i += 2)
			fill_page(page_at(b, i), 31, i);
		verify_mixed(b, n, 31, 30);
		exit(0);
	}
	for (unsigned i = 1; i < n; i += 2)
		fill_page(page_at(b, i), 32, i);
	verify_mixed(b, n, 30, 32);
	int st = status_of(child);
	printf("  fork: %u slots used before, %u just after; child status %d\n", before, after, st);
	/* Copied slots would double the count; the fork's own reclaim (frames
	 * for the child's tables) may add some. */
	if (before == 0 || after >= 2 * before)
		exit(14);   /* nothing was on swap, or fork copied the slots */
	exit(st ? 15 : 0);
}

static void fork_through_swap(void)
{
	int st = status_of(spawn(fork_worker, 0));
	verdict(st == 0, "fork with pages on swap shares the slots; parent and child write "
		"different pages and each reads its own view (COW through swap)");
	verdict(balanced("fork through swap"), "frames and swap slots back after the fork test");
}

/* The pipes of a child that waits for its parent's word. */
static int cmd[2], ready[2];

/* Swapped pages of pid in [start, end), and the first one's slot. */
static struct mendax_vmrange other[256];

static unsigned swapped_in(int pid, unsigned start, unsigned end, unsigned *slot)
{
	int n = vmmap(pid, other, 256);
	unsigned count = 0;
	*slot = 0;
	for (int i = 0; i < n && i < 256; i++) {
		struct mendax_vmrange r = other[i];
		if (r.kind != VM_SWAPPED || r.end <= start || r.start >= end)
			continue;
		unsigned lo = r.start < start ? start : r.start, hi = r.end > end ? end : r.end;
		if (!*slot)
			*slot = r.swap_slot + (lo - r.start) / PG;
		count += (hi - lo) / PG;
	}
	return count;
}

static struct mendax_procinfo procs[32];

static unsigned ps_swapped(int pid, unsigned *resident)
{
	int n = ps(procs, 32);
	for (int i = 0; i < n && i < 32; i++)
		if (procs[i].pid == pid) {
			*resident = procs[i].resident_pages;
			return procs[i].swapped_pages;
		}
	return *resident = 0;
}

/* A child tells the parent it is ready, then waits for its word. */
static char ready_then_wait(void)
{
	char c = 'r';
	close(ready[0]), close(cmd[1]);
	write(ready[1], &c, 1);
	read(cmd[0], &c, 1);
	return c;
}

/* Starts work(arg) in a child that says when it is ready; returns its pid
 * once it is (or has died: *said is then not 'r'). */
static int spawn_ready(void (*work)(unsigned), unsigned arg, char *said)
{
	pipe(cmd);
	pipe(ready);
	int pid = spawn(work, arg);
	close(ready[1]);   /* a child that dies reads as end of file */
	close(cmd[0]);
	*said = 0;
	read(ready[0], said, 1);
	return pid;
}

/* A process of 2x RAM that waits on a pipe, then faults on purpose (there
 * is no kill system call: the fault kill ends it the same way). */
static void holder(unsigned seed)
{
	unsigned n = 2 * ram_pages;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	ready_then_wait();
	*(volatile unsigned *)0 = (unsigned)(unsigned long)b;   /* killed here */
}

static void visible_then_killed(void)
{
	struct mendax_meminfo m0 = mem();
	char c;
	int pid = spawn_ready(holder, 40, &c);
	struct mendax_meminfo m = mem();
	unsigned res, swp = ps_swapped(pid, &res), slot;
	unsigned in_map = swapped_in(pid, 0, 0xFFFFF000u, &slot);
	printf("  a 2x RAM process: meminfo swap used %u KiB (was %u), %u pages written out;"
	       " ps: %u resident, %u swapped; vmmap: %u swapped, first swapped (slot %u)\n",
	       m.swap_used * 4, m0.swap_used * 4, m.swap_outs - m0.swap_outs, res, swp, in_map,
	       slot);
	verdict(c == 'r' && m.swap_used > m0.swap_used && m.swap_outs > m0.swap_outs &&
		m.swap_free < m0.swap_free, "meminfo: swap used and pages written out grow");
	verdict(swp > 0 && res > 0 && swp + res >= 2 * ram_pages,
		"ps: the process's resident and swapped pages cover its working set");
	verdict(in_map > 0 && in_map <= swp && slot > 0 && slot <= m.swap_total,
		"vmmap: its swapped pages, with their slots");
	write(cmd[1], "k", 1);
	int st = status_of(pid);
	close(cmd[1]), close(ready[0]);   /* before the figures: pipes are heap pages */
	verdict(st == -1, "a process killed while its pages are on swap");
	verdict(balanced("the kill"), "its frames and swap slots come back");
}

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

static void kernel_copies(void)
{
	int st = status_of(spawn(copier, 50));
	verdict(st == 0, "write() from and read() into swapped-out buffers move the right bytes");
	verdict(balanced("the copies"), "frames and swap slots back after the copies");
}

/* Wants more than RAM and swap together, one page after another. */
static void hog(unsigned extra)
{
	struct mendax_meminfo m = mem();
	unsigned n = m.free_frames + m.swap_free + extra;
	volatile char *p = (volatile char *)map_pages(n);
	for (unsigned i = 0; i < n; i++)
		p[(size_t)i * PG] = 1;
}

static void bystander(unsigned seed)
{
	unsigned n = ram_pages / 2;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	ready_then_wait();
	verify_all(b, n, seed);
}

static int ended(int pid);

/* waitpid, polling meminfo meanwhile for the fewest free swap slots. */
static int watch_status(int pid, unsigned *least_free)
{
	*least_free = ~0u;
	while (!ended(pid)) {
		unsigned f = mem().swap_free;
		*least_free = f < *least_free ? f : *least_free;
		yield();
	}
	return status_of(pid);
}

/* Swap full: the process that wants the page nobody has is killed, the
 * others (and the kernel) run on. */
static void swap_full(void)
{
	char c;
	int by = spawn_ready(bystander, 60, &c);
	unsigned least_free;
	int hs = watch_status(spawn(hog, 1024), &least_free);
	struct mendax_meminfo m = mem();
	write(cmd[1], "g", 1);
	int bs = status_of(by);
	close(cmd[1]), close(ready[0]);
	printf("  swap full: hog status %d, bystander status %d; swap slots free: %u at the least"
	       " while the hog ran, %u of %u after\n", hs, bs, least_free, m.swap_free, m.swap_total);
	verdict(hs == -1, "RAM and swap exhausted: the process wanting more is killed");
	verdict(least_free <= m.swap_total / 50, "it was killed only once swap was full (2% slack)");
	verdict(bs == 0, "the other process runs on, its memory intact");
	verdict(balanced("swap full"), "frames and swap slots back after swap ran full");
}

/* ---- the bad area (check-swap-bad: every read of a slot fails) ---- */

static void reader(unsigned seed)
{
	unsigned n = 2 * ram_pages;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);   /* the first swapped page cannot come back */
}

static void small(unsigned seed)
{
	unsigned n = ram_pages / 2;
	unsigned *b = map_pages(n);
	fill_all(b, n, seed);
	verify_all(b, n, seed);
}

/* 1 when pid is a zombie (or gone). */
static int ended(int pid)
{
	int n = ps(procs, 32);
	for (int i = 0; i < n && i < 32; i++)
		if (procs[i].pid == pid)
			return procs[i].state == 'Z';
	return 1;
}

static void bad_area(void)
{
	struct mendax_meminfo m0 = mem();
	int st = status_of(spawn(reader, 70));
	struct mendax_meminfo m1 = mem();
	printf("  bad area: reader status %d; %u written out, %u read in, %u bad slots\n", st,
	       m1.swap_outs - m0.swap_outs, m1.swap_ins - m0.swap_ins, m1.swap_bad);
	verdict(st == -1 && m1.swap_outs > m0.swap_outs,
		"a page that cannot be read back kills the process that needs it");
	int st2 = status_of(spawn(reader, 71));
	int st3 = status_of(spawn(small, 72));
	struct mendax_meminfo m2 = mem();
	printf("  after: a second 2x RAM process status %d, a small one %d; %u more written out\n",
		st2, st3, m2.swap_outs - m1.swap_outs);
	verdict(m2.swap_outs == m1.swap_outs, "the area is not written again after a read failed");
	verdict(st3 == 0, "the kernel goes on: a process that fits in RAM runs right");
}

/* The closing line: every child gone, caches dropped, our own pages
 * touched; on the bad area a slot whose read failed is bad, not free. */
static void accounting(int bad)
{
	touch_self();
	drop_caches();
	struct mendax_meminfo m = mem();
	unsigned slots = m.swap_free + (bad ? m.swap_bad : 0);
	int ok = m.free_frames == base_free && slots == base_swap_free;
	printf("%s - swapcheck: accounting: %u frames free (baseline %u), %u swap slots free%s"
	       " (baseline %u), %u swap-cached\n", ok ? "ok" : "FAIL", m.free_frames, base_free,
	       slots, bad ? " or bad" : "", base_swap_free, m.swap_cached);
	ok ? passed++ : failed++;
}

static void timed(void (*test)(void), const char *name)
{
	unsigned t = uptime_ms();
	test();
	printf("  (%s: %u ms)\n", name, uptime_ms() - t);
}

/* Every static buffer written once before the baseline: a BSS page first
 * written by a test would be a frame the baseline did not have. */
static void warm_statics(void)
{
	memset(other, 0, sizeof other);
	memset(own, 0, sizeof own);
	memset(procs, 0, sizeof procs);
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
		timed(swap_full, "swap full");
	}
	accounting(bad);
	printf("swapcheck: %u passed, %u failed\n", passed, failed);
	return (int)failed;
}
