/*
 * tests/kernel/test_swap_entry.c - the swap-entry and accessed-bit part of
 * the VMM arch contract (mm/vmm.h), one source for both ports: a swap
 * entry is seen by query, next_mapped, the empty check and decode, refused
 * by protect, replaced by map, copied by fork with a slot reference each,
 * and every removal (unmap, teardown, destroy) drops one. The slot
 * references go to a small slot map of the test's own (swap_area.slots,
 * swapped in and back), so counts are exact whatever swap the boot set up.
 */
#include "tests/kernel/ktest.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "mm/swap.h"
#include "mm/swap_area.h"

#define RW_USER (VMM_READ | VMM_WRITE | VMM_USER)
#define TEST_SLOTS 8u

static uint32_t peek(vaddr_t va) { return *(volatile uint32_t *)va; }
static void poke(vaddr_t va, uint32_t v) { *(volatile uint32_t *)va = v; }

/* The area's state while a test runs: its own slot map (nslots 0: as with
 * no area at all) and no device, so a drop never reaches a real cache. */
static struct swap_slots saved_slots;
static struct swap_device *saved_dev;
static uint16_t test_map[TEST_SLOTS];

static void private_slots(uint32_t nslots)
{
	saved_slots = swap_area.slots, saved_dev = swap_area.dev;
	swap_area.dev = NULL;
	if (nslots)
		swap_slots_init(&swap_area.slots, test_map, nslots);
	else
		swap_area.slots = (struct swap_slots){ 0 };
}

static void restore_slots(void)
{
	swap_area.slots = saved_slots, swap_area.dev = saved_dev;
}

static uint32_t refs(uint32_t slot) { return swap_slot_refs(&swap_area.slots, slot); }

static uint32_t new_slot(void)
{
	uint32_t slot = 0;
	return swap_slot_alloc(&swap_area.slots, &slot) ? 0 : slot;
}

static paddr_t frame(void)
{
	paddr_t pa;
	return pmm_alloc_frame(&pa) ? 0 : pa;
}

/* Maps a fresh frame at va and swaps it out to slot: the frame goes back
 * (it is the caller's after set_swapped). */
static bool swapped_page(unsigned s, vaddr_t va, uint32_t slot)
{
	paddr_t pa = frame(), old = 0;
	bool ok = pa && arch_vmm_map(s, va, pa, RW_USER) == 0 &&
		  arch_vmm_set_swapped(s, va, slot, &old) == 0 && old == pa;
	if (pa)
		pmm_free_frame(pa);
	return ok;
}

static bool is_swapped(unsigned s, vaddr_t va, uint32_t slot)
{
	struct vmm_page_info info;
	arch_vmm_query(s, va, &info);
	return info.kind == VMM_PAGE_SWAPPED && info.swap_slot == slot;
}

/* The window shows the entry of the current space: decode says SWAPPED. */
static bool decodes_as_swapped(unsigned s, vaddr_t va, uint32_t slot)
{
	uint32_t raw = 0;
	struct vmm_page_info info = { 0 };
	arch_vmm_space_activate(s);
	bool seen = arch_vmm_window_entry(va, &raw);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	arch_vmm_entry_decode(raw, &info);
	return seen && info.kind == VMM_PAGE_SWAPPED && info.swap_slot == slot;
}

