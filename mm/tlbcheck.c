/*
 * mm/tlbcheck.c - the pending-change model of the TLB-coherence checker
 * (test builds only; docs/testing.md). Owns a static table of changes the
 * TLB may not have seen yet and the per-tag (ASID) state; it never touches
 * hardware or the heap, and knows nothing of any architecture's entries.
 *
 * No lock: the kernel is uniprocessor and no hook runs in interrupt context
 * (IRQ handlers change no mapping; spaces switch only at the trap exit).
 * For SMP: one lock (tlbc_lock) around every call, a current tag and a
 * "may hold entries" set per CPU, and a record retired only when every CPU
 * that may cache it has done its invalidation (shootdown).
 */
#include "mm/tlbcheck.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"

#ifdef MENDAX_TEST

#define TLBC_MAX_RECORDS 2048u   /* a whole x86 table's batch twice over */

struct tlbc_record {
	uintptr_t va;
	uintptr_t span;          /* PAGE_SIZE, or a whole table's range */
	paddr_t pa;            /* the frame or table the old entry pointed at */
	const char *file;      /* where the entry changed */
	uint16_t line;
	uint16_t tag;
	uint8_t kind;
};

static struct {
	struct tlbc_record rec[TLBC_MAX_RECORDS];
	unsigned count;                 /* live records: rec[0 .. count) */
	uint16_t owner[TLBC_TAGS];      /* slot + 1 holding the tag this generation, 0 none */
	uint16_t last_owner[TLBC_TAGS]; /* slot + 1 that last ran with it */
	uint8_t dirty[TLBC_TAGS];       /* the TLB may hold entries under the tag */
	unsigned current;               /* tag live in the MMU (CONTEXTIDR / CR3) */
	bool repairs_strengthen;        /* a fault drops the faulting entry (x86) */
	bool asids;                     /* tags are handed to spaces (ARM ASIDs) */
	bool full_reported;
	unsigned failures, changes, points;
} tc;

static const char *const kind_names[] = { "remove", "replace", "weaken", "strengthen", "attributes" };

static void fail_done(void)
{
	tc.failures++;
#if TLBC_INJECTED != TLBC_INJ_none
	/* An injected build exists to show this report: stop at the first. */
	kprintf("tlbcheck: stopping at the first report (injected mistake)\n");
	kernel_stop_after_report();
#endif
}

static void report(const struct tlbc_record *r, const char *point)
{
	kprintf("tlbcheck: FAIL %s of va %#x (%s %u, old frame %#x) changed at %s:%u, "
		"not flushed before %s\n", kind_names[r->kind], (unsigned)r->va,
		r->tag == TLBC_TAG_GLOBAL ? "global" : "tag", r->tag == TLBC_TAG_GLOBAL ? 0u : r->tag,
		(unsigned)r->pa, r->file, r->line, point);
	fail_done();
}

void tlbc_init(bool fault_repairs_strengthen, bool asids)
{
	memset(&tc, 0, sizeof tc);
	tc.repairs_strengthen = fault_repairs_strengthen;
	tc.asids = asids;
}

enum tlbc_change tlbc_kind_of(paddr_t old_pa, unsigned old_prot, paddr_t new_pa, unsigned new_prot)
{
	if (old_pa != new_pa)
		return TLBC_REPLACE;
	if (old_prot == new_prot)
		return TLBC_ATTR;
	if ((new_prot & old_prot) == new_prot)
		return TLBC_WEAKEN;
	return (new_prot & old_prot) == old_prot ? TLBC_STRENGTHEN : TLBC_ATTR;
}

void tlbc_change(unsigned tag, uintptr_t va, uintptr_t span, paddr_t old_pa, enum tlbc_change kind,
		 const char *file, int line)
{
	tc.changes++;
	if (tc.count == TLBC_MAX_RECORDS) {
		/* Losing a record would hide a mistake: that is a failure too. */
		if (!tc.full_reported)
			kprintf("tlbcheck: FAIL record table full (%u pending) at %s:%d\n",
				tc.count, file, line);
		tc.full_reported = true;
		fail_done();
		return;
	}
	tc.rec[tc.count++] = (struct tlbc_record){ va, span, old_pa, file, (uint16_t)line,
						   (uint16_t)tag, (uint8_t)kind };
}

/* Drops every record for which covers() is true. */
static void retire_if(bool (*covers)(const struct tlbc_record *, unsigned, uintptr_t),
		      unsigned tag, uintptr_t va)
{
	for (unsigned i = 0; i < tc.count;) {
		if (covers(&tc.rec[i], tag, va))
			tc.rec[i] = tc.rec[--tc.count];
		else
			i++;
	}
}

/* One page: TLBIMVA / invlpg drop the page of that ASID and any global
 * entry of it (ARM ARM B4.2.2, SDM Vol. 3A 4.10.4.1), never a whole table's
 * range (another page of it may still be cached). */
static bool covers_va(const struct tlbc_record *r, unsigned tag, uintptr_t va)
{
	return r->span == PAGE_SIZE && r->va == va && (r->tag == tag || r->tag == TLBC_TAG_GLOBAL);
}

