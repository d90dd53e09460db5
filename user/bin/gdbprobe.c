/*
 * user/bin/gdbprobe.c - the known state the gdb extension is checked
 * against (scripts/gdb-check.sh, docs/debugging.md). Sets up every lie at
 * fixed places (a zero-table range, the zero page, private frames, a
 * copy-on-write frame shared with a sleeping child, an untouched mapping,
 * region records both inline and in the metadata window, two pages on
 * swap - one of them read back by the child, so its frame is in the swap
 * cache and the parent's entry still names the slot), then calls
 * vmmap(self, buf, PROBE_MAX): the check's gdb stops the kernel in
 * introspect_vmmap on that call. It prints the kind it expects at each
 * probe address before, and the kernel's own view (both vmmaps, ps)
 * after, one "gdbprobe:" line each, for the check to compare with gdb's.
 */
#include <stdbool.h>
#include "mendax.h"

#define MIB (1024u * 1024u)
#define SPAN (4 * MIB)        /* a table-sized range on both ports (ARM: 4 L1 entries) */
#define PROBE_MAX 251u        /* the max the breakpoint waits for; nothing else passes it */
#define CHILD_MAX 250u
#define SMALL_MAPS 6          /* parent: more than 6 regions, so its records move to the window */
#define HOG_MAX 249u          /* the vmmap call that finds pages on swap (not the one gdb waits for) */
#define PAGE 4096u

static struct mendax_vmrange self_map[PROBE_MAX], child_map[CHILD_MAX];
static struct mendax_procinfo procs[16];
static volatile char *small[SMALL_MAPS];

/* A probe address, the lie it must be in each process (kind, owners of a
 * shared frame, and whether its entry lets a write through: "rw", "ro",
 * "-" for no entry) - what this program set up, for the check to hold
 * gdb's decode against. */
struct probe {
	const char *what;
	unsigned va;
	unsigned kind_parent, refs_parent;
	const char *rights_parent;
	unsigned kind_child, refs_child;
	const char *rights_child;
};

/* Makes the stack private down to well below any depth used later, so no
 * copy-on-write break happens between the two vmmap calls. */
static void __attribute__((noinline)) own_the_stack(void)
{
	volatile char deep[8192];
	for (unsigned i = 0; i < sizeof deep; i += 256)
		deep[i] = 1;
}

static bool on_swap(unsigned kind) { return kind == VM_SWAPPED || kind == VM_SWAP_CACHED; }

/* pid start end prot kind owners slot: owners of the kinds that count
 * them, the slot of the kinds on swap, else 0. */
static void print_map(int pid, const struct mendax_vmrange *r, int n)
{
	for (int i = 0; i < n; i++) {
		bool owned = r[i].kind == VM_COW_SHARED || r[i].kind == VM_SWAP_CACHED;
		printf("gdbprobe: vmmap %d %08x %08x %u %u %u %u\n", pid, r[i].start, r[i].end,
		       r[i].prot, r[i].kind, owned ? r[i].refcount : 0,
		       on_swap(r[i].kind) ? r[i].swap_slot : 0);
	}
}

/* Two pages on consecutive swap slots: a fresh mapping of 1.5 times the
 * RAM written page by page (the boot has mem=16M and a swap partition:
 * scripts/gdb-check.sh), then all of it unmapped but two pages the kernel's
 * vmmap says are on swap, so nothing is short of memory afterwards. NULL
 * when swap is off or nothing went out. */
static volatile char *two_swapped_pages(void)
{
	struct mendax_meminfo m;
	if (meminfo(&m) || !m.swap_on)
		return NULL;
	unsigned bytes = m.total_frames / 2 * 3 * PAGE;
	volatile char *hog = mmap(bytes, PROT_READ | PROT_WRITE);
	if ((long)hog < 0 && (long)hog > -4096)
		return NULL;
	for (unsigned off = 0; off < bytes; off += PAGE)
		hog[off] = (char)(off / PAGE) | 1;
	int n = vmmap(getpid(), self_map, HOG_MAX);
	unsigned lo = (unsigned)hog, keep = 0;
	for (int i = 0; i < n && i < (int)HOG_MAX && !keep; i++)
		if (self_map[i].kind == VM_SWAPPED && self_map[i].start >= lo &&
		    self_map[i].end <= lo + bytes && self_map[i].end - self_map[i].start >= 2 * PAGE)
			keep = self_map[i].start;
	unsigned head = keep ? keep - lo : bytes, tail_at = keep + 2 * PAGE;
	if (head)
		munmap((void *)lo, head);
	if (keep && lo + bytes > tail_at)
		munmap((void *)tail_at, lo + bytes - tail_at);
	return (volatile char *)keep;
}

