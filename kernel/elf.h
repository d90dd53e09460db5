/*
 * kernel/elf.h - reading 32-bit little-endian ELF executables (System V
 * ABI, "ELF header" and "Program header"): the entry point and the PT_LOAD
 * segments. Pure: bounds-checked against the image size, host-tested.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "lib/types.h"

#define ELF_MAX_SEGMENTS 8
#define EM_386 3
#define EM_ARM 40

struct elf_segment {
	uint32_t vaddr, memsz;    /* where, and how much memory */
	uint32_t offset, filesz;  /* what of the file goes there (the rest is zero) */
	unsigned prot;            /* VMM_READ/WRITE/EXEC from p_flags */
};

struct elf_image {
	uint32_t entry;
	unsigned count;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/* Parses an executable for machine. Returns 0, or -E_BADFMT for anything
 * malformed: bad magic/class/type/machine, headers or segments outside the
 * image, filesz > memsz, a segment that wraps, or too many segments. */
int elf_parse(const void *image, size_t size, uint16_t machine, struct elf_image *out);

/* The same from the first size bytes of a file of file_size bytes (exec
 * of a mapped file reads only its head): the headers must lie in those
 * bytes, the segments in the file. */
int elf_parse_headers(const void *image, size_t size, size_t file_size, uint16_t machine,
		      struct elf_image *out);

#endif
