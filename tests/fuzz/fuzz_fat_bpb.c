/* tests/fuzz/fuzz_fat_bpb.c - boot sector and FSInfo validation. */
#include "fs/fat/bpb.h"
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t sector[1024] = { 0 };
	memcpy(sector, data, size < sizeof sector ? size : sizeof sector);
	struct fat_geometry g;
	const char *why;
	uint32_t volume = 1u << 20;   /* 512 MiB of 512-byte sectors */
	if (fat_bpb_parse(sector, volume, &g, &why))
		return 0;
	if ((uint64_t)g.data_start + (uint64_t)g.cluster_count * g.sectors_per_cluster > g.total_sectors)
		__builtin_trap();   /* the geometry leaves the volume */
	struct fat_fsinfo fi;
	if (fat_fsinfo_parse(sector + 512, &g, &fi) && fi.free_count != FAT_FSINFO_UNKNOWN &&
	    fi.free_count > g.cluster_count)
		__builtin_trap();
	return 0;
}
