/*
 * kernel/initrd.c - lookups in the RAM archive; every offset is checked
 * against the archive's size.
 */
#include "kernel/initrd.h"

#define MAGIC "MNDXRAM1"
#define HEADER 12
#define ENTRY (INITRD_NAME_MAX + 8)

static uint32_t rd32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static int count_entries(const uint8_t *b, size_t size, uint32_t *count)
{
	if (!b || size < HEADER)
		return -E_BADFMT;
	for (int i = 0; i < 8; i++)
		if (b[i] != (uint8_t)MAGIC[i])
			return -E_BADFMT;
	*count = rd32(b + 8);
	if (*count > (size - HEADER) / ENTRY)
		return -E_BADFMT;
	return 0;
}

static bool name_equal(const uint8_t *entry, const char *name)
{
	for (int i = 0; i < INITRD_NAME_MAX; i++) {
		if (entry[i] != (uint8_t)name[i])
			return false;
		if (!name[i])
			return true;
	}
	return false;   /* names fill at most INITRD_NAME_MAX - 1 bytes */
}

int initrd_find(const void *blob, size_t blob_size, const char *name,
		const void **data, size_t *size)
{
	const uint8_t *b = blob;
	uint32_t count;
	if (count_entries(b, blob_size, &count))
		return -E_BADFMT;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = b + HEADER + i * ENTRY;
		if (!name_equal(e, name))
			continue;
		uint32_t off = rd32(e + INITRD_NAME_MAX), len = rd32(e + INITRD_NAME_MAX + 4);
		if (off > blob_size || len > blob_size - off)
			return -E_BADFMT;
		*data = b + off;
		*size = len;
		return 0;
	}
	return -E_NOENT;
}

const char *initrd_name(const void *blob, size_t blob_size, unsigned i)
{
	const uint8_t *b = blob;
	uint32_t count;
	if (count_entries(b, blob_size, &count) || i >= count)
		return NULL;
	const uint8_t *e = b + HEADER + i * ENTRY;
	return e[INITRD_NAME_MAX - 1] == 0 ? (const char *)e : NULL;
}
