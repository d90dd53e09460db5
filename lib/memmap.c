/*
 * lib/memmap.c - building a clean physical memory map from the pieces a
 * port discovers (firmware RAM ranges plus the reservations it knows of).
 * Pure logic over a fixed-size table: no heap, no hardware.
 */
#include "lib/memmap.h"
#include "lib/kprintf.h"

#define ADDR_LIMIT 0x100000000ull   /* 4 GiB: neither port addresses more */

int memmap_add(struct memmap *m, uint64_t base, uint64_t size, enum mem_kind kind,
	       const char *what)
{
	if (size == 0 || kind < MEM_USABLE || kind > MEM_LEFT_OUT || base + size < base)
		return -E_INVAL;
	if (m->count == MEMMAP_MAX)
		return -E_NOMEM;
	m->r[m->count++] = (struct mem_range){ base, size, kind, what ? what : "" };
	return 0;
}

void memmap_page_align(struct memmap *m)
{
	unsigned out = 0;
	for (unsigned i = 0; i < m->count; i++) {
		struct mem_range r = m->r[i];
		uint64_t end = r.base + r.size;
		if (r.kind == MEM_USABLE) {   /* shrink: never hand out a partial page */
			r.base = ALIGN_UP(r.base, (uint64_t)PAGE_SIZE);
			end = ALIGN_DOWN(end, (uint64_t)PAGE_SIZE);
		} else {                      /* grow: a partly reserved page is reserved */
			r.base = ALIGN_DOWN(r.base, (uint64_t)PAGE_SIZE);
			end = ALIGN_UP(end, (uint64_t)PAGE_SIZE);
		}
		if (end <= r.base)
			continue;
		r.size = end - r.base;
		m->r[out++] = r;
	}
	m->count = out;
}

static void sort_u64(uint64_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++) {   /* insertion sort: n <= 2 * MEMMAP_MAX */
		uint64_t x = v[i];
		unsigned j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The range that wins over [a, b): highest kind among those covering it. */
static const struct mem_range *winner(const struct memmap *m, uint64_t a, uint64_t b)
{
	const struct mem_range *best = NULL;
	for (unsigned i = 0; i < m->count; i++) {
		const struct mem_range *r = &m->r[i];
		if (r->base <= a && r->base + r->size >= b && (!best || r->kind > best->kind))
			best = r;
	}
	return best;
}

static bool same_label(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

void memmap_normalize(struct memmap *m)
{
	static uint64_t points[2 * MEMMAP_MAX];
	static struct mem_range out[2 * MEMMAP_MAX];
	unsigned np = 0, no = 0;

	for (unsigned i = 0; i < m->count; i++) {
		uint64_t end = m->r[i].base + m->r[i].size;
		points[np++] = m->r[i].base < ADDR_LIMIT ? m->r[i].base : ADDR_LIMIT;
		points[np++] = end < ADDR_LIMIT ? end : ADDR_LIMIT;
	}
	sort_u64(points, np);
	for (unsigned i = 0; i + 1 < np; i++) {
		uint64_t a = points[i], b = points[i + 1];
		const struct mem_range *w = a < b ? winner(m, a, b) : NULL;
		if (!w)
			continue;
		struct mem_range *last = no ? &out[no - 1] : NULL;
		if (last && last->base + last->size == a && last->kind == w->kind &&
		    same_label(last->what, w->what))
			last->size += b - a;
		else
			out[no++] = (struct mem_range){ a, b - a, w->kind, w->what };
	}
	if (no > MEMMAP_MAX) {
		/* Dropping the highest ranges only loses RAM; it never exposes a reservation. */
		kprintf("memmap: %u ranges, keeping the lowest %u\n", no, MEMMAP_MAX);
		no = MEMMAP_MAX;
	}
	for (unsigned i = 0; i < no; i++)
		m->r[i] = out[i];
	m->count = no;
}

int memmap_find_free(const struct memmap *m, uint64_t size, uint64_t align,
		     uint64_t min_addr, uint64_t max_end, uint64_t *out)
{
	for (unsigned i = 0; i < m->count; i++) {
		const struct mem_range *r = &m->r[i];
		if (r->kind != MEM_USABLE)
			continue;
		uint64_t start = r->base > min_addr ? r->base : min_addr;
		start = ALIGN_UP(start, align);
		uint64_t end = r->base + r->size;
		if (start + size <= end && start + size <= max_end && start + size > start) {
			*out = start;
			return 0;
		}
	}
	return -E_NOMEM;
}

uint64_t memmap_total(const struct memmap *m, enum mem_kind kind)
{
	uint64_t sum = 0;
	for (unsigned i = 0; i < m->count; i++)
		if (m->r[i].kind == kind)
			sum += m->r[i].size;
	return sum;
}

uint64_t memmap_cap_usable(struct memmap *m, uint64_t keep)
{
	struct memmap before = *m;
	uint64_t left_out = 0;
	unsigned n = m->count;
	for (unsigned i = 0; i < n; i++) {
		struct mem_range r = m->r[i];
		if (r.kind != MEM_USABLE)
			continue;
		uint64_t kept = r.size < keep ? r.size : keep;
		keep -= kept;
		if (kept == r.size)
			continue;
		if (memmap_add(m, r.base + kept, r.size - kept, MEM_LEFT_OUT, "RAM left out (mem=)")) {
			*m = before;
			return 0;
		}
		left_out += r.size - kept;
	}
	memmap_normalize(m);
	return left_out;
}

const char *memmap_kind_name(uint32_t kind)
{
	switch (kind) {
	case MEM_USABLE: return "usable";
	case MEM_RESERVED: return "reserved";
	case MEM_DEVICE: return "device";
	case MEM_LEFT_OUT: return "left out";
	default: return "?";
	}
}

void memmap_print(const struct memmap *m)
{
	for (unsigned i = 0; i < m->count; i++) {
		const struct mem_range *r = &m->r[i];
		uint64_t end = r->base + r->size - 1;
		kprintf("  %#010llx-%#010llx %-8s %7llu KiB  %s\n",
			(unsigned long long)r->base, (unsigned long long)end,
			memmap_kind_name(r->kind), (unsigned long long)(r->size >> 10), r->what);
	}
}
