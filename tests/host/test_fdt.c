/*
 * tests/host/test_fdt.c - the device tree reader, on blobs built here by a
 * tiny writer (so each test controls exactly what the tree says), plus
 * corrupt blobs that must be refused without reading outside them.
 */
#include "htest.h"
#include "lib/fdt.h"
#include <stdint.h>
#include <stdlib.h>

struct fdtw {
	uint8_t structs[2048];
	uint32_t slen;
	char strings[512];
	uint32_t strlen_;
	uint64_t rsv[4][2];
	int nrsv;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void w32(struct fdtw *w, uint32_t v)
{
	put32(w->structs + w->slen, v);
	w->slen += 4;
}

static void wbytes(struct fdtw *w, const void *p, uint32_t n)
{
	memcpy(w->structs + w->slen, p, n);
	w->slen += n;
	while (w->slen & 3)
		w->structs[w->slen++] = 0;
}

static uint32_t str_off(struct fdtw *w, const char *s)
{
	for (uint32_t o = 0; o < w->strlen_; o += strlen(w->strings + o) + 1)
		if (!strcmp(w->strings + o, s))
			return o;
	uint32_t o = w->strlen_;
	strcpy(w->strings + o, s);
	w->strlen_ += strlen(s) + 1;
	return o;
}

static void begin(struct fdtw *w, const char *name) { w32(w, 1); wbytes(w, name, strlen(name) + 1); }
static void end(struct fdtw *w) { w32(w, 2); }

static void prop(struct fdtw *w, const char *name, const void *val, uint32_t len)
{
	w32(w, 3);
	w32(w, len);
	w32(w, str_off(w, name));
	wbytes(w, val, len);
}

static void prop_cells(struct fdtw *w, const char *name, const uint32_t *cells, int n)
{
	uint8_t tmp[64];
	for (int i = 0; i < n; i++)
		put32(tmp + 4 * i, cells[i]);
	prop(w, name, tmp, 4 * n);
}

static void prop_str(struct fdtw *w, const char *name, const char *s) { prop(w, name, s, strlen(s) + 1); }

/* Lays out header, reservation map, structure and strings; returns a malloc'd blob. */
static uint8_t *finish(struct fdtw *w, uint32_t *total_out)
{
	w32(w, 9);
	uint32_t off_rsv = 40, off_struct = off_rsv + 16 * (w->nrsv + 1);
	uint32_t off_str = off_struct + w->slen, total = off_str + w->strlen_;
	uint8_t *b = calloc(1, total);
	uint32_t h[10] = { FDT_MAGIC, total, off_struct, off_str, off_rsv, 17, 16, 0,
			   w->strlen_, w->slen };
	for (int i = 0; i < 10; i++)
		put32(b + 4 * i, h[i]);
	for (int i = 0; i < w->nrsv; i++)
		for (int k = 0; k < 2; k++) {
			put32(b + off_rsv + 16 * i + 8 * k, w->rsv[i][k] >> 32);
			put32(b + off_rsv + 16 * i + 8 * k + 4, (uint32_t)w->rsv[i][k]);
		}
	memcpy(b + off_struct, w->structs, w->slen);
	memcpy(b + off_str, w->strings, w->strlen_);
	*total_out = total;
	return b;
}

/* A Pi-like tree: root with 1/1 cells, /memory@0 with two banks, /chosen. */
static uint8_t *pi_like_tree(uint32_t *total)
{
	static struct fdtw w;
	memset(&w, 0, sizeof w);
	w.rsv[0][0] = 0x0; w.rsv[0][1] = 0x1000; w.nrsv = 1;
	begin(&w, "");
	uint32_t one = 1;
	prop_cells(&w, "#address-cells", &one, 1);
	prop_cells(&w, "#size-cells", &one, 1);
	begin(&w, "chosen");
	prop_str(&w, "bootargs", "fault=undef console=serial0");
	end(&w);
	begin(&w, "memory@0");
	prop_str(&w, "device_type", "memory");
	uint32_t reg[4] = { 0x0, 0x3C000000, 0x40000000, 0x100000 };
	prop_cells(&w, "reg", reg, 4);
	end(&w);
	begin(&w, "soc");
	begin(&w, "memory-controller");   /* not a memory node: nested, and name differs */
	uint32_t bogus[2] = { 0x7E000000, 0x1000 };
	prop_cells(&w, "reg", bogus, 2);
	end(&w);
	end(&w);
	end(&w);
	return finish(&w, total);
}

HTEST(fdt_reads_memory_banks_and_memreserve)
{
	uint32_t total;
	uint8_t *b = pi_like_tree(&total);
	HCHECK_EQ(fdt_validate(b, total), 0);
	HCHECK_EQ(fdt_total_size(b), total);
	struct memmap m = { 0 };
	int n = fdt_add_memory(b, &m);
	free(b);
	HCHECK_EQ(n, 2);
	HCHECK_EQ(m.count, 3);
	HCHECK_EQ(m.r[0].base, 0); HCHECK_EQ(m.r[0].size, 0x3C000000); HCHECK_EQ(m.r[0].kind, MEM_USABLE);
	HCHECK_EQ(m.r[1].base, 0x40000000); HCHECK_EQ(m.r[1].size, 0x100000);
	HCHECK_EQ(m.r[2].kind, MEM_RESERVED); HCHECK_EQ(m.r[2].size, 0x1000);
}

HTEST(fdt_reads_bootargs)
{
	uint32_t total;
	uint8_t *b = pi_like_tree(&total);
	const char *args = fdt_bootargs(b);
	int ok = args && !strcmp(args, "fault=undef console=serial0");
	free(b);
	HCHECK(ok);
}

HTEST(fdt_default_cells_are_two_and_one)
{
	static struct fdtw w;
	memset(&w, 0, sizeof w);
	begin(&w, "");
	begin(&w, "memory");
	uint32_t reg[3] = { 0x1, 0x00000000, 0x1000000 };   /* base 4 GiB: 2 address cells */
	prop_cells(&w, "reg", reg, 3);
	end(&w);
	end(&w);
	uint32_t total;
	uint8_t *b = finish(&w, &total);
	struct memmap m = { 0 };
	int n = fdt_add_memory(b, &m);
	free(b);
	HCHECK_EQ(n, 1);
	HCHECK_EQ(m.r[0].base, 0x100000000ull);
	HCHECK_EQ(m.r[0].size, 0x1000000);
}

HTEST(fdt_without_memory_node_is_enoent)
{
	static struct fdtw w;
	memset(&w, 0, sizeof w);
	begin(&w, "");
	begin(&w, "chosen");
	end(&w);
	end(&w);
	uint32_t total;
	uint8_t *b = finish(&w, &total);
	struct memmap m = { 0 };
	HCHECK_EQ(fdt_add_memory(b, &m), -E_NOENT);
	HCHECK_EQ(m.count, 0);
	HCHECK(fdt_bootargs(b) == NULL);
	free(b);
}

HTEST(fdt_rejects_bad_headers)
{
	uint32_t total;
	uint8_t *b = pi_like_tree(&total);
	HCHECK_EQ(fdt_validate(b, total - 1), -E_BADFMT);     /* claims more than we have */
	HCHECK_EQ(fdt_validate(NULL, total), -E_BADFMT);
	b[0] ^= 0xff;                                         /* magic */
	HCHECK_EQ(fdt_validate(b, total), -E_BADFMT);
	b[0] ^= 0xff;
	put32(b + 36, 0x100000);                              /* size_dt_struct past the end */
	HCHECK_EQ(fdt_validate(b, total), -E_BADFMT);
	free(b);
}

/* Every single-byte corruption of the structure block must be refused or
 * parsed within bounds (ASan catches any read outside the blob). */
HTEST(fdt_survives_every_single_byte_corruption)
{
	uint32_t total;
	uint8_t *orig = pi_like_tree(&total);
	for (uint32_t off = 0; off < total; off++) {
		for (int v = 0; v < 3; v++) {
			uint8_t *b = malloc(total);
			memcpy(b, orig, total);
			b[off] = v == 0 ? 0xff : v == 1 ? 0x00 : (uint8_t)(b[off] + 1);
			if (fdt_validate(b, total) == 0) {
				struct memmap m = { 0 };
				int n = fdt_add_memory(b, &m);
				if (n < 0 && m.count != 0) {
					free(b);
					free(orig);
					HCHECK(!"a failed parse left ranges behind");
				}
				fdt_bootargs(b);
			}
			free(b);
		}
	}
	free(orig);
}