static void a_swap_entry_is_seen_and_kept(void)
{
	uint32_t before = ktest_free_frames();
	private_slots(0);   /* no area: dup and drop only count */
	uint32_t dups = swap_area.entry_dups, drops = swap_area.entry_drops;
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t va = 5 * arch_vmm_table_span + 37 * PAGE_SIZE, end = arch_vmm_user_end;
	bool made = swapped_page((unsigned)s, va, VMM_SWAP_SLOT_MAX);
	bool seen = is_swapped((unsigned)s, va, VMM_SWAP_SLOT_MAX);
	bool decoded = decodes_as_swapped((unsigned)s, va, VMM_SWAP_SLOT_MAX);
	vaddr_t next = arch_vmm_next_mapped((unsigned)s, 0, end);
	vaddr_t after = arch_vmm_next_mapped((unsigned)s, va + PAGE_SIZE, end);
	bool released = arch_vmm_table_release_if_empty((unsigned)s, va);
	enum vmm_table_kind kind = arch_vmm_table_kind((unsigned)s, va);
	int prot = arch_vmm_protect((unsigned)s, va, VMM_READ | VMM_USER);
	bool accessed = arch_vmm_test_clear_accessed((unsigned)s, va);
	paddr_t old = 0;
	int again = arch_vmm_set_swapped((unsigned)s, va, 3, &old);
	bool still = is_swapped((unsigned)s, va, VMM_SWAP_SLOT_MAX);
	uint32_t drops_kept = swap_area.entry_drops - drops;
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	uint32_t destroy_drops = swap_area.entry_drops - drops;
	restore_slots();
	KCHECK(made && seen && decoded && still);
	KCHECK_EQ(next, va);
	KCHECK_EQ(after, end);
	KCHECK(!released);
	KCHECK_EQ(kind, VMM_TABLE_PRIVATE);
	KCHECK_EQ(prot, -E_NOENT);
	KCHECK(!accessed);
	KCHECK_EQ(again, -E_NOENT);
	KCHECK_EQ(drops_kept, 0);
	KCHECK_EQ(destroy_drops, 1);   /* teardown removed it */
	KCHECK_EQ(swap_area.entry_dups, dups);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* Bad slot numbers change nothing; map over a swap entry takes its place
 * (the reference is the caller's: no drop); unmap of one drops it and
 * reports -E_NOENT; the table is then empty. */
static void set_swapped_map_and_unmap_follow_the_rules(void)
{
	uint32_t before = ktest_free_frames();
	private_slots(TEST_SLOTS);
	uint32_t a = new_slot(), drops = swap_area.entry_drops;
	int s = vmm_space_create();
	KCHECK(s > 0 && a);
	vaddr_t va = 0x00403000;
	paddr_t pa = frame(), old = 0;
	bool mapped = pa && arch_vmm_map((unsigned)s, va, pa, RW_USER) == 0;
	int zero = arch_vmm_set_swapped((unsigned)s, va, 0, &old);
	int big = arch_vmm_set_swapped((unsigned)s, va, VMM_SWAP_SLOT_MAX + 1, &old);
	struct vmm_page_info info;
	arch_vmm_query((unsigned)s, va, &info);
	bool unchanged = info.kind == VMM_PAGE_MAPPED && info.pa == pa;
	int none = arch_vmm_set_swapped((unsigned)s, va + PAGE_SIZE, a, &old);
	bool swapped = arch_vmm_set_swapped((unsigned)s, va, a, &old) == 0 && old == pa;
	bool remapped = arch_vmm_map((unsigned)s, va, pa, RW_USER) == 0;
	arch_vmm_query((unsigned)s, va, &info);
	bool is_mapped = info.kind == VMM_PAGE_MAPPED && info.pa == pa;
	uint32_t map_drops = swap_area.entry_drops - drops, refs_after_map = refs(a);
	bool again = arch_vmm_set_swapped((unsigned)s, va, a, &old) == 0;
	int unmapped = arch_vmm_unmap((unsigned)s, va, &old);
	arch_vmm_query((unsigned)s, va, &info);
	bool gone = info.kind == VMM_PAGE_UNMAPPED;
	bool released = arch_vmm_table_release_if_empty((unsigned)s, va);
	uint32_t refs_after_unmap = refs(a), unmap_drops = swap_area.entry_drops - drops;
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	restore_slots();
	if (pa)
		pmm_free_frame(pa);
	KCHECK(mapped && unchanged && swapped && remapped && is_mapped && again && gone);
	KCHECK_EQ(zero, -E_INVAL);
	KCHECK_EQ(big, -E_INVAL);
	KCHECK_EQ(none, -E_NOENT);
	KCHECK_EQ(map_drops, 0);
	KCHECK_EQ(refs_after_map, 1);     /* the caller's, still */
	KCHECK_EQ(unmapped, -E_NOENT);
	KCHECK_EQ(unmap_drops, 1);
	KCHECK_EQ(refs_after_unmap, 0);
	KCHECK(released);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* A parent with a present page and swap entries in two tables, one of
 * them at the highest slot an entry holds. */
struct family {
	int parent;
	vaddr_t base;      /* table aligned: page 0 present, page 1 swapped, page 40 swapped */
	vaddr_t far;       /* another table: swapped */
	paddr_t pa;        /* page 0's frame (the parent's reference only) */
};

static bool make_parent(struct family *f, uint32_t a, uint32_t b, uint32_t c)
{
	f->base = 2 * arch_vmm_table_span, f->far = 9 * arch_vmm_table_span + 3 * PAGE_SIZE;
	f->parent = vmm_space_create();
	f->pa = frame();
	return f->parent > 0 && f->pa && arch_vmm_map((unsigned)f->parent, f->base, f->pa, RW_USER) == 0 &&
	       swapped_page((unsigned)f->parent, f->base + PAGE_SIZE, a) &&
	       swapped_page((unsigned)f->parent, f->base + 40 * PAGE_SIZE, b) &&
	       swapped_page((unsigned)f->parent, f->far, c);
}

static bool child_matches(const struct family *f, unsigned child, uint32_t a, uint32_t b, uint32_t c)
{
	struct vmm_page_info info;
	arch_vmm_query(child, f->base, &info);
	return info.kind == VMM_PAGE_MAPPED && info.pa == f->pa && !(info.prot & VMM_WRITE) &&
	       is_swapped(child, f->base + PAGE_SIZE, a) && is_swapped(child, f->base + 40 * PAGE_SIZE, b) &&
	       is_swapped(child, f->far, c) &&
	       arch_vmm_next_mapped(child, f->base + 2 * PAGE_SIZE, arch_vmm_user_end) == f->base + 40 * PAGE_SIZE;
}

static void fork_copies_swap_entries_with_a_reference_each(void)
{
	uint32_t before = ktest_free_frames();
	private_slots(TEST_SLOTS);
	uint32_t a = new_slot(), b = new_slot();
	uint32_t dups = swap_area.entry_dups, drops = swap_area.entry_drops;
	struct family f;
	bool made = make_parent(&f, a, b, VMM_SWAP_SLOT_MAX);   /* the last: not in the map */
	int child = made ? vmm_space_fork((unsigned)f.parent) : -1;
	bool same = child > 0 && child_matches(&f, (unsigned)child, a, b, VMM_SWAP_SLOT_MAX);
	bool parent_same = is_swapped((unsigned)f.parent, f.base + PAGE_SIZE, a);
	uint32_t fork_dups = swap_area.entry_dups - dups, ra = refs(a), rb = refs(b);
	if (child > 0)
		vmm_space_destroy((unsigned)child);
	uint32_t child_drops = swap_area.entry_drops - drops, ra_child_gone = refs(a);
	if (f.parent > 0)
		vmm_space_destroy((unsigned)f.parent);
	uint32_t all_drops = swap_area.entry_drops - drops;
	uint32_t ra_end = refs(a), rb_end = refs(b);
	restore_slots();
	KCHECK(made && child > 0 && same && parent_same);
	KCHECK_EQ(fork_dups, 3);
	KCHECK(ra == 2 && rb == 2);
	KCHECK_EQ(child_drops, 3);
	KCHECK_EQ(ra_child_gone, 1);
	KCHECK_EQ(all_drops, 6);
	KCHECK(ra_end == 0 && rb_end == 0);
	KCHECK_EQ(ktest_free_frames(), before);   /* page 0's frame went with the last owner */
}

/* A slot whose count cannot grow: share_cow fails with -E_NOMEM and
 * leaves everything as it was - the child has no table, the reference
 * taken for the first entry went again, the parent's page is still
 * writable with one reference. */
static void a_failed_dup_undoes_the_whole_table(void)
{
	uint32_t before = ktest_free_frames();
	private_slots(TEST_SLOTS);
	uint32_t a = new_slot(), b = new_slot();
	while (swap_slot_ref(&swap_area.slots, b) > 0)
		;   /* b saturated */
	uint32_t rb = refs(b), drops = swap_area.entry_drops;
	struct family f;
	bool made = make_parent(&f, a, b, a);
	int child = vmm_space_create();
	uint32_t frames = ktest_free_frames();
	int rc = made && child > 0 ? arch_vmm_table_share_cow((unsigned)f.parent, (unsigned)child, f.base,
							   vmm_zero_page()) : 0;
	struct vmm_page_info info;
	arch_vmm_query((unsigned)f.parent, f.base, &info);
	bool writable = info.kind == VMM_PAGE_MAPPED && (info.prot & VMM_WRITE);
	uint16_t page_refs = f.pa && pmm_used_record(f.pa) ? pmm_used_record(f.pa)->refcount : 0;
	enum vmm_table_kind kind = child > 0 ? arch_vmm_table_kind((unsigned)child, f.base) : VMM_TABLE_PRIVATE;
	uint32_t ra = refs(a), rb_after = refs(b), undo_drops = swap_area.entry_drops - drops;
	uint32_t frames_after = ktest_free_frames();
	if (child > 0)
		vmm_space_destroy((unsigned)child);
	if (f.parent > 0)
		vmm_space_destroy((unsigned)f.parent);
	restore_slots();
	KCHECK(made && child > 0);
	KCHECK_EQ(rc, -E_NOMEM);
	KCHECK_EQ(kind, VMM_TABLE_NONE);
	KCHECK(writable);
	KCHECK_EQ(page_refs, 1);
	KCHECK_EQ(ra, 1);   /* the dup for base + 1 was undone */
	KCHECK_EQ(rb_after, rb);
	KCHECK_EQ(undo_drops, 1);
	KCHECK_EQ(frames_after, frames);   /* the child's table went back */
	KCHECK_EQ(ktest_free_frames(), before);
}

/* The accessed bit: set by an access through the current space, clear
 * right after the call, set again by the next access (the call removed
 * the TLB entry: a cached one would not set it again). A space that is
 * not current is cleared without a flush and still sees the next access
 * after it is entered again. */
static void the_accessed_bit_follows_accesses(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t va = 0x00c05000;
	paddr_t pa = frame();
	KCHECK(pa);
	bool mapped = arch_vmm_map((unsigned)s, va, pa, RW_USER) == 0;
	arch_vmm_space_activate((unsigned)s);
	bool fresh = arch_vmm_test_clear_accessed((unsigned)s, va);
	uint32_t v = peek(va);
	bool read = arch_vmm_test_clear_accessed((unsigned)s, va);
	bool cleared = arch_vmm_test_clear_accessed((unsigned)s, va);
	poke(va + 4, v + 1);
	bool written = arch_vmm_test_clear_accessed((unsigned)s, va);
	v = peek(va + 4);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	bool away = arch_vmm_test_clear_accessed((unsigned)s, va);
	arch_vmm_space_activate((unsigned)s);
	v += peek(va);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	bool back = arch_vmm_test_clear_accessed((unsigned)s, va);
	bool after = arch_vmm_test_clear_accessed((unsigned)s, va);
	bool none = arch_vmm_test_clear_accessed((unsigned)s, va + PAGE_SIZE);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK(mapped);
	KCHECK(!fresh);
	KCHECK(read);
	KCHECK(!cleared);
	KCHECK(written);
	KCHECK(away);    /* the read of va + 4 */
	KCHECK(back);
	KCHECK(!after);
	KCHECK(!none);
	KCHECK(v != 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* Swap-out of a page the current space has just used: its TLB entry goes
 * (the TLB checker, mm/tlbcheck.h, sees the removal and the flush). */
static void set_swapped_in_the_current_space_drops_the_tlb_entry(void)
{
	uint32_t before = ktest_free_frames();
	private_slots(TEST_SLOTS);
	uint32_t a = new_slot();
	int s = vmm_space_create();
	KCHECK(s > 0 && a);
	vaddr_t va = 0x00805000;
	paddr_t pa = frame(), old = 0;
	KCHECK(pa);
	bool mapped = arch_vmm_map((unsigned)s, va, pa, RW_USER) == 0;
	arch_vmm_space_activate((unsigned)s);
	poke(va, 0x5a09);
	int rc = arch_vmm_set_swapped((unsigned)s, va, a, &old);
	bool seen = is_swapped((unsigned)s, va, a);
	bool remapped = arch_vmm_map((unsigned)s, va, pa, RW_USER) == 0;
	uint32_t v = peek(va);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);   /* drops pa's reference */
	uint32_t ra = refs(a);
	restore_slots();
	KCHECK(mapped && seen && remapped);
	KCHECK_EQ(rc, 0);
	KCHECK_EQ(old, pa);
	KCHECK_EQ(v, 0x5a09);
	KCHECK_EQ(ra, 1);   /* map took the entry's place: the reference is still ours */
	KCHECK_EQ(ktest_free_frames(), before);
}

const struct ktest ktests_swap_entry[] = {
	{ a_swap_entry_is_seen_and_kept,
	  "swap entry: query, next_mapped, decode see it; the table stays; protect refuses it" },
	{ set_swapped_map_and_unmap_follow_the_rules,
	  "swap entry: bad slots refused, map replaces it, unmap drops it (-E_NOENT)" },
	{ fork_copies_swap_entries_with_a_reference_each,
	  "swap entry: fork copies each with a slot reference, destroy drops every one" },
	{ a_failed_dup_undoes_the_whole_table, "swap entry: a failed dup in fork undoes the table" },
	{ the_accessed_bit_follows_accesses, "accessed bit: set by accesses, cleared with the TLB entry" },
	{ set_swapped_in_the_current_space_drops_the_tlb_entry,
	  "swap entry: set_swapped in the current space removes the TLB entry" },
	{ NULL, NULL },
};
