/*
 * tests/kernel/test_vmm.c - the VMM contract on the real MMU, one source
 * for both ports: round trips, the table window, two spaces, editing a
 * space that is not current, the slot limit and the zero table.
 */
#include "tests/kernel/ktest.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

static uint32_t heap_pages(void)
{
	struct kheap_stats s;
	kheap_get_stats(&s);
	return s.pages;
}

/* A frame filled with a recognisable word, for telling mappings apart. */
static paddr_t marked_frame(uint32_t mark)
{
	paddr_t pa;
	if (pmm_alloc_frame(&pa))
		return 0;
	uint32_t *w = arch_vmm_phys_to_virt(pa);
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = mark;
	return pa;
}

static const unsigned RW_USER = VMM_READ | VMM_WRITE | VMM_USER;

/* Map, query, protect, query, unmap, query at one address. */
static bool round_trip(unsigned slot, vaddr_t va)
{
	paddr_t pa = marked_frame(0x600d0000u), old = 0;
	struct vmm_page_info info;
	bool ok = pa && arch_vmm_map(slot, va, pa, RW_USER) == 0;
	arch_vmm_query(slot, va, &info);
	ok = ok && info.kind == VMM_PAGE_MAPPED && info.pa == pa &&
	     (info.prot & RW_USER) == RW_USER;
	ok = ok && arch_vmm_protect(slot, va, VMM_READ | VMM_USER) == 0;
	arch_vmm_query(slot, va, &info);
	ok = ok && info.kind == VMM_PAGE_MAPPED && !(info.prot & VMM_WRITE) && (info.prot & VMM_USER);
	ok = ok && arch_vmm_unmap(slot, va, &old) == 0 && old == pa;
	arch_vmm_query(slot, va, &info);
	ok = ok && info.kind == VMM_PAGE_UNMAPPED;
	ok = ok && arch_vmm_unmap(slot, va, &old) == -E_NOENT;
	ok = ok && arch_vmm_protect(slot, va, VMM_READ) == -E_NOENT;
	if (pa)
		pmm_free_frame(pa);
	arch_vmm_table_release_if_empty(slot, va);
	return ok;
}

