/*
 * user/bin/thrashbench.c - make bench's thrash_1_5x figures: a working set
 * of 1.5x the RAM (meminfo's total frames, the kernel booted with mem=16M)
 * touched in a loop, sequentially and in a pseudo-random order, on a bench
 * disk with a swap partition. The figure is pages read from swap (meminfo
 * swap_ins) per 1,000 touches, for the kernel's clock, and for LRU and
 * Belady's optimal policy simulated (lib/pagesim.c) over the same
 * reference string with as many frames as the clock left the working set
 * (this process's resident private pages while it ran, its own few pages
 * before the loop taken off). A touch adds one to the first word of a
 * page, so every page the clock takes is dirty; at the end every page is
 * checked against the number of touches it got. bench (user/bin/bench.c)
 * runs it in make bench's second boot; argv: thrashbench MODE ARCH.
 */
#include <stdbool.h>
#include "mendax.h"
#include "lib/pagesim.h"

#define PAGE 4096u
#define WORDS (PAGE / 4)

static const char *arch = "?";
static unsigned passes = 3;            /* measured passes over the working set */
static unsigned pages;                  /* the working set */
static unsigned baseline;               /* resident private pages before it */

/* The reference string of each pattern: one full pass to fill the
 * working set (first touches: zero-fill, no swap), one more pass to warm
 * up, then `passes` measured passes (sequential) or as many touches in a
 * pseudo-random order. */
enum pattern { SEQUENTIAL, RANDOM };

