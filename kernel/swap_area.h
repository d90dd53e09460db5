/*
 * kernel/swap_area.h - turning swap on at boot over the first partition of
 * MBR type 0x82 (kernel/swap_area.c).
 */
#ifndef KERNEL_SWAP_AREA_H
#define KERNEL_SWAP_AREA_H

/* After the disks' partitions are registered: enables the first 0x82
 * partition as the swap area (swap_enable prints it), unless cmdline has
 * swap=off (then a line says so). No such partition: nothing, silently. */
void swap_area_boot(const char *cmdline);

#endif
