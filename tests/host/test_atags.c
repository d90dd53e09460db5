/*
 * tests/host/test_atags.c - the ATAG list parser of the ARM port.
 */
#include "htest.h"
#include "arch/arm/boot/atags.h"
#include <stdint.h>
#include <stdlib.h>

static uint32_t buf[64];

/* CORE, MEM(256 MiB at 0), MEM(128 MiB at 512 MiB), CMDLINE, NONE.
 * Word indices: CORE 0-4, MEM 5-8, MEM 9-12, CMDLINE 13-18 (text at 15), NONE 19-20. */
#define CMDLINE_TEXT 15
static uint32_t build_list(void)
{
	uint32_t n = 0;
	memset(buf, 0, sizeof buf);
	buf[n++] = 5; buf[n++] = ATAG_CORE; buf[n++] = 0; buf[n++] = 4096; buf[n++] = 0;
	buf[n++] = 4; buf[n++] = ATAG_MEM; buf[n++] = 0x10000000; buf[n++] = 0;
	buf[n++] = 4; buf[n++] = ATAG_MEM; buf[n++] = 0x08000000; buf[n++] = 0x20000000;
	buf[n++] = 2 + 4; buf[n++] = ATAG_CMDLINE;
	memcpy(&buf[n], "quiet fault=x", 14);   /* 14 bytes in 4 words */
	n += 4;
	buf[n++] = 0; buf[n++] = ATAG_NONE;
	return n * 4;
}

HTEST(atags_memory_and_cmdline)
{
	uint32_t len = build_list();
	struct memmap m = { 0 };
	const char *cmd = NULL;
	HCHECK_EQ(atags_parse(buf, len, &m, &cmd), 2);
	HCHECK_EQ(m.count, 2);
	HCHECK_EQ(m.r[0].base, 0); HCHECK_EQ(m.r[0].size, 0x10000000);
	HCHECK_EQ(m.r[1].base, 0x20000000); HCHECK_EQ(m.r[1].size, 0x08000000);
	HCHECK(cmd != NULL);
	HCHECK_STR(cmd, "quiet fault=x");
	HCHECK_EQ(atags_length(buf, len), len);
}

HTEST(atags_without_core_are_refused)
{
	uint32_t len = build_list();
	buf[1] = ATAG_MEM;
	struct memmap m = { 0 };
	HCHECK_EQ(atags_parse(buf, len, &m, NULL), -E_BADFMT);
	HCHECK_EQ(m.count, 0);
}

HTEST(atags_sizes_past_the_bound_are_refused)
{
	uint32_t len = build_list();
	struct memmap m = { 0 };
	buf[5] = 1000;                           /* MEM tag claims 4000 bytes */
	HCHECK_EQ(atags_parse(buf, len, &m, NULL), -E_BADFMT);
	build_list();
	buf[5] = 0;                              /* zero size would loop forever */
	HCHECK_EQ(atags_parse(buf, len, &m, NULL), -E_BADFMT);
	build_list();
	HCHECK_EQ(atags_parse(buf, len - 8, &m, NULL), -E_BADFMT);   /* NONE cut off */
	HCHECK_EQ(m.count, 0);
	HCHECK_EQ(atags_parse(NULL, len, &m, NULL), -E_BADFMT);
}

HTEST(atags_unterminated_cmdline_is_ignored)
{
	uint32_t len = build_list();
	memcpy(&buf[CMDLINE_TEXT], "abcdefghijklmnop", 16);   /* fills the 4 words, no NUL */
	struct memmap m = { 0 };
	const char *cmd = "unchanged";
	HCHECK_EQ(atags_parse(buf, len, &m, &cmd), 2);
	HCHECK_STR(cmd, "unchanged");
}

/* Garbage after ATAG_CORE, byte by byte: never a read past the bound. */
HTEST(atags_random_corruption_stays_in_bounds)
{
	for (uint32_t i = 0; i < 21 * 4; i++) {
		uint32_t len = build_list();
		((uint8_t *)buf)[i] ^= 0xA5;
		uint32_t *copy = malloc(len);
		memcpy(copy, buf, len);
		struct memmap m = { 0 };
		atags_parse(copy, len, &m, NULL);
		free(copy);
	}
}