static bool covers_va_any_tag(const struct tlbc_record *r, unsigned tag, uintptr_t va)
{
	(void)tag;
	return r->span == PAGE_SIZE && r->va == va;
}

static bool covers_tag(const struct tlbc_record *r, unsigned tag, uintptr_t va)
{
	(void)va;
	return r->tag == tag;
}

static bool covers_nonglobal(const struct tlbc_record *r, unsigned tag, uintptr_t va)
{
	(void)tag, (void)va;
	return r->tag != TLBC_TAG_GLOBAL;
}

void tlbc_retire_va(unsigned tag, uintptr_t va)
{
	retire_if(covers_va, tag, va & ~(uintptr_t)(PAGE_SIZE - 1));
}

void tlbc_retire_va_all_tags(uintptr_t va)
{
	retire_if(covers_va_any_tag, 0, va & ~(uintptr_t)(PAGE_SIZE - 1));
}

/* A tag's entries are gone, but the tag live in the MMU can be refilled by
 * a speculative walk at once (ARM ARM B3.10.4): it stays "may hold". */
void tlbc_retire_tag(unsigned tag)
{
	retire_if(covers_tag, tag, 0);
	if (tag != tc.current)
		tc.dirty[tag] = 0;
}

void tlbc_retire_nonglobal(void)
{
	retire_if(covers_nonglobal, 0, 0);
	for (unsigned t = 0; t < TLBC_TAGS; t++)
		if (t != tc.current)
			tc.dirty[t] = 0;
}

void tlbc_retire_all(void)
{
	tc.count = 0;
	tlbc_retire_nonglobal();
}

/* A CONTEXTIDR write or CR3 load: from now on walks fill under tag. It
 * invalidates nothing by itself (QEMU's ARM model flushes; hardware does not). */
void tlbc_set_current(unsigned tag)
{
	tc.current = tag;
	tc.dirty[tag] = 1;
}

/* Rollover: no space holds a tag of the new generation yet. */
void tlbc_tag_new_generation(void)
{
	for (unsigned t = 0; t < TLBC_TAGS; t++)
		tc.owner[t] = 0;
}

/* ASID invariants (issue 15 item 2), at every allocation. */
void tlbc_tag_assign(unsigned tag, unsigned slot)
{
	tc.points++;
	if (tc.owner[tag]) {
		kprintf("tlbcheck: FAIL ASID %u handed to slot %u while slot %u holds it in this "
			"generation\n", tag, slot, tc.owner[tag] - 1u);
		fail_done();
	} else if (tc.dirty[tag]) {
		kprintf("tlbcheck: FAIL ASID %u handed to slot %u while the TLB may still hold "
			"entries tagged with it (last run by slot %u)\n", tag, slot,
			tc.last_owner[tag] - 1u);
		fail_done();
	}
	tc.owner[tag] = (uint16_t)(slot + 1);
}

/* A destroyed space's tag is not free until a flush covers it; dirty stays. */
void tlbc_tag_release(unsigned tag)
{
	tc.owner[tag] = 0;
}

static bool must_be_flushed(const struct tlbc_record *r)
{
	return r->kind != TLBC_STRENGTHEN || !tc.repairs_strengthen;
}

static void check_tag(unsigned tag, const char *point)
{
	tc.points++;
	for (unsigned i = 0; i < tc.count; i++)
		if ((tc.rec[i].tag == tag || tc.rec[i].tag == TLBC_TAG_GLOBAL) && must_be_flushed(&tc.rec[i]))
			report(&tc.rec[i], point);
}

/* Switch to slot, which runs under tag from now on: it must own the tag in
 * this generation (never an old one) and nothing of it may be pending. */
void tlbc_point_run(unsigned slot, const char *point)
{
	unsigned tag = tc.current;
	if (tc.asids && tc.owner[tag] != slot + 1) {
		kprintf("tlbcheck: FAIL slot %u runs with ASID %u, which it does not hold in this "
			"generation (holder: %d)\n", slot, tag, (int)tc.owner[tag] - 1);
		fail_done();
	}
	tc.last_owner[tag] = (uint16_t)(slot + 1);
	check_tag(tag, point);
}

void tlbc_point_user(void)
{
	check_tag(tc.current, "return to user mode");
}

/* A frame (data or table) goes back to the PMM: no TLB entry may still lead there. */
void tlbc_point_frame(paddr_t pa)
{
	for (unsigned i = 0; i < tc.count; i++)
		if ((tc.rec[i].pa & ~(paddr_t)(PAGE_SIZE - 1)) == pa)
			report(&tc.rec[i], "the frame was freed");
}

unsigned tlbc_failures(void)
{
	return tc.failures;
}

void tlbc_summary(void)
{
	kprintf("tlbcheck: %u passed, %u failed (%u changes recorded, %u points checked, %u pending)\n",
		tc.failures ? 0u : 1u, tc.failures ? 1u : 0u, tc.changes, tc.points, tc.count);
}

#endif
