/*
 * mm/boot_mem.c - turns the port's raw memory map into the final one and
 * starts the PMM on it. The frame database is carved from the lowest RAM
 * that fits, recorded as reserved, and never freed.
 */
#include "mm/boot_mem.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/cmdline.h"

/* RAM the kernel cannot reach through its direct map is kept out of the
 * PMM (there is no highmem): each usable range crossing the limit gets a
 * reservation over its part above it. */
static void clip_to_direct_map(struct memmap *m)
{
	uint64_t limit = arch_vmm_direct_map_end;
	unsigned n = m->count;
	for (unsigned i = 0; i < n; i++) {
		struct mem_range r = m->r[i];
		uint64_t end = r.base + r.size, from = r.base > limit ? r.base : limit;
		if (r.kind == MEM_USABLE && end > limit &&
		    memmap_add(m, from, end - from, MEM_RESERVED, "RAM beyond the direct map"))
			panic("boot_mem_init: memory map table full");
	}
	memmap_normalize(m);
}

/* "mem=<size>" (e.g. mem=16M): the PMM gets only the lowest size bytes
 * of usable RAM, so tests can run out of memory (and swap) quickly on a
 * machine that always has more (raspi2b: 1 GiB). The frame database then
 * covers only what is kept. Sizes below 4 MiB are refused: the kernel's
 * own boot-time tables need that much. */
#define MEM_OPTION_MIN (4u << 20)

static void cap_from_cmdline(struct memmap *m, const char *cmdline)
{
	char v[16];
	uint64_t size;
	if (!cmdline_get(cmdline, "mem", v, sizeof v))
		return;
	if (cmdline_parse_size(v, &size) || size < MEM_OPTION_MIN) {
		kprintf("mem=%s: not a size of at least 4M; ignored\n", v);
		return;
	}
	uint64_t out = memmap_cap_usable(m, size);
	kprintf("mem=%s: %u KiB of usable RAM kept, %u KiB left out\n", v,
		(unsigned)(memmap_total(m, MEM_USABLE) >> 10), (unsigned)(out >> 10));
}

void boot_mem_init(struct boot_info *bi)
{
	struct memmap *m = &bi->map;
	memmap_page_align(m);
	memmap_normalize(m);
	clip_to_direct_map(m);
	cap_from_cmdline(m, bi->cmdline);
	size_t bytes = ALIGN_UP(pmm_db_bytes(m), (size_t)PAGE_SIZE);
	uint64_t at;
	if (bytes == 0 || memmap_find_free(m, bytes, PAGE_SIZE, 0, arch_vmm_direct_map_end, &at))
		panic("boot_mem_init: no RAM for a %u-byte frame database", (unsigned)bytes);
	memmap_normalize(m);   /* may have merged ranges, freeing table entries */
	if (memmap_add(m, at, bytes, MEM_RESERVED, "frame database"))
		panic("boot_mem_init: memory map table full");
	memmap_normalize(m);
	memmap_print(m);
	if (pmm_init(m, arch_vmm_phys_to_virt((paddr_t)at), bytes))
		panic("boot_mem_init: pmm_init rejected the map");
}
