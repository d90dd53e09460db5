/* tests/fuzz/fuzz_mbr.c - the MBR parser: any sector, any disk size. */
#include "fs/part/mbr.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t sector[MBR_SECTOR_SIZE] = { 0 };
	uint32_t disk = 0;
	if (size >= 4)
		memcpy(&disk, data, 4), data += 4, size -= 4;
	memcpy(sector, data, size < sizeof sector ? size : sizeof sector);
	struct mbr_table t;
	const char *why;
	if (mbr_parse(sector, disk, &t, &why) == 0)
		for (unsigned i = 0; i < t.count; i++)
			if (!t.part[i].start || (uint64_t)t.part[i].start + t.part[i].sectors > disk)
				__builtin_trap();   /* accepted a partition outside the disk */
	return 0;
}
