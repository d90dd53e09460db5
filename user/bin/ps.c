/*
 * user/bin/ps.c - the processes, and what their memory really is: pages
 * resident in RAM and pages on the swap area among them.
 */
#include "mendax.h"

int main(void)
{
	static struct mendax_procinfo p[64];
	int n = ps(p, 64);
	printf("  PID  PPID S NAME             RESIDENT  SWAPPED  PRIVATE  COW-SHARED  ZERO-PAGE"
	       "  ZERO-TABLES\n");
	for (int i = 0; i < n; i++)
		printf("%5d %5d %c %-16s %8u %8u %8u %11u %10u %12u\n", p[i].pid, p[i].ppid,
		       p[i].state, p[i].name, p[i].resident_pages, p[i].swapped_pages,
		       p[i].private_pages, p[i].shared_pages, p[i].zero_page_maps,
		       p[i].zero_table_ranges);
	return 0;
}
