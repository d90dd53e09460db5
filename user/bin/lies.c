/*
 * user/bin/lies.c - a guided tour of the VMM's lies in this very process:
 * reserve memory, read it, write it, fork, and show after each step what
 * the pages really are (the same view as vmmap).
 */
#include "mendax.h"

#define MIB (1024u * 1024u)

static void show(const char *step)
{
	static struct mendax_vmrange r[32];
	struct mendax_meminfo m;
	meminfo(&m);
	int n = vmmap(getpid(), r, 32);
	printf("\n== %s (pid %d, %u frames free)\n", step, getpid(), m.free_frames);
	for (int i = 0; i < n; i++) {
		if (r[i].start < 0x10000000u)
			continue;   /* program and its data: not the point here */
		static const char *names[] = { "unmapped", "zero page", "zero table", "private",
					       "copy-on-write shared" };
		printf("  %08x-%08x %6u KiB  %s", r[i].start, r[i].end - 1,
		       (r[i].end - r[i].start) / 1024, names[r[i].kind]);
		if (r[i].kind == VM_COW_SHARED)
			printf(" (%u owners)", r[i].refcount);
		printf("\n");
	}
}

int main(void)
{
	volatile char *p = mmap(16 * MIB, PROT_READ | PROT_WRITE);
	show("mmap of 16 MiB: reserved, no RAM");
	unsigned sum = 0;
	for (unsigned off = 0; off < 16 * MIB; off += 4096)
		sum += p[off];
	show("read all of it: still no RAM (it is all zeros)");
	for (unsigned off = 0; off < 64 * 1024; off += 4096)
		p[off] = 1;
	show("wrote 16 pages: 16 frames, one table");
	int pid = fork();
	if (pid == 0) {
		show("after fork, in the child: frames shared copy-on-write");
		p[0] = 2;
		show("the child wrote one page: it got its own copy");
		exit(0);
	}
	int s;
	waitpid(pid, &s);
	show("the child has exited: the parent owns its frames alone again");
	return (int)sum;
}
