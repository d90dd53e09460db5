/*
 * tests/host/test_memmap.c - normalizing discovered memory maps.
 */
#include "htest.h"
#include "lib/memmap.h"

static struct memmap m;

static void reset(void) { memset(&m, 0, sizeof m); }

HTEST(memmap_reserved_carves_usable)
{
	reset();
	memmap_add(&m, 0, 0x1000000, MEM_USABLE, "ram");
	memmap_add(&m, 0x100000, 0x20000, MEM_RESERVED, "kernel");
	memmap_normalize(&m);
	HCHECK_EQ(m.count, 3);
	HCHECK_EQ(m.r[0].base, 0); HCHECK_EQ(m.r[0].size, 0x100000); HCHECK_EQ(m.r[0].kind, MEM_USABLE);
	HCHECK_EQ(m.r[1].base, 0x100000); HCHECK_EQ(m.r[1].kind, MEM_RESERVED);
	HCHECK_STR(m.r[1].what, "kernel");
	HCHECK_EQ(m.r[2].base, 0x120000); HCHECK_EQ(m.r[2].size, 0x1000000 - 0x120000);
	HCHECK_EQ(memmap_total(&m, MEM_USABLE) + memmap_total(&m, MEM_RESERVED), 0x1000000);
}

HTEST(memmap_device_beats_everything_and_is_not_ram)
{
	reset();
	memmap_add(&m, 0x3F000000, 0x1000000, MEM_DEVICE, "mmio");
	memmap_add(&m, 0, 0x40000000, MEM_USABLE, "ram");
	memmap_add(&m, 0x3EFFF000, 0x2000, MEM_RESERVED, "overlaps mmio");
	memmap_normalize(&m);
	HCHECK_EQ(m.count, 3);
	HCHECK_EQ(m.r[0].size, 0x3EFFF000);
	HCHECK_EQ(m.r[1].kind, MEM_RESERVED); HCHECK_EQ(m.r[1].size, 0x1000);
	HCHECK_EQ(m.r[2].kind, MEM_DEVICE); HCHECK_EQ(m.r[2].base, 0x3F000000);
	HCHECK_EQ(m.r[2].size, 0x1000000);
}

HTEST(memmap_merges_adjacent_and_overlapping_ram)
{
	reset();
	memmap_add(&m, 0x200000, 0x100000, MEM_USABLE, "ram");
	memmap_add(&m, 0x100000, 0x100000, MEM_USABLE, "ram");
	memmap_add(&m, 0x180000, 0x200000, MEM_USABLE, "ram");
	memmap_normalize(&m);
	HCHECK_EQ(m.count, 1);
	HCHECK_EQ(m.r[0].base, 0x100000);
	HCHECK_EQ(m.r[0].size, 0x280000);
}

HTEST(memmap_drops_memory_above_4g)
{
	reset();
	memmap_add(&m, 0xC0000000ull, 0x80000000ull, MEM_USABLE, "ram");
	memmap_add(&m, 0x200000000ull, 0x1000, MEM_USABLE, "high");
	memmap_normalize(&m);
	HCHECK_EQ(m.count, 1);
	HCHECK_EQ(m.r[0].base + m.r[0].size, 0x100000000ull);
}

HTEST(memmap_page_align_shrinks_ram_grows_reservations)
{
	reset();
	memmap_add(&m, 0x1800, 0x3000, MEM_USABLE, "ram");       /* 0x1800-0x4800 */
	memmap_add(&m, 0x10010, 0x10, MEM_RESERVED, "tiny");      /* inside one page */
	memmap_add(&m, 0x20000, 0x800, MEM_USABLE, "sub-page");  /* vanishes */
	memmap_page_align(&m);
	HCHECK_EQ(m.count, 2);
	HCHECK_EQ(m.r[0].base, 0x2000); HCHECK_EQ(m.r[0].size, 0x2000);
	HCHECK_EQ(m.r[1].base, 0x10000); HCHECK_EQ(m.r[1].size, 0x1000);
}