static unsigned rnd_state;
static unsigned rnd(void)
{
	rnd_state ^= rnd_state << 13, rnd_state ^= rnd_state >> 17, rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static unsigned ref_len(void) { return (2 + passes) * pages; }
static unsigned ref_from(void) { return 2 * pages; }

/* The page of touch i (called for i = 0, 1, 2, ... in order). */
static unsigned ref_page(enum pattern pat, unsigned i)
{
	if (i == 0)
		rnd_state = 0x6d656e64u;
	if (pat == SEQUENTIAL || i < pages)
		return i % pages;
	return rnd() % pages;
}

static struct mendax_meminfo info(void)
{
	struct mendax_meminfo m;
	meminfo(&m);
	return m;
}

static unsigned resident_private(void)
{
	static struct mendax_procinfo buf[64];
	int n = ps(buf, 64), me = getpid();
	for (int i = 0; i < n; i++)
		if (buf[i].pid == me)
			return buf[i].private_pages;
	return 0;
}

struct run {
	unsigned touches, ins, frames_sum, samples;
	unsigned long long instr, driver;   /* over the measured touches, waits excluded */
	bool correct;
};

/* Instructions between lap_start and lap_end, with what SYS_benchinfo
 * leaves out (halts, device waits, interrupts) taken off, and the block
 * driver's share; in laps, each far shorter than ARM's 32-bit counter. */
static struct mendax_benchinfo lap_b;
static unsigned lap_t;

static void lap_start(void)
{
	benchinfo(&lap_b);
	lap_t = (unsigned)bench_cycles();
}

static void lap_end(struct run *r)
{
	unsigned t = (unsigned)bench_cycles();
	struct mendax_benchinfo b;
	benchinfo(&b);
	r->instr += (t - lap_t) - (b.excluded_cycles - lap_b.excluded_cycles);
	r->driver += b.driver_cycles - lap_b.driver_cycles;
}

/* The measured part: the loop, with the swap-in count around it and the
 * resident set sampled every pages/8 touches (outside the laps). */
static void measure(enum pattern pat, volatile unsigned *ws, struct run *r)
{
	unsigned len = ref_len(), from = ref_from(), ins0 = 0;
	for (unsigned i = 0; i < len; i++) {
		if (i == from) {
			ins0 = info().swap_ins;
			lap_start();
		}
		ws[ref_page(pat, i) * WORDS]++;
		if (i > from && i % (pages / 8) == 0) {
			lap_end(r);
			r->frames_sum += resident_private() - baseline;
			r->samples++;
			lap_start();
		}
	}
	lap_end(r);
	r->ins = info().swap_ins - ins0;
	r->touches = len - from;
}

/* Every page holds the number of touches it got. */
static bool check(enum pattern pat, volatile unsigned *ws, unsigned *counts)
{
	for (unsigned p = 0; p < pages; p++)
		counts[p] = 0;
	for (unsigned i = 0; i < ref_len(); i++)
		counts[ref_page(pat, i)]++;
	unsigned wrong = 0;
	for (unsigned p = 0; p < pages; p++)
		wrong += ws[p * WORDS] != counts[p];
	if (wrong)
		printf("thrashbench: %u of %u pages wrong\n", wrong, pages);
	return wrong == 0;
}

static unsigned per_1000(unsigned n, unsigned touches)
{
	return (unsigned)(((unsigned long long)n * 1000 + touches / 2) / touches);
}

static void print(const char *pat, const char *policy, unsigned v)
{
	printf("bench %s thrash_1_5x_%s_%s %u\n", arch, pat, policy, v);
}

/* The simulations, over the same string with the clock's mean frames. */
static int simulate(enum pattern pat, const char *name, const struct run *r)
{
	unsigned len = ref_len(), frames = r->frames_sum / r->samples;
	unsigned long words = len + pagesim_opt_words(len, pages);
	unsigned *mem = mmap(words * 4, PROT_READ | PROT_WRITE);
	if ((long)mem < 0 && (long)mem > -4096)
		return 1;
	unsigned *seq = mem;
	for (unsigned i = 0; i < len; i++)
		seq[i] = ref_page(pat, i);
	unsigned lru = pagesim_lru(seq, len, ref_from(), pages, frames, seq + len);
	unsigned opt = pagesim_opt(seq, len, ref_from(), pages, frames, seq + len);
	munmap(mem, words * 4);
	unsigned clock = per_1000(r->ins, r->touches);
	print(name, "clock", clock);
	print(name, "lru", per_1000(lru, r->touches));
	print(name, "opt", per_1000(opt, r->touches));
	printf("bench %s thrash_1_5x_%s_frames %u\n", arch, name, frames);
	unsigned per_in = r->ins ? (unsigned)(r->instr / r->ins) : 0;
	unsigned drv_in = r->ins ? (unsigned)(r->driver / r->ins) : 0;
	printf("bench %s thrash_1_5x_%s_per_swap_in %u\n", arch, name, per_in);
	printf("bench %s thrash_1_5x_%s_per_swap_in_driver %u\n", arch, name, drv_in);
	printf("%-10s %6u pages, %5u frames: clock %4u, LRU %4u, optimal %4u per 1,000 touches"
	       " (clock/LRU %u %%)\n", name, pages, frames, clock, per_1000(lru, r->touches),
	       per_1000(opt, r->touches), lru ? (unsigned)(r->ins * 100ull / lru) : 0);
	printf("%-10s instructions per page read from swap (its write-back included): %u,"
	       " of them block driver %u\n", name, per_in, drv_in);
	return 0;
}

static int one_pattern(enum pattern pat, const char *name)
{
	baseline = resident_private();
	volatile unsigned *ws = mmap(pages * PAGE, PROT_READ | PROT_WRITE);
	unsigned *counts = mmap(pages * 4, PROT_READ | PROT_WRITE);
	if (((long)ws < 0 && (long)ws > -4096) || ((long)counts < 0 && (long)counts > -4096)) {
		printf("thrashbench: no memory for %u pages\n", pages);
		return 1;
	}
	struct run r = { 0, 0, 0, 0, 0, 0, false };
	measure(pat, ws, &r);
	r.correct = check(pat, ws, counts);
	munmap((void *)ws, pages * PAGE);
	munmap(counts, pages * 4);
	if (!r.correct || !r.samples)
		return 1;
	return simulate(pat, name, &r);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "quick"))
		passes = 1;
	if (argc > 2)
		arch = argv[2];
	struct mendax_meminfo m = info();
	if (!m.swap_total) {
		printf("thrashbench: no swap area\n");
		return 1;
	}
	pages = m.total_frames + m.total_frames / 2;
	printf("thrashbench: RAM %u frames, working set %u pages, swap %u slots\n",
	       m.total_frames, pages, m.swap_total);
	int rc = one_pattern(SEQUENTIAL, "seq") | one_pattern(RANDOM, "rand");
	m = info();
	printf("thrashbench: %u pages read from swap, %u written since boot\n", m.swap_ins,
	       m.swap_outs);
	return rc;
}
