/*
 * lib/fdt.c - a bounds-checked walker over a flattened device tree
 * (Devicetree Specification v0.4, chapter 5 "Flattened Devicetree (DTB)
 * Format"). A corrupt blob yields -E_BADFMT, never a read outside it.
 */
#include "lib/fdt.h"

#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define FDT_HEADER_BYTES 40
#define FDT_MAX_DEPTH  16

/* Header field indices (each a big-endian 32-bit word). */
enum { H_MAGIC, H_TOTALSIZE, H_OFF_STRUCT, H_OFF_STRINGS, H_OFF_RSVMAP,
       H_VERSION, H_LAST_COMP, H_BOOT_CPU, H_SIZE_STRINGS, H_SIZE_STRUCT };

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint32_t hdr(const void *blob, int field)
{
	return be32((const uint8_t *)blob + 4 * field);
}

static bool block_inside(uint32_t off, uint32_t size, uint32_t total)
{
	return off <= total && size <= total - off;
}

int fdt_validate(const void *blob, uint32_t max_size)
{
	if (!blob || max_size < FDT_HEADER_BYTES || hdr(blob, H_MAGIC) != FDT_MAGIC)
		return -E_BADFMT;
	uint32_t total = hdr(blob, H_TOTALSIZE);
	/* Version 17 added size_dt_struct, which the walker relies on; 16 is the oldest compatible. */
	if (total > max_size || total < FDT_HEADER_BYTES || hdr(blob, H_VERSION) < 17 ||
	    hdr(blob, H_LAST_COMP) > 17)
		return -E_BADFMT;
	if (!block_inside(hdr(blob, H_OFF_STRUCT), hdr(blob, H_SIZE_STRUCT), total) ||
	    !block_inside(hdr(blob, H_OFF_STRINGS), hdr(blob, H_SIZE_STRINGS), total) ||
	    !block_inside(hdr(blob, H_OFF_RSVMAP), 16, total) ||
	    (hdr(blob, H_OFF_STRUCT) & 3) || (hdr(blob, H_OFF_RSVMAP) & 7))
		return -E_BADFMT;
	return 0;
}

uint32_t fdt_total_size(const void *blob)
{
	return hdr(blob, H_TOTALSIZE);
}

/* One event of the walk: a node opens (prop == NULL, len == -1), a property
 * of the current node (prop != NULL), or a node closes (len == -2). */
struct fdt_event {
	int depth;
	const char *node;       /* name of the current node ("" for the root) */
	const char *prop;
	const uint8_t *value;
	int len;
};

typedef int (*fdt_visit)(const struct fdt_event *ev, void *ctx);

/* Length of a NUL-terminated string within [s, s + max), or -1 if unterminated. */
static int bounded_strlen(const char *s, uint32_t max)
{
	for (uint32_t i = 0; i < max; i++)
		if (!s[i])
			return (int)i;
	return -1;
}

static int walk_prop(const void *blob, const uint8_t *p, uint32_t left, struct fdt_event *ev,
		     uint32_t *used)
{
	if (left < 8)
		return -E_BADFMT;
	uint32_t len = be32(p), nameoff = be32(p + 4);
	if (len > left - 8 || nameoff >= hdr(blob, H_SIZE_STRINGS))
		return -E_BADFMT;
	const char *strings = (const char *)blob + hdr(blob, H_OFF_STRINGS);
	if (bounded_strlen(strings + nameoff, hdr(blob, H_SIZE_STRINGS) - nameoff) < 0)
		return -E_BADFMT;
	ev->prop = strings + nameoff;
	ev->value = p + 8;
	ev->len = (int)len;
	*used = 8 + ALIGN_UP(len, 4u);
	return 0;
}

/* Walks the structure block, calling visit for each event; a non-zero
 * return from visit stops the walk and is returned. */
static int fdt_walk(const void *blob, fdt_visit visit, void *ctx)
{
	const uint8_t *p = (const uint8_t *)blob + hdr(blob, H_OFF_STRUCT);
	uint32_t left = hdr(blob, H_SIZE_STRUCT) & ~3u;
	const char *names[FDT_MAX_DEPTH + 1] = { "" };
	struct fdt_event ev = { 0, "", NULL, NULL, 0 };
	int depth = 0, rc;

	while (left >= 4) {
		uint32_t tok = be32(p), used = 4;
		p += 4;
		left -= 4;
		if (tok == FDT_BEGIN_NODE) {
			int n = bounded_strlen((const char *)p, left);
			if (n < 0 || depth >= FDT_MAX_DEPTH)
				return -E_BADFMT;
			names[++depth] = (const char *)p;
			ev = (struct fdt_event){ depth, names[depth], NULL, NULL, -1 };
			used = ALIGN_UP((uint32_t)n + 1, 4u);
		} else if (tok == FDT_END_NODE) {
			if (depth == 0)
				return -E_BADFMT;
			ev = (struct fdt_event){ depth, names[depth], NULL, NULL, -2 };
			depth--;
			used = 0;
		} else if (tok == FDT_PROP) {
			if (depth == 0)
				return -E_BADFMT;
			ev = (struct fdt_event){ depth, names[depth], NULL, NULL, 0 };
			if ((rc = walk_prop(blob, p, left, &ev, &used)))
				return rc;
		} else if (tok == FDT_NOP) {
			continue;
		} else if (tok == FDT_END) {
			return depth == 0 ? 0 : -E_BADFMT;
		} else {
			return -E_BADFMT;
		}
		if (used > left)
			return -E_BADFMT;
		if (tok != FDT_NOP && (rc = visit(&ev, ctx)))
			return rc;
		p += used;
		left -= used;
	}
	return -E_BADFMT;   /* ran off the block without FDT_END */
}

