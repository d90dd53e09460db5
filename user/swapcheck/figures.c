/*
 * user/swapcheck/figures.c - the baseline every test is held to: our own
 * footprint made steady (every static written, the stack grown, our pages
 * read once) before free frames and free swap slots are taken; after each
 * test they must be back at it exactly (balanced), and the closing
 * accounting line says so once more.
 */
#include "user/swapcheck/swapcheck.h"

unsigned base_free, base_swap_free, ram_pages;
static struct mendax_meminfo base_mem;

/* Every page of our own file-backed ranges, and every anonymous page we
 * have (in RAM or on swap), read once: our own footprint is then the same
 * whenever the figures are taken, whatever the clock took from us while
 * a child ran (a swapped page of ours comes back and gives its slot up;
 * an unmapped program page is mapped again). */
struct mendax_vmrange own[128];

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

/* Our writable pages that are only read so far (on the zero page) get
 * their own frames now, before the baseline, not when a test first
 * writes a static there. */
static void own_frames(void)
{
	int n = vmmap(getpid(), own, 128);
	for (int i = 0; i < n && i < 128; i++)
		if (own[i].kind == VM_ZERO_PAGE && (own[i].prot & PROT_WRITE))
			for (unsigned a = own[i].start; a < own[i].end; a += PG)
				*(volatile char *)a = *(volatile char *)a;
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

/* Every static buffer written once before the baseline: a BSS page first
 * written by a test would be a frame the baseline did not have. */
static void warm_statics(void)
{
	memset(other, 0, sizeof other);
	memset(own, 0, sizeof own);
	memset(procs, 0, sizeof procs);
	memset(line, 0, sizeof line);
	memset(page_buf, 0, sizeof page_buf);
}

/* The first fork and pipe leave a frame of ours or the kernel's behind
 * for good (a table, a heap page): one of each first, so the baseline is
 * the steady state. */
void baseline(void)
{
	int fds[2];
	if (pipe(fds) == 0)
		close(fds[0]), close(fds[1]);
	status_of(spawn(nothing, 0));
	warm_statics();
	grow_stack();
	own_frames();
	touch_self();
	touch_self();   /* own[] itself is now resident too */
	drop_caches();
	struct mendax_meminfo m = mem();
	base_mem = m;
	base_free = m.free_frames;
	base_swap_free = m.swap_free;
	ram_pages = m.free_frames;
	printf("  swap %s: %u slots (%u KiB), %u free; %u frames free\n", m.swap_name, m.swap_total,
	       m.swap_total * 4, m.swap_free, m.free_frames);
}

/* Free frames and free swap slots back at the baselines exactly. */
int balanced(const char *after)
{
	reap_orphans();
	touch_self();
	drop_caches();
	struct mendax_meminfo m = mem();
	int ok = m.free_frames == base_free && m.swap_free == base_swap_free;
	if (!ok)
		printf("  after %s: %u frames free (baseline %u), %u swap slots free (baseline %u),"
		       " %u swap-cached\n", after, m.free_frames, base_free, m.swap_free,
		       base_swap_free, m.swap_cached);
	if (!ok) {
		printf("    heap pages %u (baseline %u), file cached %u (%u), used %u (%u), buffers %u (%u)\n",
		       m.heap_pages, base_mem.heap_pages, m.file_cached, base_mem.file_cached,
		       m.used_frames, base_mem.used_frames, m.cache_buffers, base_mem.cache_buffers);
		show_own();
	}
	return ok;
}

/* The closing line: every child gone, caches dropped, our own pages
 * touched; on the bad area a slot whose read failed is bad, not free. */
void accounting(int bad)
{
	reap_orphans();
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
