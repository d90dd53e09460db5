/*
 * user/bin/meminfo.c - physical memory, what the lies save, what the
 * file caches hold (file frames are not in "used": drop_caches frees the
 * clean ones), and the swap area (slots of one page each).
 */
#include "mendax.h"

int main(void)
{
	struct mendax_meminfo m;
	if (meminfo(&m) < 0) {
		printf("meminfo: failed\n");
		return 1;
	}
	printf("frames: %u total (%u KiB), %u free, %u used, %u reserved\n", m.total_frames,
	       m.total_frames * 4, m.free_frames, m.used_frames, m.reserved_frames);
	printf("lies:   %u table-sized ranges on the zero table, %u pages on the zero page,\n"
	       "        %u pages copy-on-write shared\n",
	       m.zero_table_ranges, m.zero_page_maps, m.shared_cow_pages);
	printf("procs:  %u of %u; kernel heap %u pages\n", m.processes, m.max_processes, m.heap_pages);
	printf("files:  %u frames cached (%u dirty, %u mapped), index %u frames; %u metadata buffers\n"
	       "        %u pages read in, %u written back since boot\n",
	       m.file_cached, m.file_dirty, m.file_mapped, m.cache_table_frames, m.cache_buffers,
	       m.file_reads, m.file_writes);
	if (!m.swap_on) {
		printf("swap:   off\n");
		return 0;
	}
	printf("swap:   %s: %u KiB total, %u KiB used, %u KiB free, %u bad slots%s\n"
	       "        %u pages swap-cached; %u pages written out, %u read in since boot\n",
	       m.swap_name, m.swap_total * 4, m.swap_used * 4, m.swap_free * 4, m.swap_bad,
	       m.swap_failed ? " (a write failed: no more swap-out)" : "", m.swap_cached,
	       m.swap_outs, m.swap_ins);
	return 0;
}
