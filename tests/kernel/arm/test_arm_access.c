/*
 * tests/kernel/arm/test_arm_access.c - the ARM backend's swap parts on the
 * real MMU (QEMU's Cortex-A7): SCTLR.AFE, the access flag the clock reads
 * and clears (arch_vmm_test_clear_accessed, the access-flag fault that sets
 * it again, in the current space and in one that is not), and swap
 * entries (set_swapped, query, next_mapped, the window, fork's copies,
 * unmap and teardown giving their slot references back). Slot references
 * are counted on a private slot map installed for the test, so each
 * count is exact; frames must balance.
 */
#include "tests/kernel/ktest.h"
#include "arch/arm/cp15.h"
#include "arch/arm/cpu_bits.h"
#include "arch/arm/mm/accessed.h"
#include "mm/pmm.h"
#include "mm/swap_area.h"
#include "mm/swap_slots.h"
#include "mm/vmm.h"

#define VA 0x00400000u   /* MiB 4: a table of its own */
#define STACK_VA 0x3fc00000u   /* MiB 1020: its table is in the window page */
static const unsigned RW_USER = VMM_READ | VMM_WRITE | VMM_USER;

static void sctlr_afe_is_on(void)
{
	KCHECK(cp15_sctlr() & SCTLR_AFE);
	KCHECK(!(cp15_sctlr() & SCTLR_TRE));
}

/* A space with one fresh frame mapped read/write at va, or -1. */
static int space_with_page(vaddr_t va, paddr_t *pa)
{
	int s = vmm_space_create();
	if (s < 0)
		return -1;
	if (pmm_alloc_frame(pa) || arch_vmm_map((unsigned)s, va, *pa, RW_USER)) {
		vmm_space_destroy((unsigned)s);
		return -1;
	}
	return s;
}

/* A load the compiler keeps in place: the fault it may raise changes
 * memory behind its back (the counter below). */
static void touch(vaddr_t va)
{
	(void)*(volatile uint32_t *)va;
	__asm__ volatile("" ::: "memory");
}

static uint32_t faults(void)
{
	return *(volatile uint32_t *)&arm_access_flag_faults;
}

/* In the current space: a fresh mapping is accessed; clearing leaves it
 * not accessed; the next access - read or write, from PL1 here - takes
 * one access-flag fault and sets the flag again. Without the TLBIMVA of
 * the clear, the entry cached by the first access would hide the second
 * (QEMU keeps it: platform-facts-2.md 3). */
