/*
 * kernel/exec_map.h - demand-paged exec: a program's segments mapped from
 * its file's pages in the page cache instead of copied (docs/mapped-files.md).
 */
#ifndef KERNEL_EXEC_MAP_H
#define KERNEL_EXEC_MAP_H

#include "kernel/elf.h"
#include "mm/vmm.h"

struct vfs_node;

/* Maps segment s of the program in file n into slot: its whole file pages
 * MAP_PRIVATE from the cache (read-only code and constants are the cache's
 * frames, shared by everyone running the program; writable data is copied
 * page by page when written), the rest (bss) anonymous; the last partial
 * page of writable data is anonymous with the file's bytes copied in, so
 * what follows them reads as zeros. Returns 0, -E_BADFMT (the segment's
 * file offset and address differ modulo the page size, or it overlaps
 * another), -E_NOMEM, or a read error. */
int exec_map_segment(unsigned slot, struct vfs_node *n, const struct elf_segment *s);

#endif
