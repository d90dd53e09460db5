/*
 * tests/kernel/test_fault.c - the fault path's rules that no user program
 * can see directly: a fault that changes nothing cannot repeat forever, a
 * fetch gets an executable entry, PROT_NONE memory is never on the zero
 * table, the region check of the user-copy path, and the user copies'
 * own tolerance of faults nothing can resolve. One source, both ports.
 */
#include "tests/kernel/ktest.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "kernel/usercopy.h"
#include "kernel/usercopy_fixup.h"

#define RW (VMM_READ | VMM_WRITE)

static unsigned entry_prot(unsigned slot, vaddr_t va)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	return info.kind == VMM_PAGE_UNMAPPED ? 0 : info.prot;
}

/* A page whose entry already allows the read: a stale TLB entry, flushed
 * once, then the whole space's; the third identical fault is refused. A
 * fault that changes something starts the count again. */
static void repeated_stale_faults_are_refused(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t va = 0x00200000;
	KCHECK_EQ(vmm_map_anon((unsigned)s, va, PAGE_SIZE, RW), 0);
	arch_vmm_space_activate((unsigned)s);
	int rc[7];
	rc[0] = vmm_fault(va, VMM_ACCESS_READ, true);    /* maps the zero page */
	rc[1] = vmm_fault(va, VMM_ACCESS_READ, true);    /* stale: page flush */
	rc[2] = vmm_fault(va, VMM_ACCESS_READ, true);    /* again: space flush */
	rc[3] = vmm_fault(va, VMM_ACCESS_READ, true);    /* again: a livelock */
	rc[4] = vmm_fault(va, VMM_ACCESS_WRITE, true);   /* allocate-on-write: a change */
	rc[5] = vmm_fault(va, VMM_ACCESS_READ, true);    /* a new count */
	rc[6] = vmm_fault(va, VMM_ACCESS_READ, true);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	for (int i = 0; i < 3; i++)
		KCHECK_EQ(rc[i], 0);
	KCHECK_EQ(rc[3], -E_AGAIN);
	KCHECK_EQ(rc[4], 0);
	KCHECK_EQ(rc[5], 0);
	KCHECK_EQ(rc[6], 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* A fetch from fresh memory of an EXEC region, on the zero table and from a
 * zero-page entry a private table copied from it: both end executable, and
 * still the zero page, read-only. */
static void fetch_gets_an_executable_entry(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t span = arch_vmm_table_span, a = 4 * span, b = 6 * span;
	KCHECK_EQ(vmm_map_anon((unsigned)s, a, span, VMM_READ | VMM_EXEC), 0);
	KCHECK_EQ(vmm_map_anon((unsigned)s, b, span, RW | VMM_EXEC), 0);
	arch_vmm_space_activate((unsigned)s);
	int rc_a = vmm_fault(a + PAGE_SIZE, VMM_ACCESS_EXEC, true);
	int rc_w = vmm_fault(b + PAGE_SIZE, VMM_ACCESS_WRITE, true);   /* b's table goes private */
	int rc_b = vmm_fault(b, VMM_ACCESS_EXEC, true);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	unsigned pa = entry_prot((unsigned)s, a + PAGE_SIZE), pb = entry_prot((unsigned)s, b);
	struct vmm_page_info ib;
	arch_vmm_query((unsigned)s, b, &ib);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(rc_a, 0);
	KCHECK_EQ(rc_w, 0);
	KCHECK_EQ(rc_b, 0);
	KCHECK(pa & VMM_EXEC);
	KCHECK(pb & VMM_EXEC);
	KCHECK(!(pb & VMM_WRITE));
	KCHECK_EQ(ib.pa, vmm_zero_page());
	KCHECK_EQ(ktest_free_frames(), before);
}

/* PROT_NONE: no zero table (it is readable), and every access refused. */
static void protnone_is_never_readable(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t span = arch_vmm_table_span, a = 4 * span;
	KCHECK_EQ(vmm_map_anon((unsigned)s, a, span + PAGE_SIZE, 0), 0);
	enum vmm_table_kind kind = arch_vmm_table_kind((unsigned)s, a);
	arch_vmm_space_activate((unsigned)s);
	int rd = vmm_fault(a, VMM_ACCESS_READ, true);
	int rd2 = vmm_fault(a + span, VMM_ACCESS_READ, true);
	int wr = vmm_fault(a, VMM_ACCESS_WRITE, true);
	int ex = vmm_fault(a, VMM_ACCESS_EXEC, true);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	unsigned p = entry_prot((unsigned)s, a + span);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(kind, VMM_TABLE_NONE);
	KCHECK_EQ(rd, -E_PERM);
	KCHECK_EQ(rd2, -E_PERM);
	KCHECK_EQ(wr, -E_PERM);
	KCHECK_EQ(ex, -E_PERM);
	KCHECK_EQ(p, 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* The user-copy range check: regions side by side, a hole, the rights. */
static void range_check_follows_the_regions(void)
{
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t a = 0x00400000;
	KCHECK_EQ(vmm_map_anon((unsigned)s, a, 2 * PAGE_SIZE, RW), 0);
	KCHECK_EQ(vmm_map_anon((unsigned)s, a + 2 * PAGE_SIZE, PAGE_SIZE, VMM_READ), 0);
	KCHECK_EQ(vmm_map_anon((unsigned)s, a + 4 * PAGE_SIZE, PAGE_SIZE, 0), 0);
	int both_read = vmm_range_allows((unsigned)s, a + 100, 2 * PAGE_SIZE, VMM_ACCESS_READ);
	int both_write = vmm_range_allows((unsigned)s, a + 100, 2 * PAGE_SIZE, VMM_ACCESS_WRITE);
	int first_write = vmm_range_allows((unsigned)s, a, 2 * PAGE_SIZE, VMM_ACCESS_WRITE);
	int hole = vmm_range_allows((unsigned)s, a, 4 * PAGE_SIZE, VMM_ACCESS_READ);
	int none = vmm_range_allows((unsigned)s, a + 4 * PAGE_SIZE, 1, VMM_ACCESS_READ);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(both_read, 0);
	KCHECK_EQ(both_write, -E_PERM);
	KCHECK_EQ(first_write, 0);
	KCHECK_EQ(hole, -E_FAULT);
	KCHECK_EQ(none, -E_PERM);
}

/* The user copies past their prepare (a page gone while the process
 * slept): a kernel-mode fault at one of the copy routines' accesses that
 * the fault path cannot resolve ends the copy with -E_FAULT, the kernel
 * goes on; one it can resolve (the zero page, allocate-on-write) is
 * resolved in the middle of the copy as before. Without the fixups each
 * of these stops the machine. */
static void a_copy_past_its_prepare_fails_instead_of_the_kernel(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t a = 0x00400000, hole = a + PAGE_SIZE;   /* no region at hole */
	KCHECK_EQ(vmm_map_anon((unsigned)s, a, PAGE_SIZE, RW), 0);
	static uint32_t words_buf[16];   /* word aligned: the block moves */
	char *buf = (char *)words_buf;
	static const char text[] = "0123456789abcdef";
	arch_vmm_space_activate((unsigned)s);
	int in_ok = arch_user_copy(buf, (const void *)(hole - 16), 16);   /* zero page, in the copy */
	int out_ok = arch_user_copy((void *)(hole - 16), text, 16);        /* allocate-on-write */
	int in = copy_from_user_prepared(buf, hole - 8, 16);               /* runs into the hole */
	int out = arch_user_copy((void *)(hole - 4), text, 8);
	int words = arch_user_copy((void *)hole, text, 16);
	int big = arch_user_copy(buf, (const void *)(hole - 40), 64);       /* block moves */
	long str = arch_user_strncpy(buf, (const char *)(hole - 2), 8);
	long str_ok = arch_user_strncpy(buf, (const char *)(hole - 16), 16);
	long str_nul = arch_user_strncpy(buf, (const char *)(hole - 64), 16);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(in_ok, 0);
	KCHECK_EQ(out_ok, 0);
	KCHECK_EQ(in, -E_FAULT);
	KCHECK(out != 0);
	KCHECK(words != 0);
	KCHECK(big != 0);
	KCHECK_EQ(str, -1);
	KCHECK_EQ(str_ok, 16);   /* "0123456789abcdef": no NUL in 16 bytes */
	KCHECK_EQ(str_nul, 0);   /* the fresh page's zeros */
	KCHECK_EQ(ktest_free_frames(), before);
}

const struct ktest ktests_fault[] = {
	{ repeated_stale_faults_are_refused, "fault: a fault that changes nothing is refused the third time" },
	{ fetch_gets_an_executable_entry, "fault: a fetch from fresh EXEC memory gets an executable zero page" },
	{ protnone_is_never_readable, "fault: PROT_NONE is off the zero table, every access refused" },
	{ range_check_follows_the_regions, "fault: the user-copy range check follows regions and rights" },
	{ a_copy_past_its_prepare_fails_instead_of_the_kernel,
	  "fault: a user copy whose page is gone fails with -E_FAULT, the kernel goes on" },
	{ NULL, NULL },
};