static void access_flag_cycle_in_the_current_space(void)
{
	uint32_t before = ktest_free_frames();
	paddr_t pa;
	int s = space_with_page(VA, &pa);
	KCHECK(s > 0);
	bool fresh = arch_vmm_test_clear_accessed((unsigned)s, VA);
	bool again = arch_vmm_test_clear_accessed((unsigned)s, VA);
	arch_vmm_space_activate((unsigned)s);
	uint32_t f0 = faults();
	touch(VA);
	uint32_t f1 = faults();
	touch(VA + 64);   /* the flag is set now: no fault */
	uint32_t f2 = faults();
	bool read_set = arch_vmm_test_clear_accessed((unsigned)s, VA);
	*(volatile uint32_t *)(VA + 8) = 0x5eedu;   /* cached before the clear: must fault anyway */
	__asm__ volatile("" ::: "memory");
	uint32_t f3 = faults();
	bool write_set = arch_vmm_test_clear_accessed((unsigned)s, VA);
	bool cleared = !arch_vmm_test_clear_accessed((unsigned)s, VA);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK(fresh);
	KCHECK(!again);
	KCHECK_EQ(f1, f0 + 1);
	KCHECK_EQ(f2, f1);
	KCHECK(read_set);
	KCHECK_EQ(f3, f2 + 1);
	KCHECK(write_set);
	KCHECK(cleared);
	KCHECK_EQ(((uint32_t *)arch_vmm_phys_to_virt(pa))[2], 0x5eedu);
	struct vmm_page_info info;
	arch_vmm_query((unsigned)s, VA, &info);   /* the flag is no right */
	KCHECK(info.kind == VMM_PAGE_MAPPED && info.pa == pa && (info.prot & RW_USER) == RW_USER);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* A space that is not current, its ASID live with the entry cached: the
 * clear must invalidate by MVA with *that* ASID (the TLB checker fails
 * the switch back otherwise), and the next access there faults. protect
 * keeps the flag as it is; only valid private entries have one. */
static void access_flag_of_a_space_not_current(void)
{
	uint32_t before = ktest_free_frames();
	paddr_t pa;
	int s = space_with_page(VA, &pa);
	KCHECK(s > 0);
	arch_vmm_space_activate((unsigned)s);
	touch(VA);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	bool was = arch_vmm_test_clear_accessed((unsigned)s, VA);
	arch_vmm_space_activate((unsigned)s);   /* (the checker: nothing of s may be pending) */
	uint32_t f0 = faults();
	touch(VA);
	uint32_t f1 = faults();
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	bool set = arch_vmm_test_clear_accessed((unsigned)s, VA);
	arch_vmm_protect((unsigned)s, VA, VMM_READ | VMM_USER);
	bool kept_clear = !arch_vmm_test_clear_accessed((unsigned)s, VA);
	bool none = !arch_vmm_test_clear_accessed((unsigned)s, VA + PAGE_SIZE) &&
		    !arch_vmm_test_clear_accessed((unsigned)s, 64 * arch_vmm_table_span);
	KCHECK_EQ(arch_vmm_table_set_zero((unsigned)s, 8 * arch_vmm_table_span), 0);
	bool zero = !arch_vmm_test_clear_accessed((unsigned)s, 8 * arch_vmm_table_span);
	KCHECK(was);
	KCHECK(kept_clear);
	KCHECK_EQ(f1, f0 + 1);
	KCHECK(set);
	KCHECK(none);
	KCHECK(zero);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* ---- swap entries, counted on a private slot map ---- */

static struct swap_slots saved_slots;
static struct swap_device *saved_dev;
static paddr_t map_frame;

/* No device: a last reference dropped discards nothing from a swap cache. */
static bool slots_on(void)
{
	if (pmm_alloc_frame(&map_frame))
		return false;
	saved_slots = swap_area.slots;
	saved_dev = swap_area.dev;
	swap_area.dev = NULL;
	swap_slots_init(&swap_area.slots, arch_vmm_phys_to_virt(map_frame), 64);
	return true;
}

static void slots_off(void)
{
	swap_area.slots = saved_slots;
	swap_area.dev = saved_dev;
	pmm_free_frame(map_frame);
}

static uint32_t refs(uint32_t slot)
{
	return swap_slot_refs(&swap_area.slots, slot);
}

/* A slot with one reference, the one the entry about to hold it owns. */
static uint32_t new_slot(void)
{
	uint32_t slot = 0;
	swap_slot_alloc(&swap_area.slots, &slot);
	return slot;
}

/* va's frame goes out for a swap entry holding a new slot; the frame's
 * reference comes back with old_pa (the caller's), freed here. */
static uint32_t swap_out(unsigned s, vaddr_t va)
{
	uint32_t slot = new_slot();
	paddr_t old = 0;
	if (!slot || arch_vmm_set_swapped(s, va, slot, &old) || !old)
		return 0;
	pmm_unref_frame(old);
	return slot;
}

static bool is_swapped(unsigned s, vaddr_t va, uint32_t slot)
{
	struct vmm_page_info info;
	arch_vmm_query(s, va, &info);
	return info.kind == VMM_PAGE_SWAPPED && info.swap_slot == slot && info.pa == 0;
}

/* What a swap entry is to every call but map: there, invalid, and in use. */
static void swap_entry_is_seen_and_kept(void)
{
	uint32_t before = ktest_free_frames();
	KCHECK(slots_on());
	paddr_t pa;
	int s = space_with_page(VA + 5 * PAGE_SIZE, &pa);
	KCHECK(s > 0);
	unsigned u = (unsigned)s;
	KCHECK_EQ(arch_vmm_set_swapped(u, VA + 5 * PAGE_SIZE, 0, NULL), -E_INVAL);
	KCHECK_EQ(arch_vmm_set_swapped(u, VA + 5 * PAGE_SIZE, VMM_SWAP_SLOT_MAX + 1, NULL), -E_INVAL);
	KCHECK_EQ(arch_vmm_set_swapped(u, VA + 6 * PAGE_SIZE, 7, NULL), -E_NOENT);      /* nothing there */
	KCHECK_EQ(arch_vmm_set_swapped(u, 9 * arch_vmm_table_span, 7, NULL), -E_NOENT);   /* no table */
	KCHECK_EQ(arch_vmm_table_set_zero(u, 8 * arch_vmm_table_span), 0);
	KCHECK_EQ(arch_vmm_set_swapped(u, 8 * arch_vmm_table_span, 7, NULL), -E_PERM);   /* zero table */
	uint32_t drops = swap_area.entry_drops;
	uint32_t slot = swap_out(u, VA + 5 * PAGE_SIZE);
	KCHECK(slot);
	KCHECK(is_swapped(u, VA + 5 * PAGE_SIZE, slot));
	KCHECK_EQ(arch_vmm_next_mapped(u, 0, arch_vmm_user_end), VA + 5 * PAGE_SIZE);
	KCHECK_EQ(arch_vmm_next_mapped(u, VA + 6 * PAGE_SIZE, 8 * arch_vmm_table_span), 8 * arch_vmm_table_span);
	KCHECK(!arch_vmm_table_release_if_empty(u, VA));   /* a table with a swap entry is not empty */
	KCHECK_EQ(arch_vmm_table_set_zero(u, VA), -E_INVAL);
	KCHECK_EQ(arch_vmm_protect(u, VA + 5 * PAGE_SIZE, VMM_READ | VMM_USER), -E_NOENT);
	KCHECK(!arch_vmm_test_clear_accessed(u, VA + 5 * PAGE_SIZE));
	KCHECK_EQ(arch_vmm_set_swapped(u, VA + 5 * PAGE_SIZE, slot, NULL), -E_NOENT);
	KCHECK(is_swapped(u, VA + 5 * PAGE_SIZE, slot));
	arch_vmm_space_activate(u);
	uint32_t raw = 0;
	bool window = arch_vmm_window_entry(VA + 5 * PAGE_SIZE, &raw);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	struct vmm_page_info info;
	arch_vmm_entry_decode(raw, &info);
	KCHECK(window && raw != 0 && (raw & 3) == 0);   /* a translation fault (B3.5.1) */
	KCHECK(info.kind == VMM_PAGE_SWAPPED && info.swap_slot == slot);
	KCHECK_EQ(swap_area.entry_drops, drops);   /* nothing above removed it */
	KCHECK_EQ(refs(slot), 1);
	/* map replaces it, and its reference is the caller's (swap-in's). */
	paddr_t back;
	KCHECK_EQ(pmm_alloc_frame(&back), 0);
	KCHECK_EQ(arch_vmm_map(u, VA + 5 * PAGE_SIZE, back, RW_USER), 0);
	KCHECK_EQ(swap_area.entry_drops, drops);
	KCHECK_EQ(refs(slot), 1);
	arch_vmm_query(u, VA + 5 * PAGE_SIZE, &info);
	KCHECK(info.kind == VMM_PAGE_MAPPED && info.pa == back);
	swap_slot_unref(&swap_area.slots, slot);
	KCHECK_EQ(vmm_space_destroy(u), 0);
	slots_off();
	KCHECK_EQ(ktest_free_frames(), before);
}

/* The TLB entry leaves with the frame: set_swapped on the current space
 * after an access cached it (the checker fails the return otherwise). */
static void swap_out_of_the_current_space(void)
{
	uint32_t before = ktest_free_frames();
	KCHECK(slots_on());
	paddr_t pa;
	int s = space_with_page(VA, &pa);
	KCHECK(s > 0);
	arch_vmm_space_activate((unsigned)s);
	touch(VA);
	uint32_t slot = swap_out((unsigned)s, VA);
	uint32_t raw = 0;
	bool window = arch_vmm_window_entry(VA, &raw);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK(slot);
	KCHECK(window && (raw & 3) == 0);
	KCHECK(is_swapped((unsigned)s, VA, slot));
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(refs(slot), 0);   /* teardown gave the entry's reference back */
	slots_off();
	KCHECK_EQ(ktest_free_frames(), before);
}

/* fork copies swap entries with a reference each; unmap of one, the
 * child's exit and the parent's teardown each give theirs back. */
static void fork_shares_swap_slots_and_every_removal_drops(void)
{
	uint32_t before = ktest_free_frames();
	KCHECK(slots_on());
	paddr_t pa, pb;
	int s = space_with_page(VA, &pa);
	KCHECK(s > 0);
	unsigned u = (unsigned)s;
	KCHECK_EQ(pmm_alloc_frame(&pb), 0);
	KCHECK_EQ(arch_vmm_map(u, STACK_VA + 3 * PAGE_SIZE, pb, RW_USER), 0);
	paddr_t pc;
	KCHECK_EQ(pmm_alloc_frame(&pc), 0);
	KCHECK_EQ(arch_vmm_map(u, VA + 40 * PAGE_SIZE, pc, RW_USER), 0);   /* another group, stays valid */
	uint32_t a = swap_out(u, VA), b = swap_out(u, STACK_VA + 3 * PAGE_SIZE);
	KCHECK(a && b);
	uint32_t dups = swap_area.entry_dups, drops = swap_area.entry_drops;
	int c = vmm_space_fork(u);
	KCHECK(c > 0);
	KCHECK_EQ(swap_area.entry_dups, dups + 2);
	KCHECK(is_swapped((unsigned)c, VA, a) && is_swapped((unsigned)c, STACK_VA + 3 * PAGE_SIZE, b));
	KCHECK(is_swapped(u, VA, a) && is_swapped(u, STACK_VA + 3 * PAGE_SIZE, b));
	KCHECK(refs(a) == 2 && refs(b) == 2);
	KCHECK_EQ(pmm_refcount(pc), 2);
	paddr_t old = 0x1234;
	KCHECK_EQ(arch_vmm_unmap((unsigned)c, VA, &old), -E_NOENT);   /* nothing mapped, but the entry goes */
	KCHECK_EQ(old, 0x1234);
	KCHECK_EQ(refs(a), 1);
	struct vmm_page_info info;
	arch_vmm_query((unsigned)c, VA, &info);
	KCHECK_EQ(info.kind, VMM_PAGE_UNMAPPED);
	KCHECK_EQ(vmm_space_destroy((unsigned)c), 0);
	KCHECK(refs(a) == 1 && refs(b) == 1);
	KCHECK_EQ(swap_area.entry_drops, drops + 2);
	KCHECK_EQ(vmm_space_destroy(u), 0);
	KCHECK(refs(a) == 0 && refs(b) == 0);
	KCHECK_EQ(swap_area.entry_drops, drops + 4);
	slots_off();
	KCHECK_EQ(ktest_free_frames(), before);
}

/* A slot that can take no more references (32,767: mm/swap_slots.c) fails
 * the fork: the child's table and every reference taken before the
 * failure (an earlier slot's) are given back, the parent keeps its
 * entries, writable ones still writable (its group's swap entries are
 * copied before its valid ones). */
static void fork_out_of_slot_references_undoes_the_table(void)
{
	uint32_t before = ktest_free_frames(), spaces = vmm_slots_in_use();
	KCHECK(slots_on());
	int s = vmm_space_create();
	KCHECK(s > 0);
	unsigned u = (unsigned)s;
	paddr_t p[4];
	for (unsigned i = 0; i < 4; i++) {
		KCHECK_EQ(pmm_alloc_frame(&p[i]), 0);
		KCHECK_EQ(arch_vmm_map(u, VA + i * PAGE_SIZE, p[i], RW_USER), 0);
	}
	uint32_t ok = swap_out(u, VA), full = swap_out(u, VA + 2 * PAGE_SIZE);
	KCHECK(ok && full);
	while (swap_slot_ref(&swap_area.slots, full) > 0)
		;
	uint32_t full_refs = refs(full);
	KCHECK_EQ(full_refs, 0x7fff);
	KCHECK_EQ(vmm_space_fork(u), -E_NOMEM);
	KCHECK_EQ(vmm_slots_in_use(), spaces + 1);
	KCHECK_EQ(refs(ok), 1);
	KCHECK_EQ(refs(full), full_refs);
	KCHECK_EQ(pmm_refcount(p[1]), 1);
	KCHECK_EQ(pmm_refcount(p[3]), 1);
	KCHECK(is_swapped(u, VA, ok) && is_swapped(u, VA + 2 * PAGE_SIZE, full));
	struct vmm_page_info info;
	arch_vmm_query(u, VA + PAGE_SIZE, &info);   /* its group failed before a valid entry was shared */
	KCHECK(info.kind == VMM_PAGE_MAPPED && info.pa == p[1] && (info.prot & VMM_WRITE));
	arch_vmm_query(u, VA + 3 * PAGE_SIZE, &info);
	KCHECK(info.kind == VMM_PAGE_MAPPED && info.pa == p[3]);
	KCHECK_EQ(vmm_space_destroy(u), 0);
	KCHECK_EQ(refs(ok), 0);
	KCHECK_EQ(refs(full), full_refs - 1);
	slots_off();
	KCHECK_EQ(ktest_free_frames(), before);
}

/* arch_vmm_space_destroy's remains: swap entries no unmap removed, in a
 * region page and in the window page's tables, still drop their slots. */
static void space_destroy_drops_the_swap_entries_left(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();   /* a slot the VMM has no use for: borrowed below */
	KCHECK(s > 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK(slots_on());
	unsigned u = (unsigned)s;
	KCHECK_EQ(arch_vmm_space_create(u), 0);
	paddr_t pa, pb;
	KCHECK_EQ(pmm_alloc_frame(&pa), 0);
	KCHECK_EQ(pmm_alloc_frame(&pb), 0);
	KCHECK_EQ(arch_vmm_map(u, VA, pa, RW_USER), 0);
	KCHECK_EQ(arch_vmm_map(u, STACK_VA, pb, RW_USER), 0);
	uint32_t a = swap_out(u, VA), b = swap_out(u, STACK_VA);
	KCHECK(a && b);
	uint32_t drops = swap_area.entry_drops;
	arch_vmm_space_destroy(u);
	KCHECK_EQ(swap_area.entry_drops, drops + 2);
	KCHECK(refs(a) == 0 && refs(b) == 0);
	slots_off();
	KCHECK_EQ(ktest_free_frames(), before);
}

const struct ktest ktests_arch[] = {
	{ sctlr_afe_is_on, "SCTLR.AFE is set: AP[0] is the access flag" },
	{ access_flag_cycle_in_the_current_space, "access flag: cleared, the next access faults and sets it" },
	{ access_flag_of_a_space_not_current, "access flag: cleared in a space not current, by its ASID" },
	{ swap_entry_is_seen_and_kept, "swap entry: queried, found, not empty, kept by protect, replaced by map" },
	{ swap_out_of_the_current_space, "swap entry: set in the current space, the TLB entry goes" },
	{ fork_shares_swap_slots_and_every_removal_drops, "swap entry: fork dups, unmap/exit/teardown drop" },
	{ fork_out_of_slot_references_undoes_the_table, "swap entry: fork out of slot references changes nothing" },
	{ space_destroy_drops_the_swap_entries_left, "swap entry: space teardown drops the ones left" },
	{ NULL, NULL },
};
