/*
 * lib/fdt.h - a read-only flattened device tree (DTB) reader: just enough
 * to find memory, reservations and the command line. Pure: it touches only
 * the blob it is given, and checks every offset against the blob's size.
 */
#ifndef LIB_FDT_H
#define LIB_FDT_H

#include "lib/memmap.h"

#define FDT_MAGIC 0xd00dfeed

/* Checks the header: magic, version, and that every block lies inside
 * totalsize and totalsize <= max_size. Returns 0 or -E_BADFMT. */
int fdt_validate(const void *blob, uint32_t max_size);

/* totalsize from the header (call after fdt_validate). */
uint32_t fdt_total_size(const void *blob);

/* Adds each /memory node's reg ranges as MEM_USABLE and each /memreserve/
 * entry as MEM_RESERVED. Returns the number of RAM ranges added (>= 1),
 * -E_NOENT when the tree names no memory, -E_BADFMT when it is corrupt. */
int fdt_add_memory(const void *blob, struct memmap *m);

/* /chosen/bootargs, or NULL. The string lies inside the blob. */
const char *fdt_bootargs(const void *blob);

#endif
