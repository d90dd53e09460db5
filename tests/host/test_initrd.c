/*
 * tests/host/test_initrd.c - lookups in the RAM archive format that
 * tools/mkinitrd.c writes.
 */
#include "htest.h"
#include "kernel/initrd.h"
#include <stdint.h>

static uint8_t blob[256];

static void w32(uint8_t *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }

static size_t build(void)
{
	memset(blob, 0, sizeof blob);
	memcpy(blob, "MNDXRAM1", 8);
	w32(blob + 8, 2);
	strcpy((char *)blob + 12, "init");
	w32(blob + 12 + 24, 80);
	w32(blob + 12 + 28, 5);
	strcpy((char *)blob + 44, "sh");
	w32(blob + 44 + 24, 96);
	w32(blob + 44 + 28, 3);
	memcpy(blob + 80, "hello", 5);
	memcpy(blob + 96, "abc", 3);
	return 112;
}

HTEST(initrd_finds_files_by_name)
{
	size_t size = build();
	const void *data;
	size_t len;
	HCHECK_EQ(initrd_find(blob, size, "sh", &data, &len), 0);
	HCHECK_EQ(len, 3);
	HCHECK(!memcmp(data, "abc", 3));
	HCHECK_EQ(initrd_find(blob, size, "init", &data, &len), 0);
	HCHECK_EQ(len, 5);
	HCHECK_EQ(initrd_find(blob, size, "ini", &data, &len), -E_NOENT);
	HCHECK_EQ(initrd_find(blob, size, "nosuch", &data, &len), -E_NOENT);
	HCHECK_STR(initrd_name(blob, size, 1), "sh");
	HCHECK(initrd_name(blob, size, 2) == NULL);
}

HTEST(initrd_refuses_corrupt_archives)
{
	const void *data;
	size_t len, size = build();
	HCHECK_EQ(initrd_find(blob, 10, "sh", &data, &len), -E_BADFMT);
	blob[0] = 'X';
	HCHECK_EQ(initrd_find(blob, size, "sh", &data, &len), -E_BADFMT);
	build();
	w32(blob + 8, 1000);                      /* more entries than fit */
	HCHECK_EQ(initrd_find(blob, size, "sh", &data, &len), -E_BADFMT);
	build();
	w32(blob + 44 + 28, 1000);                /* file runs past the end */
	HCHECK_EQ(initrd_find(blob, size, "sh", &data, &len), -E_BADFMT);
}
