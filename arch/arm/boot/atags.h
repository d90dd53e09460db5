/*
 * arch/arm/boot/atags.h - the ARM Linux boot tag list (ATAGs), the older
 * alternative to a device tree that QEMU's boot stub passes at 0x100.
 * Pure: parses a buffer with an explicit length bound.
 */
#ifndef ARCH_ARM_BOOT_ATAGS_H
#define ARCH_ARM_BOOT_ATAGS_H

#include "lib/memmap.h"

#define ATAG_NONE    0x00000000u
#define ATAG_CORE    0x54410001u
#define ATAG_MEM     0x54410002u
#define ATAG_CMDLINE 0x54410009u

/* Parses the list at p (at most max_bytes long): each ATAG_MEM becomes a
 * MEM_USABLE range, ATAG_CMDLINE sets *cmdline (left alone if absent).
 * Returns the number of memory ranges added (0 is possible), -E_BADFMT if
 * the list does not start with ATAG_CORE or a tag's size runs past the
 * bound or the list has no ATAG_NONE, -E_NOMEM when the map is full; on
 * an error no range is added. */
int atags_parse(const void *p, uint32_t max_bytes, struct memmap *m, const char **cmdline);

/* Total length in bytes of a well-formed list (through ATAG_NONE). */
uint32_t atags_length(const void *p, uint32_t max_bytes);

#endif
