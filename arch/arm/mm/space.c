/*
 * arch/arm/mm/space.c - address spaces on ARM: each slot's TTBR0 table in
 * the permanent L1 region plus its L2 window, and ASIDs. ASIDs are 8 bits
 * (256): they are handed out by generation; when they run out, a new
 * generation starts with one full TLB and branch predictor flush, made
 * while the reserved ASID is live, and every space takes a fresh ASID the
 * next time it is activated. ASID 0 is never given to a space: it is the
 * reserved value used while TTBR0 changes (ARM ARM B3.10.4).
 */
#include "arch/arm/mm/mmu.h"
#include "arch/arm/mm/desc.h"
#include "arch/arm/mm/tlb.h"
#include "arch/arm/cpu_bits.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "kernel/arch.h"
#include "mm/table_occ.h"

#define ASID_FIRST 1u
#define ASID_COUNT 256u

struct arm_space arm_spaces[CONFIG_MAX_PROCS];
unsigned arm_current_slot;
static uint32_t asid_generation = 1;
static unsigned asid_next = ASID_FIRST;

int arm_space_live_asid(unsigned slot)
{
	return arm_spaces[slot].asid_gen == asid_generation ? arm_spaces[slot].asid : -1;
}

void arm_space_flush_page(unsigned slot, vaddr_t va)
{
	int asid = arm_space_live_asid(slot);
	if (asid >= 0)
		arm_tlb_flush_page(va, (unsigned)asid);
}

void arm_space_flush_all(unsigned slot)
{
	int asid = arm_space_live_asid(slot);
	if (asid >= 0)
		arm_tlb_flush_asid((unsigned)asid);
}

void arch_vmm_flush_page(unsigned slot, vaddr_t va)
{
	arm_space_flush_page(slot, va);
}

void arch_vmm_flush_space(unsigned slot)
{
	arm_space_flush_all(slot);
}

/* Out of ASIDs: every old tag becomes invalid at once, and may be handed
 * out again. Called with the reserved ASID 0 in CONTEXTIDR and the incoming
 * space's table in TTBR0, each synchronised (ARM ARM B3.10.4): a walk,
 * speculative or not, during or after the flush fills entries under ASID 0
 * only, which no space ever gets, so no entry of the old generation can
 * survive under an ASID the new one reuses. Flushing while the outgoing
 * space's ASID was still live would let its entries be refilled under it.
 * Reused ASIDs also need the branch predictor invalidated (B2.2.4); the
 * DSB + ISB of the TLB flush complete the BPIALL. */
static void new_generation(void)
{
	asid_generation++;
	asid_next = ASID_FIRST;
	TLBC_TAG_NEW_GENERATION();
	arm_bp_invalidate_all();
	arm_tlb_flush_all();
}

static void assign_asid(unsigned slot)
{
	if (asid_next == ASID_COUNT)
		new_generation();
	unsigned asid = asid_next;
	if (!TLBC_INJECT(same_asid))   /* test-only mistake: hand it out twice */
		asid_next++;
	arm_spaces[slot].asid = (uint8_t)asid;
	arm_spaces[slot].asid_gen = asid_generation;
	TLBC_TAG_ASSIGN(asid, slot);
}

/* The window: the last L1 entry of the space points at the window L2
 * table, whose entry 255 maps the window page itself, so the page of L2
 * tables for region r appears at L2_WINDOW + r * 4096 - the emulated
 * recursive mapping of DESIGN.md. Kernel-only, execute-never, non-global. */
static void build_window(unsigned slot)
{
	struct arm_space *s = &arm_spaces[slot];
	uint32_t *wt = arm_space_window_table(slot);
	wt[L2_WINDOW >> 22] = pte_encode(s->window, VMM_READ | VMM_WRITE, false);
	arm_space_l1(slot)[L2_WINDOW_L1_INDEX] = l1_user_table_desc(s->window + 3 * L2_TABLE_BYTES);
}

/* A frame of zeros: one the PMM knows to be zero (destroyed spaces give
 * theirs back that way) or one cleared now. */
static int zeroed_frame(paddr_t *pa)
{
	bool zeroed;
	if (pmm_alloc_frame_zeroed(pa, &zeroed))
		return -E_NOMEM;
	if (!zeroed)
		arch_page_zero(arch_vmm_phys_to_virt(*pa));
	return 0;
}