static void map_query_protect_unmap_round_trips(void)
{
	uint32_t before = ktest_free_frames();
	int slot = vmm_space_create();
	KCHECK(slot > 0);
	vaddr_t span = arch_vmm_table_span, top = arch_vmm_user_end;
	const vaddr_t where[] = { 0, PAGE_SIZE, span - PAGE_SIZE, span, 7 * span + 5 * PAGE_SIZE,
				  top - span, top - PAGE_SIZE };
	for (unsigned i = 0; i < ARRAY_SIZE(where); i++) {
		if (!round_trip((unsigned)slot, where[i]))
			ktest_fail(__FILE__, __LINE__, "round trip at %#lx", (unsigned long)where[i]);
	}
	KCHECK_EQ(vmm_space_destroy((unsigned)slot), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* The window (x86 recursive mapping, ARM L2 window) shows what was written. */
static void window_shows_the_entries_written(void)
{
	uint32_t before = ktest_free_frames();
	int slot = vmm_space_create();
	KCHECK(slot > 0);
	vaddr_t va = 3 * arch_vmm_table_span + 2 * PAGE_SIZE;
	paddr_t pa = marked_frame(1);
	KCHECK(pa);
	KCHECK_EQ(arch_vmm_map((unsigned)slot, va, pa, RW_USER), 0);
	arch_vmm_space_activate((unsigned)slot);
	uint32_t raw = 0;
	struct vmm_page_info w, q;
	bool present = arch_vmm_window_entry(va, &raw);
	arch_vmm_entry_decode(raw, &w);
	arch_vmm_protect((unsigned)slot, va, VMM_READ | VMM_USER);
	uint32_t raw_ro = 0;
	arch_vmm_window_entry(va, &raw_ro);
	arch_vmm_query((unsigned)slot, va, &q);
	bool neighbour_empty = true;
	uint32_t nraw = 0;
	if (arch_vmm_window_entry(va + PAGE_SIZE, &nraw)) {
		struct vmm_page_info n;
		arch_vmm_entry_decode(nraw, &n);
		neighbour_empty = n.kind == VMM_PAGE_UNMAPPED;
	}
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK(present);
	KCHECK_EQ(w.kind, VMM_PAGE_MAPPED);
	KCHECK_EQ(w.pa, pa);
	KCHECK_EQ(w.prot & RW_USER, RW_USER);
	KCHECK(raw_ro != raw);
	KCHECK(!(q.prot & VMM_WRITE));
	KCHECK(neighbour_empty);
	KCHECK_EQ(vmm_space_destroy((unsigned)slot), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

static int kernel_global = 0x5a5a;

/* The same user address shows different frames in two spaces; the kernel
 * half is the same in both. Space s2 is edited while s1 is current. */
static void two_spaces_see_different_frames(void)
{
	uint32_t before = ktest_free_frames(), heap_before = heap_pages();
	int s1 = vmm_space_create(), s2 = vmm_space_create();
	KCHECK(s1 > 0 && s2 > 0 && s1 != s2);
	vaddr_t va = 0x00400000;
	paddr_t p1 = marked_frame(0x11111111u), p2 = marked_frame(0x22222222u);
	KCHECK(p1 && p2);
	KCHECK_EQ(arch_vmm_map((unsigned)s1, va, p1, RW_USER), 0);
	arch_vmm_space_activate((unsigned)s1);
	KCHECK_EQ(arch_vmm_map((unsigned)s2, va, p2, RW_USER), 0);   /* not current */
	uint32_t seen1 = *(volatile uint32_t *)va;
	*(volatile uint32_t *)(va + 8) = 0xaaaa0001u;
	int kg1 = kernel_global;
	arch_vmm_space_activate((unsigned)s2);
	uint32_t seen2 = *(volatile uint32_t *)va, other = *(volatile uint32_t *)(va + 8);
	int kg2 = kernel_global;
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(seen1, 0x11111111u);
	KCHECK_EQ(seen2, 0x22222222u);
	KCHECK_EQ(other, 0x22222222u);   /* the write in s1 did not reach s2 */
	KCHECK_EQ(*(uint32_t *)arch_vmm_phys_to_virt(p1 + 0) , 0x11111111u);
	KCHECK_EQ(((uint32_t *)arch_vmm_phys_to_virt(p1))[2], 0xaaaa0001u);
	KCHECK(kg1 == 0x5a5a && kg2 == 0x5a5a);
	KCHECK_EQ(heap_pages(), heap_before);   /* no table edit touched the heap */
	/* Destroy drops the mapping's reference; the frames had one each. */
	KCHECK_EQ(vmm_space_destroy((unsigned)s1), 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)s2), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* Slots run out at CONFIG_MAX_PROCS with a clean error; one freed is reusable. */
static void slot_region_limit_is_clean(void)
{
	static short made[CONFIG_MAX_PROCS];
	uint32_t before = ktest_free_frames();
	unsigned n = 0, expect = CONFIG_MAX_PROCS - vmm_slots_in_use();
	int s;
	while ((s = vmm_space_create()) > 0)
		made[n++] = (short)s;
	int err = s;
	bool was_full = vmm_slots_in_use() == CONFIG_MAX_PROCS;
	int again = vmm_space_create();
	int freed = n ? made[n / 2] : -1;
	if (n)
		vmm_space_destroy((unsigned)freed);
	int reuse = vmm_space_create();
	if (n)
		made[n / 2] = (short)reuse;
	for (unsigned i = 0; i < n; i++)
		if (made[i] > 0)
			vmm_space_destroy((unsigned)made[i]);
	KCHECK_EQ(n, expect);
	KCHECK_EQ(err, -E_AGAIN);
	KCHECK(was_full);
	KCHECK_EQ(again, -E_AGAIN);
	KCHECK_EQ(reuse, freed);
	KCHECK_EQ(vmm_space_destroy(VMM_SLOT_KERNEL), -E_INVAL);
	KCHECK_EQ(vmm_space_destroy((unsigned)freed), -E_INVAL);   /* already free */
	KCHECK_EQ(ktest_free_frames(), before);
}

/* A whole table-sized range on the zero table reads zeros and costs nothing. */
static void zero_table_reads_zero_for_free(void)
{
	uint32_t before = ktest_free_frames();
	int slot = vmm_space_create();
	KCHECK(slot > 0);
	uint32_t after_create = ktest_free_frames();
	vaddr_t base = 16 * arch_vmm_table_span;
	KCHECK_EQ(arch_vmm_table_set_zero((unsigned)slot, base), 0);
	KCHECK_EQ(arch_vmm_table_set_zero((unsigned)slot, base + arch_vmm_table_span), 0);
	KCHECK_EQ(ktest_free_frames(), after_create);   /* no frame for two whole ranges */
	KCHECK_EQ(arch_vmm_table_kind((unsigned)slot, base), VMM_TABLE_ZERO);
	struct vmm_page_info info;
	arch_vmm_query((unsigned)slot, base + 5 * PAGE_SIZE, &info);
	KCHECK_EQ(info.kind, VMM_PAGE_ZERO_TABLE);
	KCHECK_EQ(info.pa, vmm_zero_page());
	KCHECK(!(info.prot & VMM_WRITE));
	KCHECK_EQ(arch_vmm_unmap((unsigned)slot, base, NULL), -E_PERM);
	arch_vmm_space_activate((unsigned)slot);
	uint32_t sum = 0;
	for (vaddr_t va = base; va < base + 2 * arch_vmm_table_span; va += PAGE_SIZE)
		sum |= *(volatile uint32_t *)(va + 60);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(sum, 0);
	KCHECK_EQ(ktest_free_frames(), after_create);
	/* Making it private costs one table and keeps the view. */
	KCHECK_EQ(arch_vmm_table_make_private((unsigned)slot, base), 0);
	KCHECK_EQ(arch_vmm_table_kind((unsigned)slot, base), VMM_TABLE_PRIVATE);
	KCHECK(ktest_free_frames() < after_create);
	arch_vmm_query((unsigned)slot, base + 5 * PAGE_SIZE, &info);
	KCHECK(info.kind == VMM_PAGE_MAPPED && info.pa == vmm_zero_page() && !(info.prot & VMM_WRITE));
	KCHECK_EQ(arch_vmm_table_make_private((unsigned)slot, base), -E_INVAL);
	/* Mapping into a zero-table range gives it a private table first. */
	paddr_t pa = marked_frame(7);
	KCHECK_EQ(arch_vmm_map((unsigned)slot, base + arch_vmm_table_span, pa, RW_USER), 0);
	KCHECK_EQ(arch_vmm_table_kind((unsigned)slot, base + arch_vmm_table_span), VMM_TABLE_PRIVATE);
	arch_vmm_query((unsigned)slot, base + arch_vmm_table_span + PAGE_SIZE, &info);
	KCHECK(info.kind == VMM_PAGE_MAPPED && info.pa == vmm_zero_page());
	KCHECK_EQ(vmm_space_destroy((unsigned)slot), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* More spaces than ARM has ASIDs (255 usable), activated in turn, twice:
 * each must see its own frame (ASID generations roll over on ARM; on x86
 * each CR3 load drops the last space's entries). */
static void many_spaces_in_turn_see_their_own_frames(void)
{
	enum { WANT = 300 };
	static short slot[WANT];
	static paddr_t frame[WANT];
	/* All 300 when the slot limit allows (the default 1024), else all it allows. */
	const unsigned N = CONFIG_MAX_PROCS - vmm_slots_in_use() < WANT ?
			   CONFIG_MAX_PROCS - vmm_slots_in_use() : WANT;
	uint32_t before = ktest_free_frames(), wrong = 0;
	unsigned made = 0;
	vaddr_t va = 0x00800000;
	for (; made < N; made++) {
		int s = vmm_space_create();
		frame[made] = marked_frame(0xa5000000u + made);
		if (s <= 0 || !frame[made] || arch_vmm_map((unsigned)s, va, frame[made], RW_USER))
			break;
		slot[made] = (short)s;
	}
	for (int round = 0; round < 2; round++) {
		for (unsigned i = 0; i < made; i++) {
			arch_vmm_space_activate((unsigned)slot[i]);
			wrong += *(volatile uint32_t *)va != 0xa5000000u + i;
		}
	}
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	for (unsigned i = 0; i < made; i++)
		vmm_space_destroy((unsigned)slot[i]);
	if (made < N && frame[made])
		pmm_free_frame(frame[made]);
	KCHECK_EQ(made, N);
	KCHECK_EQ(wrong, 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* With no frame left for a table, map fails cleanly and changes nothing. */
static void map_without_memory_fails_cleanly(void)
{
	uint32_t before = ktest_free_frames();
	int slot = vmm_space_create();
	KCHECK(slot > 0);
	paddr_t data = marked_frame(3);
	KCHECK(data);
	paddr_t held = ktest_hold_frames(0);
	int rc = arch_vmm_map((unsigned)slot, 0x10000000, data, RW_USER);
	struct vmm_page_info info;
	arch_vmm_query((unsigned)slot, 0x10000000, &info);
	ktest_release_frames(held);
	KCHECK_EQ(rc, -E_NOMEM);
	KCHECK_EQ(info.kind, VMM_PAGE_UNMAPPED);
	pmm_free_frame(data);
	KCHECK_EQ(vmm_space_destroy((unsigned)slot), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

const struct ktest ktests_vmm[] = {
	{ map_query_protect_unmap_round_trips, "vmm: map/query/protect/unmap round trips, edges included" },
	{ window_shows_the_entries_written, "vmm: the table window shows the entries written" },
	{ two_spaces_see_different_frames, "vmm: two spaces, one address, two frames; kernel shared" },
	{ slot_region_limit_is_clean, "vmm: slot region full at CONFIG_MAX_PROCS, clean error, reuse" },
	{ zero_table_reads_zero_for_free, "vmm: zero table reads zeros for no frames; private on demand" },
	{ many_spaces_in_turn_see_their_own_frames, "vmm: 300 spaces in turn (ASID rollover) see their own frames" },
	{ map_without_memory_fails_cleanly, "vmm: map with no frame for a table fails cleanly" },
	{ NULL, NULL },
};
