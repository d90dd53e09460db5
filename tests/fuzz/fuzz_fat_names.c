/* tests/fuzz/fuzz_fat_names.c - long-name collection from hostile entries,
 * and long names, 8.3 tests and aliases built from hostile strings: the
 * built entries must collect back to the same name. */
#include "fs/fat/dirent.h"
#include <string.h>

static void collect(const uint8_t *data, size_t size)
{
	struct fat_lfn_collector c;
	static char name[FAT_NAME_UTF8_MAX + 1];
	fat_lfn_reset(&c);
	for (size_t off = 0; off + FAT_DIRENT_SIZE <= size; off += FAT_DIRENT_SIZE) {
		const uint8_t *e = data + off;
		if (fat_dirent_classify(e) == FAT_SLOT_LFN)
			fat_lfn_feed(&c, e);
		else if (fat_lfn_take(&c, e, name) && strlen(name) > FAT_NAME_UTF8_MAX)
			__builtin_trap();
	}
}

static void build(const uint8_t *data, size_t size)
{
	static char name[1024], back[FAT_NAME_UTF8_MAX + 1];
	static uint8_t entries[FAT_LFN_MAX_ENTRIES][FAT_DIRENT_SIZE];
	size_t n = size < sizeof name - 1 ? size : sizeof name - 1;
	memcpy(name, data, n);
	name[n] = 0;
	uint8_t raw[11], nt;
	fat_name_is_short(name, raw, &nt);
	fat_short_alias(name, 1 + (unsigned)n, raw);
	memcpy(raw, "ALIAS~1 TXT", 11);
	int count = fat_lfn_build(name, raw, entries);
	if (count <= 0)
		return;
	struct fat_lfn_collector c;
	fat_lfn_reset(&c);
	for (int k = 0; k < count; k++)
		fat_lfn_feed(&c, entries[k]);
	if (!fat_lfn_take(&c, raw, back) || strcmp(back, name))
		__builtin_trap();   /* a name that was accepted must come back unchanged */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	collect(data, size);
	build(data, size);
	return 0;
}
