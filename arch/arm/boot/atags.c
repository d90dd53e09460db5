/*
 * arch/arm/boot/atags.c - reading an ATAG list (Linux "Booting ARM Linux",
 * section 4 "Setup the kernel tagged list"): a sequence of {size in words,
 * tag, data} records starting with ATAG_CORE and ending with ATAG_NONE.
 */
#include "arch/arm/boot/atags.h"

/* Walks the list, calling visit for each tag; returns the byte length
 * through ATAG_NONE, or 0 when the list is malformed. */
static uint32_t walk(const uint32_t *w, uint32_t max_words,
		     void (*visit)(const uint32_t *tag, void *ctx), void *ctx)
{
	if (max_words < 2 || w[1] != ATAG_CORE)
		return 0;
	uint32_t at = 0;
	while (at + 2 <= max_words) {
		uint32_t size = w[at], tag = w[at + 1];
		if (tag == ATAG_NONE)
			return (at + 2) * 4;
		if (size < 2 || size > max_words - at)
			return 0;
		if (visit)
			visit(&w[at], ctx);
		at += size;
	}
	return 0;
}

uint32_t atags_length(const void *p, uint32_t max_bytes)
{
	return walk(p, max_bytes / 4, NULL, NULL);
}

struct atag_ctx {
	struct memmap *m;
	const char *cmdline;
	int added;
	bool full;
};

static void visit_tag(const uint32_t *tag, void *ctx)
{
	struct atag_ctx *c = ctx;
	uint32_t size = tag[0];
	if (tag[1] == ATAG_MEM && size >= 4) {
		/* data: { size, start } */
		if (tag[2] && memmap_add(c->m, tag[3], tag[2], MEM_USABLE, "RAM (ATAGs)") == 0)
			c->added++;
		else if (tag[2])
			c->full = true;
	} else if (tag[1] == ATAG_CMDLINE && size > 2) {
		const char *s = (const char *)&tag[2];
		uint32_t max = (size - 2) * 4;
		for (uint32_t i = 0; i < max; i++)
			if (!s[i]) {   /* only a terminated string inside the tag */
				c->cmdline = s;
				break;
			}
	}
}

int atags_parse(const void *p, uint32_t max_bytes, struct memmap *m, const char **cmdline)
{
	if (!p || !atags_length(p, max_bytes))
		return -E_BADFMT;
	unsigned saved = m->count;
	struct atag_ctx c = { m, NULL, 0, false };
	walk(p, max_bytes / 4, visit_tag, &c);
	if (c.full) {
		m->count = saved;
		return -E_NOMEM;
	}
	if (c.cmdline && cmdline)
		*cmdline = c.cmdline;
	return c.added;
}
