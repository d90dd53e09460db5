/*
 * tests/host/test_tlbcheck.c - the TLB-coherence checker's model
 * (mm/tlbcheck.c): each maintenance operation retires exactly what the
 * manuals say it invalidates, and each check point fails on what is left.
 */
#include "htest.h"
#include "mm/tlbcheck.h"

#define VA 0x00400000u
#define FRAME 0x00123000u
#define SITE __FILE__, __LINE__

static void change(unsigned tag, uint32_t va, uint32_t span, enum tlbc_change kind)
{
	tlbc_change(tag, va, span, FRAME, kind, SITE);
}

HTEST(tlbcheck_asid_change_invalidates_nothing)
{
	tlbc_init(false, false);
	tlbc_set_current(5);
	change(5, VA, 4096, TLBC_REMOVE);
	tlbc_set_current(6);   /* QEMU would flush here; hardware does not */
	tlbc_set_current(5);
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
	HCHECK(strstr(htest_console(), "tlbcheck: FAIL remove of va 0x400000 (tag 5") != NULL);
	HCHECK(strstr(htest_console(), "not flushed before return to user mode") != NULL);
	tlbc_init(false, false);   /* leave no record for the PMM tests */
}

HTEST(tlbcheck_tlbimva_covers_only_its_asid_and_page)
{
	tlbc_init(false, false);
	tlbc_set_current(5);
	change(5, VA, 4096, TLBC_WEAKEN);
	tlbc_retire_va(6, VA);
	tlbc_retire_va(5, VA + 4096);
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
	tlbc_retire_va(5, VA + 0x123);   /* any address in the page */
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
}

HTEST(tlbcheck_cr3_load_keeps_global_entries_invlpg_drops_them)
{
	tlbc_init(true, false);
	change(TLBC_TAG_GLOBAL, VA, 4096, TLBC_REPLACE);
	tlbc_retire_nonglobal();
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
	tlbc_retire_va(0, VA);
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
}

HTEST(tlbcheck_a_table_range_needs_a_whole_flush)
{
	tlbc_init(false, false);
	change(0, VA, 4u << 20, TLBC_REPLACE);
	tlbc_retire_va(0, VA);
	tlbc_retire_va_all_tags(VA);
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
	tlbc_retire_tag(0);
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
}

HTEST(tlbcheck_freeing_a_frame_still_reachable_fails)
{
	tlbc_init(false, false);
	change(3, VA, 4096, TLBC_REMOVE);
	tlbc_point_frame(FRAME + 4096);
	HCHECK_EQ(tlbc_failures(), 0);
	tlbc_point_frame(FRAME);
	HCHECK_EQ(tlbc_failures(), 1);
	HCHECK(strstr(htest_console(), "not flushed before the frame was freed") != NULL);
	tlbc_retire_all();
	tlbc_point_frame(FRAME);
	HCHECK_EQ(tlbc_failures(), 1);
}

HTEST(tlbcheck_strengthening_may_wait_only_where_a_fault_repairs_it)
{
	tlbc_init(true, false);
	change(0, VA, 4096, TLBC_STRENGTHEN);
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 0);
	tlbc_init(false, true);
	change(0, VA, 4096, TLBC_STRENGTHEN);
	tlbc_point_user();
	HCHECK_EQ(tlbc_failures(), 1);
	tlbc_init(false, false);   /* leave no record for the PMM tests */
}

HTEST(tlbcheck_kinds_from_old_and_new_entries)
{
	HCHECK_EQ(tlbc_kind_of(FRAME, 3, FRAME + 4096, 3), TLBC_REPLACE);
	HCHECK_EQ(tlbc_kind_of(FRAME, 3, FRAME, 1), TLBC_WEAKEN);
	HCHECK_EQ(tlbc_kind_of(FRAME, 1, FRAME, 3), TLBC_STRENGTHEN);
	HCHECK_EQ(tlbc_kind_of(FRAME, 1, FRAME, 2), TLBC_ATTR);
	HCHECK_EQ(tlbc_kind_of(FRAME, 3, FRAME, 3), TLBC_ATTR);
}

HTEST(tlbcheck_asid_held_twice_in_a_generation_fails)
{
	tlbc_init(false, true);
	tlbc_tag_assign(3, 1);
	tlbc_tag_assign(3, 2);
	HCHECK_EQ(tlbc_failures(), 1);
	HCHECK(strstr(htest_console(), "ASID 3 handed to slot 2 while slot 1 holds it") != NULL);
	tlbc_tag_new_generation();
	tlbc_tag_assign(3, 2);
	HCHECK_EQ(tlbc_failures(), 1);
}

HTEST(tlbcheck_rollover_flush_under_a_live_asid_leaves_it_unusable)
{
	tlbc_init(false, true);
	tlbc_tag_assign(9, 1);
	tlbc_set_current(9);
	tlbc_tag_new_generation();
	tlbc_retire_all();          /* flushed while ASID 9 is live: refillable */
	tlbc_tag_assign(9, 2);
	HCHECK_EQ(tlbc_failures(), 1);
	tlbc_set_current(0);        /* the reserved ASID, then the flush */
	tlbc_tag_new_generation();
	tlbc_retire_all();
	tlbc_tag_assign(9, 3);
	HCHECK_EQ(tlbc_failures(), 1);
}

HTEST(tlbcheck_space_never_runs_with_an_asid_it_does_not_hold)
{
	tlbc_init(false, true);
	tlbc_tag_assign(7, 1);
	tlbc_set_current(7);
	tlbc_point_run(1, "switch");
	HCHECK_EQ(tlbc_failures(), 0);
	tlbc_tag_new_generation();   /* slot 1's ASID is now of an old generation */
	tlbc_point_run(1, "switch");
	HCHECK_EQ(tlbc_failures(), 1);
}

HTEST(tlbcheck_a_full_record_table_is_a_failure)
{
	tlbc_init(false, false);
	for (unsigned i = 0; i < 2049; i++)
		change(1, VA + i * 4096, 4096, TLBC_REMOVE);
	HCHECK_EQ(tlbc_failures(), 1);
	HCHECK(strstr(htest_console(), "record table full") != NULL);
	tlbc_init(false, false);   /* leave no record for the PMM tests */
}
