/*
 * lib/memmap.h - the physical memory map as discovered at boot: RAM ranges
 * plus the ranges that must not be handed out. Pure data and logic (no
 * hardware access, no heap), shared by both ports and the host tests.
 */
#ifndef LIB_MEMMAP_H
#define LIB_MEMMAP_H

#include "lib/types.h"

/* Kinds, in increasing priority: where ranges overlap, the higher kind wins. */
enum mem_kind {
	MEM_USABLE = 1,    /* RAM the PMM may hand out */
	MEM_RESERVED = 2,  /* RAM in use: kernel image, boot structures, frame database, low memory */
	MEM_DEVICE = 3,    /* not RAM: MMIO or firmware-owned; never counted as memory */
	MEM_LEFT_OUT = 4,  /* RAM the kernel was told not to use (mem=): outside the PMM */
};

#define MEMMAP_MAX 48

struct mem_range {
	uint64_t base;
	uint64_t size;
	uint32_t kind;
	const char *what;   /* static string naming the range, for the boot report */
};

struct memmap {
	unsigned count;
	struct mem_range r[MEMMAP_MAX];
};

/* Appends a range. Returns 0, -E_NOMEM when the table is full, -E_INVAL for a
 * zero size, a bad kind, or a range that wraps around 2^64. */
int memmap_add(struct memmap *m, uint64_t base, uint64_t size, enum mem_kind kind,
	       const char *what);

/* Rewrites the map as sorted, non-overlapping ranges where, over each byte,
 * the highest-priority kind wins; adjacent ranges of one kind are merged.
 * Ranges above 4 GiB are dropped (neither port can address them). */
void memmap_normalize(struct memmap *m);

/* Makes every range page-granular: USABLE ranges shrink inward, others grow
 * outward, so no partial page is ever handed out. Call before normalize. */
void memmap_page_align(struct memmap *m);

/* Finds the lowest page-aligned USABLE run of size bytes at or above min_addr,
 * aligned to align (a power of two, >= PAGE_SIZE) and ending at or below
 * max_end. Returns 0 and the base in *out, or -E_NOMEM. Needs a normalized map. */
int memmap_find_free(const struct memmap *m, uint64_t size, uint64_t align,
		     uint64_t min_addr, uint64_t max_end, uint64_t *out);

/* Keeps the lowest keep bytes of USABLE RAM and turns the rest into
 * MEM_LEFT_OUT (a normalized map; it stays normalized). Returns the bytes
 * left out (0 when there is no more usable RAM than keep, or -E_NOMEM's
 * case of a full table: then nothing changes and it returns 0). */
uint64_t memmap_cap_usable(struct memmap *m, uint64_t keep);

/* Sum of bytes of the given kind (normalized map). */
uint64_t memmap_total(const struct memmap *m, enum mem_kind kind);

void memmap_print(const struct memmap *m);
const char *memmap_kind_name(uint32_t kind);

#endif
