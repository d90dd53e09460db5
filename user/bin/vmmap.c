/*
 * user/bin/vmmap.c - the lies inspector: for each range of a process's
 * address space, what its pages really are.
 */
#include "mendax.h"

static const char *kind_name(unsigned k)
{
	switch (k) {
	case VM_ZERO_PAGE: return "zero page (read-only, shared)";
	case VM_ZERO_TABLE: return "zero table (no RAM at all)";
	case VM_PRIVATE: return "private frame";
	case VM_COW_SHARED: return "copy-on-write shared";
	default: return "not yet touched (unmapped)";
	}
}

int main(int argc, char **argv)
{
	static struct mendax_vmrange r[128];
	int pid = argc > 1 ? atoi(argv[1]) : getpid();
	int n = vmmap(pid, r, 128);
	if (n < 0) {
		printf("vmmap: no process %d\n", pid);
		return 1;
	}
	printf("address space of pid %d:\n", pid);
	for (int i = 0; i < n; i++) {
		printf("  %08x-%08x %c%c%c %6u KiB  %s", r[i].start, r[i].end - 1,
		       r[i].prot & PROT_READ ? 'r' : '-', r[i].prot & PROT_WRITE ? 'w' : '-',
		       r[i].prot & PROT_EXEC ? 'x' : '-', (r[i].end - r[i].start) / 1024,
		       kind_name(r[i].kind));
		if (r[i].kind == VM_COW_SHARED)
			printf(" (%u owners)", r[i].refcount);
		printf("\n");
	}
	return 0;
}
