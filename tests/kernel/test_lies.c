/*
 * tests/kernel/test_lies.c - the lies of DESIGN.md on the real MMU, one
 * source for both ports. The kernel itself touches user addresses of an
 * activated space: its reads and writes fault exactly as a program's
 * would (x86 CR0.WP, ARM AP = 111 for read-only pages), the generic fault
 * path resolves them, and every test checks the frames come back.
 */
#include "tests/kernel/ktest.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

#define RW (VMM_READ | VMM_WRITE)
#define MIB (1u << 20)

static uint32_t peek(vaddr_t va) { return *(volatile uint32_t *)va; }
static void poke(vaddr_t va, uint32_t v) { *(volatile uint32_t *)va = v; }

static paddr_t frame_at(unsigned slot, vaddr_t va)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	return info.kind == VMM_PAGE_UNMAPPED ? 0 : info.pa;
}

static void reserving_and_reading_256_mib_costs_no_frames(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	uint32_t empty_space = ktest_free_frames();
	vaddr_t base = 0x10000000, len = 256 * MIB;
	KCHECK_EQ(vmm_map_anon((unsigned)s, base, len, RW), 0);
	arch_vmm_space_activate((unsigned)s);
	uint32_t sum = 0;
	for (vaddr_t va = base; va < base + len; va += PAGE_SIZE)
		sum |= peek(va);
	uint32_t after_reads = ktest_free_frames();
	/* One write every 4 MiB: one frame each, plus a table where needed. */
	for (vaddr_t va = base; va < base + len; va += 4 * MIB)
		poke(va + 8, 0x5eed0000u + (uint32_t)(va >> 22));
	uint32_t after_writes = ktest_free_frames(), wrong = 0;
	for (vaddr_t va = base; va < base + len; va += 4 * MIB)
		wrong += peek(va + 8) != 0x5eed0000u + (uint32_t)(va >> 22) || peek(va) != 0;
	struct vmm_lie_stats st;
	vmm_lie_stats((unsigned)s, &st);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	kprintf("  256 MiB: %u frames after reading it all, %u after 64 writes\n",
		empty_space - after_reads, empty_space - after_writes);
	KCHECK_EQ(sum, 0);
	KCHECK_EQ(empty_space - after_reads, 0);
	KCHECK_EQ(st.private_frames, 64);
	KCHECK(empty_space - after_writes > 64);
	KCHECK(empty_space - after_writes <= 128);
	KCHECK_EQ(wrong, 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

static void partial_ranges_read_the_zero_page_then_allocate_on_write(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t base = 0x00403000;   /* not table aligned: no zero table here */
	KCHECK_EQ(vmm_map_anon((unsigned)s, base, 3 * PAGE_SIZE, RW), 0);
	arch_vmm_space_activate((unsigned)s);
	uint32_t r = peek(base) | peek(base + PAGE_SIZE) | peek(base + 2 * PAGE_SIZE);
	struct vmm_lie_stats reads;
	vmm_lie_stats((unsigned)s, &reads);
	poke(base + PAGE_SIZE + 4, 77);
	paddr_t zero_after = frame_at((unsigned)s, base), own = frame_at((unsigned)s, base + PAGE_SIZE);
	uint32_t v = peek(base + PAGE_SIZE + 4);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(r, 0);
	KCHECK_EQ(reads.zero_page_maps, 3);
	KCHECK_EQ(zero_after, vmm_zero_page());
	KCHECK(own && own != vmm_zero_page());
	KCHECK_EQ(v, 77);
	KCHECK_EQ(*(uint32_t *)arch_vmm_phys_to_virt(vmm_zero_page()), 0);   /* never written */
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* Fills n pages at base with word i of page p = tag + p. */
static void fill(vaddr_t base, unsigned n, uint32_t tag)
{
	for (unsigned p = 0; p < n; p++)
		poke(base + p * PAGE_SIZE, tag + p);
}

static void fork_shares_frames_and_writes_copy(void)
{
	uint32_t before = ktest_free_frames();
	vaddr_t base = 0x00800000;
	int parent = vmm_space_create();
	KCHECK(parent > 0);
	KCHECK_EQ(vmm_map_anon((unsigned)parent, base, 16 * PAGE_SIZE, RW), 0);
	arch_vmm_space_activate((unsigned)parent);
	fill(base, 16, 0x100);
	uint32_t before_fork = ktest_free_frames();
	int child = vmm_space_fork((unsigned)parent);
	uint32_t fork_cost = before_fork - ktest_free_frames();
	KCHECK(child > 0);
	struct vmm_lie_stats ps, cs;
	vmm_lie_stats((unsigned)parent, &ps);
	vmm_lie_stats((unsigned)child, &cs);
	/* Child writes pages 0 (later sole-owner test), 1 (both write) and 2. */
	arch_vmm_space_activate((unsigned)child);
	poke(base, 0xc0), poke(base + PAGE_SIZE, 0xc1), poke(base + 2 * PAGE_SIZE, 0xc2);
	uint32_t child_sees3 = peek(base + 3 * PAGE_SIZE);
	arch_vmm_space_activate((unsigned)parent);
	uint32_t parent_sees0 = peek(base), parent_sees2 = peek(base + 2 * PAGE_SIZE);
	paddr_t p0 = frame_at((unsigned)parent, base);
	poke(base, 0xb0);            /* sole owner now: no copy */
	poke(base + PAGE_SIZE, 0xb1), poke(base + 3 * PAGE_SIZE, 0xb3);
	paddr_t p0_after = frame_at((unsigned)parent, base);
	arch_vmm_space_activate((unsigned)child);
	uint32_t c0 = peek(base), c1 = peek(base + PAGE_SIZE), c3 = peek(base + 3 * PAGE_SIZE);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)child), 0);   /* child exits first */
	KCHECK_EQ(vmm_space_destroy((unsigned)parent), 0);
	kprintf("  fork of 16 touched pages: %u frames (tables only)\n", fork_cost);
	KCHECK(fork_cost <= 4);
	KCHECK_EQ(ps.shared_frames, 16);
	KCHECK_EQ(cs.shared_frames, 16);
	KCHECK_EQ(child_sees3, 0x103);
	KCHECK_EQ(parent_sees0, 0x100);
	KCHECK_EQ(parent_sees2, 0x102);
	KCHECK_EQ(p0_after, p0);
	KCHECK(c0 == 0xc0 && c1 == 0xc1 && c3 == 0x103);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* Three generations, written at every level, parent destroyed first. */
static void fork_chain_three_generations(void)
{
	uint32_t before = ktest_free_frames(), bad = 0;
	vaddr_t base = 0x01000000;
	int g[3];
	g[0] = vmm_space_create();
	KCHECK(g[0] > 0);
	KCHECK_EQ(vmm_map_anon((unsigned)g[0], base, 8 * PAGE_SIZE, RW), 0);
	arch_vmm_space_activate((unsigned)g[0]);
	fill(base, 8, 0x1000);
	g[1] = vmm_space_fork((unsigned)g[0]);
	arch_vmm_space_activate((unsigned)g[1]);
	poke(base + PAGE_SIZE, 0x2001);
	g[2] = vmm_space_fork((unsigned)g[1]);
	arch_vmm_space_activate((unsigned)g[2]);
	poke(base + 2 * PAGE_SIZE, 0x3002);
	bad += peek(base + PAGE_SIZE) != 0x2001 || peek(base) != 0x1000;
	arch_vmm_space_activate((unsigned)g[0]);
	bad += peek(base + PAGE_SIZE) != 0x1001 || peek(base + 2 * PAGE_SIZE) != 0x1002;
	arch_vmm_space_activate((unsigned)g[1]);
	bad += peek(base + 2 * PAGE_SIZE) != 0x1002;
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK(g[1] > 0 && g[2] > 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)g[0]), 0);   /* parent first */
	arch_vmm_space_activate((unsigned)g[2]);
	bad += peek(base) != 0x1000 || peek(base + 7 * PAGE_SIZE) != 0x1007;
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)g[2]), 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)g[1]), 0);
	KCHECK_EQ(bad, 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* Faults the lies cannot make true are refused with the right reason. */
static void bad_accesses_are_refused_with_a_reason(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	KCHECK_EQ(vmm_map_anon((unsigned)s, 0x00200000, PAGE_SIZE, VMM_READ), 0);
	arch_vmm_space_activate((unsigned)s);
	int outside = vmm_fault(0x00300000, VMM_ACCESS_READ, true);
	int ro_write = vmm_fault(0x00200000, VMM_ACCESS_WRITE, true);
	int no_exec = vmm_fault(0x00200000, VMM_ACCESS_EXEC, true);
	int kernel_addr = vmm_fault(arch_vmm_user_end, VMM_ACCESS_READ, true);
	int read_ok = vmm_fault(0x00200000, VMM_ACCESS_READ, true);
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(outside, -E_FAULT);
	KCHECK_EQ(ro_write, -E_PERM);
	KCHECK_EQ(no_exec, -E_PERM);
	KCHECK_EQ(kernel_addr, -E_FAULT);
	KCHECK_EQ(read_ok, 0);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

/* Writing more than there is free RAM ends in -E_NOMEM (the caller would
 * kill the process), and tearing the space down gives every frame back. */
static void out_of_memory_is_reported_and_recovered(void)
{
	uint32_t before = ktest_free_frames(), faults = 0;
	int s = vmm_space_create();
	KCHECK(s > 0);
	vaddr_t base = 0x00400000, len = 64 * MIB;
	KCHECK_EQ(vmm_map_anon((unsigned)s, base, len, RW), 0);
	paddr_t held = ktest_hold_frames(2000);   /* 8 MiB left for a 64 MiB region */
	arch_vmm_space_activate((unsigned)s);
	int rc = 0;
	for (vaddr_t va = base; va < base + len && rc == 0; va += PAGE_SIZE, faults++)
		rc = vmm_fault(va, VMM_ACCESS_WRITE, true);
	uint32_t left = ktest_free_frames();
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	ktest_release_frames(held);
	KCHECK_EQ(rc, -E_NOMEM);
	KCHECK(left <= 1);
	KCHECK(faults > 1900);
	KCHECK_EQ(ktest_free_frames(), before);
}

static void unmapping_returns_frames_and_tables(void)
{
	uint32_t before = ktest_free_frames();
	int s = vmm_space_create();
	KCHECK(s > 0);
	uint32_t empty_space = ktest_free_frames();
	vaddr_t base = 0x02000000, len = 16 * MIB;
	KCHECK_EQ(vmm_map_anon((unsigned)s, base, len, RW), 0);
	arch_vmm_space_activate((unsigned)s);
	for (vaddr_t va = base; va < base + len; va += 512 * 1024)
		poke(va, 1);
	/* Half of it, cutting through a table-sized range. */
	KCHECK_EQ(vmm_unmap_range((unsigned)s, base + 5 * MIB + 512 * 1024, 5 * MIB), 0);
	int refused = vmm_fault(base + 6 * MIB, VMM_ACCESS_READ, true);
	uint32_t kept = peek(base + 5 * MIB);
	KCHECK_EQ(vmm_unmap_range((unsigned)s, base, len), 0);
	uint32_t after = ktest_free_frames();
	arch_vmm_space_activate(VMM_SLOT_KERNEL);
	KCHECK_EQ(refused, -E_FAULT);
	KCHECK_EQ(kept, 1);
	KCHECK_EQ(after, empty_space);
	KCHECK_EQ(vmm_space_destroy((unsigned)s), 0);
	KCHECK_EQ(ktest_free_frames(), before);
}

const struct ktest ktests_lies[] = {
	{ reserving_and_reading_256_mib_costs_no_frames, "lies: 256 MiB reserved and read for 0 frames; a frame per write" },
	{ partial_ranges_read_the_zero_page_then_allocate_on_write, "lies: zero page on read, allocate on write" },
	{ fork_shares_frames_and_writes_copy, "lies: fork shares frames; writes copy; sole owner keeps its frame" },
	{ fork_chain_three_generations, "lies: fork chain of three generations, parent exits first" },
	{ bad_accesses_are_refused_with_a_reason, "lies: outside a region, read-only, no-exec refused" },
	{ out_of_memory_is_reported_and_recovered, "lies: writing past free RAM gives -E_NOMEM, frames come back" },
	{ unmapping_returns_frames_and_tables, "lies: unmapping returns frames and tables" },
	{ NULL, NULL },
};
