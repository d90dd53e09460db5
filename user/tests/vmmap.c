/*
 * user/tests/vmmap.c - the vmmap system call: it always returns the total
 * number of ranges and fills at most max records (like snprintf), works
 * for any number of ranges, and knows only real user processes.
 */
#include "user/tests/usertest.h"

#define MANY 1024
static struct mendax_vmrange recs[MANY];

/* Writing the records must not change the map being counted: each test
 * first makes the buffer's pages private. */
static void touch_records(void)
{
	memset(recs, 0xff, sizeof recs);
}

/* max 0 and max 1 give the same count as a buffer big enough for all. */
static void vmmap_small_buffers_return_the_count(void)
{
	touch_records();
	int all = vmmap(getpid(), recs, MANY);
	CHECK(all >= 3);                              /* code, data, stack at least */
	struct mendax_vmrange first = recs[0], one;
	memset(&one, 0, sizeof one);
	CHECK(vmmap(getpid(), NULL, 0) == all);
	CHECK(vmmap(getpid(), (struct mendax_vmrange *)0xC0000000u, 0) == all);   /* nothing written */
	CHECK(vmmap(getpid(), &one, 1) == all);
	CHECK(one.start == first.start && one.end == first.end && one.kind == first.kind);
	CHECK(vmmap(getpid(), (struct mendax_vmrange *)0xC0000000u, 1) == -EFAULT);
}

/* One mapping with every other page written: private, untouched, private,
 * ... - 300 ranges in one region, far past the old 128-record limit. */
static void vmmap_reports_hundreds_of_ranges(void)
{
	touch_records();
	int before = vmmap(getpid(), NULL, 0);
	CHECK(before > 0);
	volatile char *p = mmap(600 * 4096, PROT_READ | PROT_WRITE);
	CHECK((long)p > 0);
	for (unsigned i = 0; i < 600; i += 2)
		p[i * 4096] = 1;
	int n = vmmap(getpid(), NULL, 0);
	printf("  %d ranges before, %d after 300 alternating pages\n", before, n);
	CHECK(n >= before + 599);
	CHECK(vmmap(getpid(), recs, MANY) == n);
	unsigned privates = 0;
	for (int i = 0; i < n; i++) {
		if (recs[i].start < (unsigned)p || recs[i].end > (unsigned)p + 600 * 4096)
			continue;
		CHECK(recs[i].end - recs[i].start == 4096);
		int written = (recs[i].start - (unsigned)p) / 4096 % 2 == 0;
		CHECK(written == (recs[i].kind == VM_PRIVATE));
		privates += recs[i].kind == VM_PRIVATE;
	}
	CHECK(privates == 300);
	CHECK(vmmap(getpid(), recs, 5) == n);       /* a short buffer: still the total */
}

/* Up to 200 separate mappings with alternating rights (so no two can ever
 * merge): each is one more range; the count is exact however many the
 * region table allowed. */
static void vmmap_counts_every_mapping(void)
{
	touch_records();
	int before = vmmap(getpid(), NULL, 0), made = 0;
	CHECK(before > 0);
	for (; made < 200; made++) {
		int prot = made % 2 ? PROT_READ : PROT_READ | PROT_WRITE;
		if ((long)mmap(4096, prot) < 0)
			break;
	}
	int n = vmmap(getpid(), NULL, 0);
	printf("  %d mappings: %d ranges (%d before)\n", made, n, before);
	CHECK(made >= 8);
	CHECK(n == before + made);
	CHECK(vmmap(getpid(), recs, MANY) == n);
}

/* pid 0 is the idle process: no user address space to show. */
static void vmmap_unknown_pids_are_refused(void)
{
	CHECK(vmmap(0, recs, 4) == -ENOENT);
	CHECK(vmmap(0, NULL, 0) == -ENOENT);
	CHECK(vmmap(-1, recs, 4) == -ENOENT);
	CHECK(vmmap(99999, recs, 4) == -ENOENT);
	CHECK(vmmap(1, NULL, 0) > 0);                 /* init is real */
}

USERTEST(vmmap_small_buffers_return_the_count, "vmmap: max 0 and 1 return the full count, a bad buffer -EFAULT");
USERTEST(vmmap_reports_hundreds_of_ranges, "vmmap: 600 ranges in one region, all counted and listed");
USERTEST(vmmap_counts_every_mapping, "vmmap: up to 200 mappings of alternating rights, each one range");
USERTEST(vmmap_unknown_pids_are_refused, "vmmap: pid 0 (idle), negative and unknown pids: -ENOENT");