HTEST(memmap_add_rejects_bad_ranges)
{
	reset();
	HCHECK_EQ(memmap_add(&m, 0, 0, MEM_USABLE, "zero"), -E_INVAL);
	HCHECK_EQ(memmap_add(&m, ~0ull - 5, 0x100, MEM_USABLE, "wraps"), -E_INVAL);
	HCHECK_EQ(memmap_add(&m, 0, 0x1000, 9, "kind"), -E_INVAL);
	for (int i = 0; i < MEMMAP_MAX; i++)
		HCHECK_EQ(memmap_add(&m, i * 0x2000ull, 0x1000, MEM_USABLE, "r"), 0);
	HCHECK_EQ(memmap_add(&m, 0x900000, 0x1000, MEM_USABLE, "full"), -E_NOMEM);
}

HTEST(memmap_find_free_respects_alignment_and_limits)
{
	reset();
	memmap_add(&m, 0x1000, 0x5000, MEM_USABLE, "low");
	memmap_add(&m, 0x100000, 0x400000, MEM_USABLE, "high");
	memmap_normalize(&m);
	uint64_t at;
	HCHECK_EQ(memmap_find_free(&m, 0x2000, 0x1000, 0, ~0ull, &at), 0);
	HCHECK_EQ(at, 0x1000);
	HCHECK_EQ(memmap_find_free(&m, 0x2000, 0x4000, 0, ~0ull, &at), 0);
	HCHECK_EQ(at, 0x4000);
	HCHECK_EQ(memmap_find_free(&m, 0x10000, 0x1000, 0, ~0ull, &at), 0);
	HCHECK_EQ(at, 0x100000);
	HCHECK_EQ(memmap_find_free(&m, 0x10000, 0x1000, 0x200000, ~0ull, &at), 0);
	HCHECK_EQ(at, 0x200000);
	HCHECK_EQ(memmap_find_free(&m, 0x400000, 0x1000, 0, 0x400000, &at), -E_NOMEM);
	HCHECK_EQ(memmap_find_free(&m, 0x500000, 0x1000, 0, ~0ull, &at), -E_NOMEM);
}

HTEST(memmap_print_names_each_range)
{
	reset();
	memmap_add(&m, 0x0, 0x8000, MEM_RESERVED, "low memory");
	memmap_add(&m, 0x8000, 0x18000, MEM_USABLE, "RAM");
	memmap_normalize(&m);
	memmap_print(&m);
	HCHECK(strstr(htest_console(), "0x00000000-0x00007fff reserved") != NULL);
	HCHECK(strstr(htest_console(), "low memory") != NULL);
	HCHECK(strstr(htest_console(), "0x00008000-0x0001ffff usable") != NULL);
}

HTEST(memmap_cap_keeps_the_lowest_usable_ram)
{
	struct memmap m = { 0 };
	memmap_add(&m, 0, 0x100000, MEM_RESERVED, "low");
	memmap_add(&m, 0x100000, 0x700000, MEM_USABLE, "ram");
	memmap_add(&m, 0x800000, 0x100000, MEM_DEVICE, "mmio");
	memmap_add(&m, 0x900000, 0x700000, MEM_USABLE, "ram");
	memmap_normalize(&m);
	HCHECK_EQ(memmap_cap_usable(&m, 0x800000), 0x600000);
	HCHECK_EQ(memmap_total(&m, MEM_USABLE), 0x800000);
	HCHECK_EQ(memmap_total(&m, MEM_LEFT_OUT), 0x600000);
	HCHECK_EQ(memmap_total(&m, MEM_RESERVED), 0x100000);
	uint64_t at;
	HCHECK_EQ(memmap_find_free(&m, 0x100000, 0x1000, 0xa00000, 0x1000000, &at), -E_NOMEM);
	HCHECK_EQ(memmap_cap_usable(&m, 0x10000000), 0);   /* more than there is: no change */
	HCHECK_EQ(memmap_total(&m, MEM_USABLE), 0x800000);
}
