/*
 * scripts/layout-values.c - host helper of scripts/layout-svg.py: prints
 * one port's address-space constants ("NAME 0xVALUE" lines) straight from
 * the headers the kernel is built with, so the picture cannot drift from
 * the code. Built once per port with -include arch/<arch>/mm/layout.h.
 */
#include <stdio.h>
#include "lib/config.h"
#include "mm/vmm.h"

#define SHOW_AS(name, value) printf("%s 0x%llx\n", name, (unsigned long long)(value))
#define SHOW(name) SHOW_AS(#name, name)

int main(void)
{
	SHOW(CONFIG_MAX_PROCS);
	SHOW(CONFIG_MAX_REGIONS);
	SHOW(VMM_META_SLOT_BYTES);
	SHOW(VMM_META_BYTES);
	SHOW(USER_END);
	SHOW(KERNEL_VIRT_BASE);
	SHOW(DIRECT_MAP_PHYS_END);
	SHOW(KHEAP_BASE);
	SHOW(KHEAP_END);
	SHOW(META_REGION);
	SHOW(META_REGION_END);
	SHOW(KSTACK_REGION);
	SHOW(VMM_KSTACK_BYTES);
#ifdef L2_WINDOW   /* the ARM port */
	SHOW(L2_WINDOW);
	SHOW(TTBR0_SPAN);
	SHOW(L1_REGION);
	SHOW(L1_REGION_END);
	SHOW(DEVICE_VIRT);
	SHOW(BOARD_DEV0_VIRT);
	SHOW(BOARD_DEV0_MIB);
	SHOW(BOARD_DEV1_VIRT);
	SHOW(BOARD_DEV1_MIB);
	SHOW_AS("TABLE_SPAN", 1u << L1_SECTION_SHIFT);   /* one L1 entry's L2 table */
#else              /* the x86 port */
	SHOW(TABLE_SPAN);
	SHOW(PD_REGION);
	SHOW(PD_REGION_END);
	SHOW(ALT_PT_BASE);
	SHOW(SELF_PT_BASE);
	SHOW(KERNEL_LOAD_PHYS);
#endif
	return 0;
}
