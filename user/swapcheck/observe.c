/*
 * user/swapcheck/observe.c - swap seen from outside: a process of 2x RAM
 * waiting on a pipe, its pages on swap as meminfo, ps and vmmap (the
 * system calls and the programs a user runs) tell it, then killed with
 * its pages there.
 */
#include "user/swapcheck/swapcheck.h"

/* Runs a program (ps, vmmap, meminfo: what a user sees) with its output
 * into a pipe, and tells which of the needles some line of it holds. */
#define NEEDLES 3

static int line_has(const char *line, const char *needle)
{
	size_t n = strlen(needle);
	for (; *line; line++)
		if (!strncmp(line, needle, n))
			return 1;
	return 0;
}

char line[256];

static void scan_output(int fd, const char *const needles[NEEDLES], int found[NEEDLES])
{
	unsigned len = 0;
	char c;
	while (read(fd, &c, 1) == 1) {
		if (c != '\n' && len < sizeof line - 1) {
			line[len++] = c;
			continue;
		}
		line[len] = 0;
		len = 0;
		for (unsigned i = 0; i < NEEDLES; i++)
			found[i] |= needles[i] && line_has(line, needles[i]);
	}
}

static int run_tool(char *const argv[], const char *const needles[NEEDLES], int found[NEEDLES])
{
	int out[2];
	for (unsigned i = 0; i < NEEDLES; i++)
		found[i] = 0;
	if (pipe(out))
		return -1;
	int pid = fork();
	if (pid == 0) {
		dup2(out[1], 1);
		close(out[0]), close(out[1]);
		exit(exec(argv[0], argv) ? 101 : 0);
	}
	close(out[1]);
	scan_output(out[0], needles, found);
	close(out[0]);
	return status_of(pid);
}

/* What meminfo, ps and vmmap print about a process with pages on swap. */
static void tools_show(int pid)
{
	char p[12];
	snprintf(p, sizeof p, "%d", pid);
	char *mi[] = { "meminfo", NULL }, *pa[] = { "ps", NULL }, *vm[] = { "vmmap", p, NULL };
	const char *mi_need[NEEDLES] = { "swap:   ", "KiB used", "pages written out" };
	const char *ps_need[NEEDLES] = { "RESIDENT  SWAPPED", NULL, NULL };
	const char *vm_need[NEEDLES] = { "swapped (slot", "pages swapped out", NULL };
	int f[NEEDLES], g[NEEDLES], h[NEEDLES];
	int a = run_tool(mi, mi_need, f), b = run_tool(pa, ps_need, g), c = run_tool(vm, vm_need, h);
	verdict(a == 0 && f[0] && f[1] && f[2], "the meminfo program shows swap used and pages written out");
	verdict(b == 0 && g[0], "the ps program shows resident and swapped pages");
	verdict(c == 0 && h[0] && h[1], "the vmmap program shows swapped pages with their slots, and a count");
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

void visible_then_killed(void)
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
	tools_show(pid);
	write(cmd[1], "k", 1);
	int st = status_of(pid);
	close(cmd[1]), close(ready[0]);   /* before the figures: pipes are heap pages */
	verdict(st == -1, "a process killed while its pages are on swap");
	verdict(balanced("the kill"), "its frames and swap slots come back");
}
