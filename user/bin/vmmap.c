/*
 * user/bin/vmmap.c - the lies inspector: for each range of a process's
 * address space, what its pages really are; for a mapped file also the
 * file, its page, and whether each page is not yet read, cached, the
 * cache's frame (clean or dirty) or a private copy; pages on the swap
 * area with their slots (and those read back, still in the swap cache);
 * then a summary of what is in RAM and what is on swap.
 */
#include "mendax.h"

static const char *kind_name(unsigned k)
{
	switch (k) {
	case VM_ZERO_PAGE: return "zero page (read-only, shared)";
	case VM_ZERO_TABLE: return "zero table (no RAM at all)";
	case VM_PRIVATE: return "private frame";
	case VM_COW_SHARED: return "copy-on-write shared";
	case VM_FILE_UNREAD: return "not yet read";
	case VM_FILE_CACHED: return "in the page cache, not mapped yet";
	case VM_FILE_MAPPED: return "page-cache frame";
	case VM_FILE_DIRTY: return "page-cache frame, dirty";
	case VM_FILE_PRIVATE: return "private copy";
	case VM_SWAPPED: return "swapped";
	case VM_SWAP_CACHED: return "swap-cached frame";
	default: return "not yet touched (unmapped)";
	}
}

/* A pid is a decimal number and nothing else; -1 otherwise. */
static int parse_pid(const char *s)
{
	int v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static void print_range(const struct mendax_vmrange *r)
{
	printf("  %08x-%08x %c%c%c %6u KiB  %s", r->start, r->end - 1,
	       r->prot & PROT_READ ? 'r' : '-', r->prot & PROT_WRITE ? 'w' : '-',
	       r->prot & PROT_EXEC ? 'x' : '-', (r->end - r->start) / 1024, kind_name(r->kind));
	unsigned pages = (r->end - r->start) / 4096;
	if (r->kind == VM_SWAPPED || r->kind == VM_SWAP_CACHED) {
		if (pages == 1)
			printf(" (slot %u)", r->swap_slot);
		else
			printf(" (slots %u-%u)", r->swap_slot, r->swap_slot + pages - 1);
	}
	if (r->kind == VM_COW_SHARED || r->kind == VM_FILE_MAPPED || r->kind == VM_FILE_DIRTY ||
	    r->kind == VM_SWAP_CACHED)
		printf(" (%u owners)", r->refcount);
	if (r->map)
		printf("  %s %s @page %u", r->map == MAP_SHARED ? "shared" : "private",
		       r->name[0] ? r->name : "?", r->file_page);
	printf("\n");
}

/* The count comes first (max 0); the buffer is then sized to it, with
 * room to spare, and taken again if the map grew meanwhile (our own map
 * grows by the buffer itself). Returns the count, or a negative error. */
static int take_map(int pid, struct mendax_vmrange **out)
{
	int n = vmmap(pid, NULL, 0);
	while (n >= 0) {
		unsigned cap = (unsigned)n + 16, bytes = cap * sizeof **out;
		struct mendax_vmrange *r = mmap(bytes, PROT_READ | PROT_WRITE);
		if ((long)r < 0 && (long)r > -4096)
			return (int)(long)r;
		n = vmmap(pid, r, cap);
		if (n >= 0 && (unsigned)n <= cap) {
			*out = r;
			return n;
		}
		munmap(r, bytes);
	}
	return n;
}

int main(int argc, char **argv)
{
	int pid = argc > 1 ? parse_pid(argv[1]) : getpid();
	if (argc > 2 || pid < 0) {
		printf("usage: vmmap [pid]   (pid: a number, see ps)\n");
		return 2;
	}
	struct mendax_vmrange *r = NULL;
	int n = take_map(pid, &r);
	if (n < 0) {
		printf("vmmap: %d: %s\n", pid, n == -ENOENT ? "no such process" : "cannot read its map");
		return 1;
	}
	printf("address space of pid %d (%d ranges):\n", pid, n);
	unsigned swapped = 0, cached = 0;
	for (int i = 0; i < n; i++) {
		print_range(&r[i]);
		unsigned pages = (r[i].end - r[i].start) / 4096;
		swapped += r[i].kind == VM_SWAPPED ? pages : 0;
		cached += r[i].kind == VM_SWAP_CACHED ? pages : 0;
	}
	printf("swap: %u pages swapped out, %u mapped from the swap cache\n", swapped, cached);
	return 0;
}
