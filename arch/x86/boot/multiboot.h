/*
 * arch/x86/boot/multiboot.h - the Multiboot v1 formats mendax uses (header,
 * boot information, memory map, modules) and the parser that turns them
 * into a struct boot_info. Offsets follow the Multiboot Specification
 * 0.6.96, section 3.3 "Boot information format".
 */
#ifndef ARCH_X86_BOOT_MULTIBOOT_H
#define ARCH_X86_BOOT_MULTIBOOT_H

/* Header (spec 3.1.1), searched for in the first 8 KiB of the image. */
#define MB_HEADER_MAGIC       0x1BADB002
#define MB_HEADER_PAGE_ALIGN  (1 << 0)   /* modules on 4 KiB boundaries */
#define MB_HEADER_MEMORY_INFO (1 << 1)   /* we need mem_* and the mmap */

/* What the loader leaves in EAX (spec 3.2). */
#define MB_BOOT_MAGIC 0x2BADB002

#ifndef __ASSEMBLY__

#include "lib/types.h"
#include "kernel/boot_info.h"

/* Boot information: byte offsets of the fields mendax reads, and the flag
 * bit that says each one is valid. The structure is read byte-wise, so the
 * host tests can feed any buffer and no field is ever misaligned. */
#define MB_INFO_FLAGS       0
#define MB_INFO_MEM_LOWER   4     /* KiB from 0;     flag 0 */
#define MB_INFO_MEM_UPPER   8     /* KiB from 1 MiB; flag 0 */
#define MB_INFO_CMDLINE     16    /* C string;       flag 2 */
#define MB_INFO_MODS_COUNT  20    /*                 flag 3 */
#define MB_INFO_MODS_ADDR   24
#define MB_INFO_MMAP_LENGTH 44    /* bytes;          flag 6 */
#define MB_INFO_MMAP_ADDR   48
#define MB_INFO_READ_SIZE   52    /* the prefix the parser reads */
#define MB_INFO_SIZE        116   /* the whole structure of spec 0.6.96 (reserved) */

#define MB_FLAG_MEM     (1u << 0)
#define MB_FLAG_CMDLINE (1u << 2)
#define MB_FLAG_MODS    (1u << 3)
#define MB_FLAG_MMAP    (1u << 6)

/* Memory-map entry: u32 size (of the rest, NOT counting itself), u64
 * base_addr, u64 length, u32 type. The next entry starts size + 4 bytes on. */
#define MB_MMAP_SIZE   0
#define MB_MMAP_BASE   4
#define MB_MMAP_LENGTH 12
#define MB_MMAP_TYPE   20
#define MB_MMAP_MIN_SIZE 20  /* smallest valid size field */
#define MB_MMAP_AVAILABLE 1  /* type 1: RAM; every other type is not ours */

/* Module entry: u32 mod_start, mod_end (exclusive), string, reserved. */
#define MB_MOD_ENTRY_SIZE 16
#define MB_MODS_MAX 8        /* more are ignored (with a warning) */

#define MB_STRING_MAX 4096   /* a cmdline longer than this is treated as corrupt */

/* Map slots the parser leaves free for the reservations added after it
 * (kernel image, board ranges, the PMM's frame database). */
#define MB_MAP_HEADROOM 8

/* How the parser reaches the physical addresses the loader handed over:
 * read() returns a pointer through which len bytes at physical address pa
 * can be read, or NULL when that range is not readable. The kernel maps
 * identity (paging is off); the host tests map into their own buffers. */
struct mb_phys {
	const uint8_t *(*read)(void *ctx, uint32_t pa, uint32_t len);
	void *ctx;
};

/*
 * Fills bi from the boot information at physical address info_pa, handed
 * over with EAX = magic. Always sets bi->cmdline ("" when absent or bad).
 * Adds MEM_RESERVED "multiboot info" ranges for the structure, the mmap
 * buffer, the cmdline, the module list and strings, and "multiboot module"
 * ranges for the modules. RAM comes from the memory map (memory_source
 * "multiboot memory map"), or if that yields no usable RAM, from
 * mem_lower/mem_upper ("multiboot mem_lower/mem_upper"). A malformed
 * mmap entry ends the walk with a warning; entries before it are kept.
 * Returns 0 when RAM was found; -E_INVAL for a wrong magic (nothing else is
 * read); -E_BADFMT when the structure is unreadable; -E_NOENT when it holds
 * no usable memory information. Prints a warning for each problem.
 */
int multiboot_parse(uint32_t magic, uint32_t info_pa, const struct mb_phys *phys,
		    struct boot_info *bi);

#endif /* __ASSEMBLY__ */
#endif
