/*
 * boards/pc/board.c - what makes a PC a PC to mendax: its name and the
 * parts of the memory map that hold on every PC whatever the firmware
 * reports (the real-mode area, the ISA hole) or assume when it reports none.
 */
#include "board.h"
#include "arch/x86/x86_board.h"
#include "kernel/board.h"

const char board_name[] = "PC (QEMU i386)";

int board_memory_reserve(struct memmap *m)
{
	/* 0..1 MiB holds the IVT, BIOS data area and EBDA, which firmware (SMM,
	 * ACPI) may still use; the region is tiny, so it is simply never used. */
	int err = memmap_add(m, 0, PC_LOW_MEMORY_END, MEM_RESERVED,
			     "low memory (BIOS, real-mode area)");
	if (err)
		return err;
	/* VGA frame buffer and ROMs: not RAM, even where a map omits them. */
	return memmap_add(m, PC_ISA_HOLE_START, PC_LOW_MEMORY_END - PC_ISA_HOLE_START,
			  MEM_DEVICE, "ISA hole (VGA, option and BIOS ROMs)");
}

int board_memory_default(struct memmap *m)
{
	int err = memmap_add(m, 0, PC_ISA_HOLE_START, MEM_USABLE, "RAM (assumed)");
	if (err)
		return err;
	return memmap_add(m, PC_LOW_MEMORY_END,
			  (uint64_t)PC_DEFAULT_RAM_MIB * 1024 * 1024 - PC_LOW_MEMORY_END,
			  MEM_USABLE, "RAM (assumed)");
}
