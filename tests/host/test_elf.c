/*
 * tests/host/test_elf.c - the ELF32 executable reader, on images built
 * here, and corrupted ones that must be refused without reading outside.
 */
#include "htest.h"
#include "kernel/elf.h"
#include "mm/vmm.h"
#include <stdint.h>
#include <stdlib.h>

static void w16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void w32(uint8_t *p, uint32_t v) { w16(p, v); w16(p + 2, v >> 16); }

/* Two PT_LOAD segments (text R+X, data R+W with bss) and a PT_NOTE. */
static size_t build(uint8_t *img, uint16_t machine)
{
	memset(img, 0, 4096);
	memcpy(img, "\x7f" "ELF", 4);
	img[4] = 1, img[5] = 1, img[6] = 1;
	w16(img + 16, 2);
	w16(img + 18, machine);
	w32(img + 24, 0x00400010);              /* entry */
	w32(img + 28, 52);                      /* phoff */
	w16(img + 42, 32);
	w16(img + 44, 3);
	uint8_t *ph = img + 52;
	w32(ph, 1); w32(ph + 4, 0x200); w32(ph + 8, 0x00400000); w32(ph + 16, 0x100);
	w32(ph + 20, 0x100); w32(ph + 24, 5);
	ph += 32;
	w32(ph, 1); w32(ph + 4, 0x300); w32(ph + 8, 0x00401000); w32(ph + 16, 0x80);
	w32(ph + 20, 0x2000); w32(ph + 24, 6);
	ph += 32;
	w32(ph, 4);                             /* PT_NOTE: ignored */
	return 0x400;
}

HTEST(elf_reads_entry_and_load_segments)
{
	static uint8_t img[4096];
	size_t size = build(img, EM_ARM);
	struct elf_image e;
	HCHECK_EQ(elf_parse(img, size, EM_ARM, &e), 0);
	HCHECK_EQ(e.entry, 0x00400010);
	HCHECK_EQ(e.count, 2);
	HCHECK_EQ(e.seg[0].vaddr, 0x00400000);
	HCHECK_EQ(e.seg[0].prot, VMM_READ | VMM_EXEC);
	HCHECK_EQ(e.seg[1].memsz, 0x2000);
	HCHECK_EQ(e.seg[1].filesz, 0x80);
	HCHECK_EQ(e.seg[1].prot, VMM_READ | VMM_WRITE);
}

HTEST(elf_refuses_wrong_machine_and_bad_headers)
{
	static uint8_t img[4096];
	struct elf_image e;
	size_t size = build(img, EM_386);
	HCHECK_EQ(elf_parse(img, size, EM_ARM, &e), -E_BADFMT);
	HCHECK_EQ(elf_parse(img, 40, EM_386, &e), -E_BADFMT);        /* truncated header */
	HCHECK_EQ(elf_parse(NULL, size, EM_386, &e), -E_BADFMT);
	build(img, EM_386);
	w32(img + 52 + 32 + 16, 0x3000);                             /* filesz > memsz */
	HCHECK_EQ(elf_parse(img, size, EM_386, &e), -E_BADFMT);
	build(img, EM_386);
	w32(img + 52 + 4, 0x3f0);                                    /* data past the image */
	HCHECK_EQ(elf_parse(img, size, EM_386, &e), -E_BADFMT);
	build(img, EM_386);
	w16(img + 44, 60000);                                        /* headers past the image */
	HCHECK_EQ(elf_parse(img, size, EM_386, &e), -E_BADFMT);
	build(img, EM_386);
	w32(img + 52 + 8, 0xfffff000);                               /* wraps around */
	w32(img + 52 + 20, 0x2000);
	HCHECK_EQ(elf_parse(img, size, EM_386, &e), -E_BADFMT);
}

HTEST(elf_survives_every_single_byte_corruption)
{
	static uint8_t img[4096];
	size_t size = build(img, EM_386);
	for (size_t i = 0; i < 52 + 3 * 32; i++) {
		uint8_t *copy = malloc(size);
		memcpy(copy, img, size);
		copy[i] ^= 0xff;
		struct elf_image e;
		elf_parse(copy, size, EM_386, &e);
		free(copy);
	}
}

/* Only the head of a file in memory (exec of a mapped file): segments may
 * lie past the head but not past the file; headers must be in the head. */
HTEST(elf_headers_from_the_head_of_a_larger_file)
{
	static uint8_t img[4096];
	struct elf_image e;
	build(img, EM_ARM);
	w32(img + 52 + 32 + 4, 0x5000);   /* the data segment's bytes at 20 KiB */
	HCHECK_EQ(elf_parse_headers(img, 0x200, 0x6000, EM_ARM, &e), 0);
	HCHECK_EQ(e.seg[1].offset, 0x5000);
	HCHECK_EQ(elf_parse_headers(img, 0x200, 0x5040, EM_ARM, &e), -E_BADFMT);   /* past the file */
	HCHECK_EQ(elf_parse(img, 0x400, EM_ARM, &e), -E_BADFMT);                  /* the old rule */
	HCHECK_EQ(elf_parse_headers(img, 0x60, 0x6000, EM_ARM, &e), -E_BADFMT);   /* headers cut off */
	HCHECK_EQ(elf_parse_headers(img, 0x200, 0x100, EM_ARM, &e), -E_BADFMT);   /* head > file */
}
