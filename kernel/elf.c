/*
 * kernel/elf.c - the ELF32 executable reader (see elf.h). Reads fields with
 * explicit little-endian loads so a misaligned image cannot fault.
 */
#include "kernel/elf.h"
#include "mm/vmm.h"

#define ET_EXEC 2
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define EHDR_SIZE 52
#define PHDR_SIZE 32

static uint32_t rd32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static bool header_ok(const uint8_t *e, size_t size, uint16_t machine)
{
	return size >= EHDR_SIZE && e[0] == 0x7f && e[1] == 'E' && e[2] == 'L' && e[3] == 'F' &&
	       e[4] == 1 /* 32-bit */ && e[5] == 1 /* little-endian */ &&
	       rd16(e + 16) == ET_EXEC && rd16(e + 18) == machine && rd16(e + 42) == PHDR_SIZE;
}

static int read_segment(const uint8_t *ph, size_t file_size, struct elf_segment *s)
{
	s->offset = rd32(ph + 4);
	s->vaddr = rd32(ph + 8);
	s->filesz = rd32(ph + 16);
	s->memsz = rd32(ph + 20);
	uint32_t flags = rd32(ph + 24);
	if (s->filesz > s->memsz || s->offset > file_size || s->filesz > file_size - s->offset ||
	    s->vaddr + s->memsz < s->vaddr)
		return -E_BADFMT;
	/* Write and execute imply read, as in mmap: neither port's user
	 * entries can allow them without it, and the usercopy path trusts a
	 * readable entry to lie in a readable region. */
	s->prot = (flags & (PF_R | PF_W | PF_X) ? VMM_READ : 0) | (flags & PF_W ? VMM_WRITE : 0) |
		  (flags & PF_X ? VMM_EXEC : 0);
	return 0;
}

int elf_parse(const void *image, size_t size, uint16_t machine, struct elf_image *out)
{
	return elf_parse_headers(image, size, size, machine, out);
}

int elf_parse_headers(const void *image, size_t size, size_t file_size, uint16_t machine,
		      struct elf_image *out)
{
	const uint8_t *e = image;
	if (!image || size > file_size || !header_ok(e, size, machine))
		return -E_BADFMT;
	uint32_t phoff = rd32(e + 28), phnum = rd16(e + 44);
	if (phoff > size || phnum > (size - phoff) / PHDR_SIZE)
		return -E_BADFMT;
	out->entry = rd32(e + 24);
	out->count = 0;
	for (uint32_t i = 0; i < phnum; i++) {
		const uint8_t *ph = e + phoff + i * PHDR_SIZE;
		if (rd32(ph) != PT_LOAD || rd32(ph + 20) == 0)
			continue;
		if (out->count == ELF_MAX_SEGMENTS ||
		    read_segment(ph, file_size, &out->seg[out->count]))
			return -E_BADFMT;
		out->count++;
	}
	return out->count ? 0 : -E_BADFMT;
}
