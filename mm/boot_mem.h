/*
 * mm/boot_mem.h - boot-time memory setup: normalizes the discovered map,
 * carves the PMM's frame database out of RAM, and starts the PMM.
 */
#ifndef MM_BOOT_MEM_H
#define MM_BOOT_MEM_H

#include "kernel/boot_info.h"

/* Prints the final map and initialises the PMM; panics only if the machine
 * has no RAM the kernel can use at all (nothing else could run). */
void boot_mem_init(struct boot_info *bi);

#endif