static bool name_is(const char *node, const char *base)
{
	while (*base && *node == *base)
		node++, base++;
	return !*base && (!*node || *node == '@');
}

static bool prop_is(const struct fdt_event *ev, const char *name)
{
	const char *a = ev->prop;
	while (*name && *a == *name)
		a++, name++;
	return !*name && !*a;
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < cells; i++)
		v = v << 32 | be32(p + 4 * i);
	return v;
}

struct mem_ctx {
	struct memmap *map;
	uint32_t addr_cells, size_cells;   /* the root's; defaults per spec 2.3.5 */
	bool is_memory;
	const uint8_t *reg;
	int reg_len;
	int added;
};

static int add_reg_ranges(struct mem_ctx *c)
{
	uint32_t entry = 4 * (c->addr_cells + c->size_cells);
	if (!c->reg || entry == 0 || c->addr_cells > 2 || c->size_cells > 2 ||
	    c->reg_len % entry)
		return -E_BADFMT;
	for (int off = 0; off < c->reg_len; off += entry) {
		uint64_t base = read_cells(c->reg + off, c->addr_cells);
		uint64_t size = read_cells(c->reg + off + 4 * c->addr_cells, c->size_cells);
		if (size && memmap_add(c->map, base, size, MEM_USABLE, "RAM (device tree)") == 0)
			c->added++;
	}
	return 0;
}

static int visit_memory(const struct fdt_event *ev, void *ctx)
{
	struct mem_ctx *c = ctx;
	if (ev->depth == 1 && ev->prop && ev->len == 4) {
		if (prop_is(ev, "#address-cells"))
			c->addr_cells = be32(ev->value);
		if (prop_is(ev, "#size-cells"))
			c->size_cells = be32(ev->value);
	}
	if (ev->depth != 2)
		return 0;
	if (ev->len == -1) {
		c->is_memory = name_is(ev->node, "memory");
		c->reg = NULL;
	} else if (ev->prop && prop_is(ev, "device_type")) {
		c->is_memory |= ev->len == 7 && !__builtin_memcmp(ev->value, "memory", 7);
	} else if (ev->prop && prop_is(ev, "reg")) {
		c->reg = ev->value;
		c->reg_len = ev->len;
	} else if (ev->len == -2 && c->is_memory) {
		return add_reg_ranges(c);
	}
	return 0;
}

static int add_memreserve(const void *blob, struct memmap *m)
{
	uint32_t off = hdr(blob, H_OFF_RSVMAP), total = hdr(blob, H_TOTALSIZE);
	for (; off + 16 <= total; off += 16) {
		const uint8_t *e = (const uint8_t *)blob + off;
		uint64_t base = read_cells(e, 2), size = read_cells(e + 8, 2);
		if (!base && !size)
			return 0;
		if (memmap_add(m, base, size, MEM_RESERVED, "device tree /memreserve/"))
			return -E_BADFMT;
	}
	return -E_BADFMT;   /* no terminating entry */
}

int fdt_add_memory(const void *blob, struct memmap *m)
{
	/* Depth 1 is the root node (depth 0 is outside any node). */
	struct mem_ctx c = { .map = m, .addr_cells = 2, .size_cells = 1 };
	unsigned saved = m->count;
	int rc = fdt_walk(blob, visit_memory, &c);
	if (!rc)
		rc = add_memreserve(blob, m);
	if (rc) {
		m->count = saved;   /* all or nothing: a corrupt tree adds no range */
		return rc;
	}
	if (!c.added) {
		m->count = saved;
		return -E_NOENT;
	}
	return c.added;
}

struct args_ctx {
	const char *bootargs;
};

static int visit_bootargs(const struct fdt_event *ev, void *ctx)
{
	struct args_ctx *c = ctx;
	if (ev->depth == 2 && ev->prop && name_is(ev->node, "chosen") && prop_is(ev, "bootargs") &&
	    ev->len > 0 && ev->value[ev->len - 1] == 0) {
		c->bootargs = (const char *)ev->value;
		return 1;
	}
	return 0;
}

const char *fdt_bootargs(const void *blob)
{
	struct args_ctx c = { NULL };
	fdt_walk(blob, visit_bootargs, &c);
	return c.bootargs;
}