static void print_probes(int parent, int child, const struct probe *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		printf("gdbprobe: probe %d %08x %u %u %s %s\n", parent, p[i].va, p[i].kind_parent,
		       p[i].refs_parent, p[i].rights_parent, p[i].what);
		printf("gdbprobe: probe %d %08x %u %u %s %s\n", child, p[i].va, p[i].kind_child,
		       p[i].refs_child, p[i].rights_child, p[i].what);
	}
}

static void print_ps(void)
{
	int n = ps(procs, 16);
	for (int i = 0; i < n; i++)
		printf("gdbprobe: ps %d %c %s\n", procs[i].pid, procs[i].state, procs[i].name);
}

/* The child: back to 6 regions (inline records), then asleep on the pipe
 * until the parent has been inspected. */
static void child(int ready, int go, volatile char *swapped)
{
	for (int i = 1; i < SMALL_MAPS; i++)
		munmap((void *)small[i], 4096);
	char c = swapped[0];   /* a read of a shared slot: the frame stays the swap cache's */
	write(ready, &c, 1);
	read(go, &c, 1);
	exit(0);
}

/* Waits until pid sleeps (in its read), so nothing moves while gdb looks. */
static void wait_asleep(int pid)
{
	for (;;) {
		int n = ps(procs, 16);
		for (int i = 0; i < n; i++)
			if (procs[i].pid == pid && procs[i].state == 'S')
				return;
		yield();
	}
}

int main(void)
{
	volatile char *swp = two_swapped_pages();
	if (!swp) {
		printf("gdbprobe: no pages went to swap (is there a swap area, and mem=16M?)\n");
		return 1;
	}
	volatile char *big = mmap(5 * SPAN, PROT_READ | PROT_WRITE);
	for (int i = 0; i < SMALL_MAPS; i++)
		small[i] = mmap(4096, PROT_READ | PROT_WRITE);
	if ((long)big < 0 && (long)big > -4096)
		return 1;
	unsigned base = ((unsigned)big + SPAN - 1) & ~(SPAN - 1);
	volatile char *cow = (volatile char *)base, *split = cow + 4096;
	volatile char *zt = (volatile char *)(base + SPAN + 0x3000);
	volatile char *priv = (volatile char *)(base + 2 * SPAN + 0x5000);
	cow[0] = 1;
	split[0] = 2;
	for (int i = 1; i < SMALL_MAPS; i++)
		small[i][0] = 3;
	int ready[2], go[2];
	if (pipe(ready) || pipe(go))
		return 1;
	int pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		split[0] = 4;   /* the child's copy; the parent's frame is its own again */
		child(ready[1], go[0], swp);
	}
	priv[0] = 5;
	own_the_stack();
	memset(self_map, 0, sizeof self_map);
	memset(child_map, 0, sizeof child_map);
	memset(procs, 0, sizeof procs);
	char c;
	read(ready[0], &c, 1);
	wait_asleep(pid);
	const struct probe probes[] = {
		{ "cow", (unsigned)cow, VM_COW_SHARED, 2, "ro", VM_COW_SHARED, 2, "ro" },
		{ "split", (unsigned)split, VM_PRIVATE, 0, "ro", VM_PRIVATE, 0, "rw" },
		{ "zero-table", (unsigned)zt, VM_ZERO_TABLE, 0, "ro", VM_ZERO_TABLE, 0, "ro" },
		{ "private", (unsigned)priv, VM_PRIVATE, 0, "rw", VM_ZERO_TABLE, 0, "ro" },
		{ "zero-page", (unsigned)priv + 4096, VM_ZERO_PAGE, 0, "ro", VM_ZERO_TABLE, 0, "ro" },
		{ "untouched", (unsigned)small[0], VM_UNMAPPED, 0, "-", VM_UNMAPPED, 0, "-" },
		/* the child's read maps the cache's frame: 2 owners, the cache and the child */
		{ "swap-cached", (unsigned)swp, VM_SWAPPED, 0, "-", VM_SWAP_CACHED, 2, "ro" },
		{ "swapped", (unsigned)swp + PAGE, VM_SWAPPED, 0, "-", VM_SWAPPED, 0, "-" },
	};
	/* Printed before the stop, so the check's gdb knows where to look;
	 * the stdout buffer's copy-on-write break happens here, not later. */
	print_probes(getpid(), pid, probes, sizeof probes / sizeof probes[0]);
	fflush_stdout();
	int nc = vmmap(pid, child_map, CHILD_MAX);
	int ns = vmmap(getpid(), self_map, PROBE_MAX);   /* gdb stops the kernel in here */
	print_map(getpid(), self_map, ns);
	print_map(pid, child_map, nc);
	print_ps();
	write(go[1], &c, 1);
	int status;
	waitpid(pid, &status);
	printf("gdbprobe: done (%d and %d ranges, child status %d)\n", ns, nc, status);
	return status;
}
