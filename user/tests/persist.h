/*
 * user/tests/persist.h - the files the persistence test writes on the
 * first boot (user/tests/storage.c) and reads back on the second, booted
 * on the same image with init=persistcheck (user/bin/persistcheck.c); the
 * host checks the same list and bytes (scripts/fat-volumes.py PERSIST:
 * keep the three in step).
 */
#ifndef USER_TESTS_PERSIST_H
#define USER_TESTS_PERSIST_H

#include "mendax.h"

struct persist_file {
	const char *path;
	unsigned seed, size;
};

/* Several sizes: under a sector, one sector, many clusters; a long name
 * (several VFAT pieces) and a file two directories down. */
static const struct persist_file persist_files[] = {
	{ "/persist/small.txt", 1, 13 },
	{ "/persist/sector.bin", 2, 512 },
	{ "/persist/multi.bin", 3, 100000 },
	{ "/persist/a long name that needs several long-name entries.txt", 4, 700 },
	{ "/persist/sub/deeper/nested.bin", 5, 5000 },
};
#define PERSIST_FILES (sizeof persist_files / sizeof persist_files[0])

/* What the second boot writes just before halt(): on the disk afterwards
 * only if halt synced. */
#define PERSIST_SECOND_PATH "/persist/second-boot.txt"
#define PERSIST_SECOND_TEXT "written by persistcheck, then halt\n"

static inline unsigned char persist_byte(unsigned seed, unsigned i)
{
	return (unsigned char)((i * 7 + seed * 31) ^ (i >> 9));
}

#endif