int arch_vmm_space_create(unsigned slot)
{
	struct arm_space *s = &arm_spaces[slot];
	if (zeroed_frame(&s->l1))
		return -E_NOMEM;
	if (zeroed_frame(&s->window)) {
		pmm_free_zeroed(s->l1);
		return -E_NOMEM;
	}
	arch_vmm_kernel_map((vaddr_t)arm_space_l1(slot), s->l1, VMM_READ | VMM_WRITE);
	build_window(slot);
	s->asid_gen = 0;   /* no ASID until first activated */
	s->l1_summary = 0;
	s->l1_count = 0;
	s->swap_entries = 0;
	arm_table_write_done();
	return 0;
}

/* Frees the region pages still there (teardown usually freed them all),
 * dropping the swap entries left in them, and clears every user L1 entry, through the summary: 32 entries and 8
 * region pages a bit. The zero table is static, never freed. */
static void free_user_tables(unsigned slot)
{
	struct arm_space *s = &arm_spaces[slot];
	uint32_t *l1 = arm_space_l1(slot), *wt = arm_space_window_table(slot);
	if (!s->l1_count)
		s->l1_summary = 0;   /* nothing left: no region page either */
	for (unsigned k = 0; (k = occ_next(s->l1_summary, k)) < 32; k++) {
		for (unsigned r = k * 8; r < k * 8 + 8 && r < (L2_WINDOW >> 22); r++) {
			if (pte_is_valid(wt[r])) {
				if (s->swap_entries)
					arm_region_page_drop_swap(slot, pte_addr(wt[r]));
				arm_free_region_page(pte_addr(wt[r]));
			}
			wt[r] = 0;
		}
		for (unsigned i = k * 32; i < k * 32 + 32 && i < L2_WINDOW_L1_INDEX; i++)
			l1[i] = 0;
	}
	s->l1_summary = 0;
	s->l1_count = 0;
}

void arch_vmm_space_destroy(unsigned slot)
{
	struct arm_space *s = &arm_spaces[slot];
	if (s->swap_entries)   /* none after a full unmap, the usual case */
		arm_region_page_drop_swap(slot, s->window);   /* its tables 0-2 are MiB 1020-1022's */
	free_user_tables(slot);
	/* Both frames are zeros again once the window's two entries go. */
	arm_space_l1(slot)[L2_WINDOW_L1_INDEX] = 0;
	arm_space_window_table(slot)[L2_WINDOW >> 22] = 0;
	arch_vmm_kernel_unmap((vaddr_t)arm_space_l1(slot), NULL);
	pmm_free_zeroed(s->window);
	pmm_free_zeroed(s->l1);
	/* Its ASID is retired: generations never reuse an ASID without a
	 * full flush first, so its stale entries can never be hit. */
	if (arm_space_live_asid(slot) >= 0)
		TLBC_TAG_RELEASE(s->asid);
	s->asid_gen = 0;
}

/* No TLB entry is dropped by this on hardware (QEMU flushes; the checker
 * must not rely on it): walks just fill under the new ASID from now on. */
static void write_contextidr(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 1" :: "r"(v));
	TLBC_SET_CURRENT(v & 0xff);
}
static void write_ttbr0(uint32_t v) { __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" :: "r"(v)); }

void arch_vmm_space_activate(unsigned slot)
{
	if (slot == arm_current_slot)
		return;
	/* ARM ARM B3.10.4, "Synchronization of changes of ASID and TTBR":
	 * move to the reserved ASID 0 (which owns no non-global entries),
	 * change TTBR0, then take the new ASID, each step synchronised, so
	 * no walk pairs the new table with the old ASID or the reverse. A
	 * rollover (assign_asid) flushes in between, with ASID 0 live. */
	write_contextidr(0);
	arm_isb();
	write_ttbr0(arm_spaces[slot].l1 | TTBR_WALK_WBWA);
	arm_isb();
	if (arm_space_live_asid(slot) < 0)
		assign_asid(slot);
	write_contextidr(arm_spaces[slot].asid);
	arm_isb();
	arm_current_slot = slot;
	TLBC_POINT_RUN(slot, "the switch to it");
}

unsigned arch_vmm_space_current(void)
{
	return arm_current_slot;
}

void arch_vmm_space_retire(unsigned slot)
{
	if (slot == arm_current_slot)
		arch_vmm_space_activate(VMM_SLOT_KERNEL);
	int asid = arm_space_live_asid(slot);
	if (asid < 0)
		return;   /* its ASID went at a rollover's TLBIALL: nothing cached */
	arm_tlb_flush_asid((unsigned)asid);   /* not current, so nothing refills it */
	TLBC_TAG_RELEASE((unsigned)asid);
	arm_spaces[slot].asid_gen = 0;   /* no live ASID: its number is never handed out again this generation */
}
