/*
 * user/bin/dropcaches.c - drop_caches(): syncs, then frees every clean
 * page-cache frame nobody maps and the metadata buffers, and says how many
 * frames came back (a baseline for measurements; docs/page-cache.md).
 */
#include "mendax.h"

int main(void)
{
	int freed = drop_caches();
	if (freed < 0) {
		printf("dropcaches: sync failed (%d); clean pages were freed all the same\n", freed);
		return 1;
	}
	printf("dropcaches: %d cached file frames freed\n", freed);
	return 0;
}
