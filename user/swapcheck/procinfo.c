/*
 * user/swapcheck/procinfo.c - what the vmmap and ps system calls say about
 * a process: its swapped pages in a range (and the first one's slot), its
 * resident and swapped counts, whether it has ended; and reaping the
 * orphans the kernel gives swapcheck as init.
 */
#include "user/swapcheck/swapcheck.h"

/* Swapped pages of pid in [start, end), and the first one's slot. */
struct mendax_vmrange other[256];

unsigned swapped_in(int pid, unsigned start, unsigned end, unsigned *slot)
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

struct mendax_procinfo procs[32];

unsigned ps_swapped(int pid, unsigned *resident)
{
	int n = ps(procs, 32);
	for (int i = 0; i < n && i < 32; i++)
		if (procs[i].pid == pid) {
			*resident = procs[i].resident_pages;
			return procs[i].swapped_pages;
		}
	return *resident = 0;
}

/* 1 when pid is a zombie (or gone). */
int ended(int pid)
{
	int n = ps(procs, 32);
	for (int i = 0; i < n && i < 32; i++)
		if (procs[i].pid == pid)
			return procs[i].state == 'Z';
	return 1;
}

/* As init, swapcheck is given the children of a process that died first
 * (kernel/proc.c reparent_children): a grandchild that ended before its
 * parent was killed stays a zombie, holding its top table and kernel
 * stack, until swapcheck reaps it. Returns how many it reaped. */
int reap_orphans(void)
{
	int n = ps(procs, 32), reaped = 0, st;
	for (int i = 0; i < n && i < 32; i++)
		if (procs[i].ppid == getpid() && procs[i].state == 'Z' &&
		    waitpid(procs[i].pid, &st) == procs[i].pid) {
			printf("  reaped an orphan: pid %d (status %d)\n", procs[i].pid, st);
			reaped++;
		}
	return reaped;
}
