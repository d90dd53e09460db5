/*
 * boards/rpi2/board.c - Raspberry Pi 2 memory facts: what is never RAM for
 * the kernel (peripherals, the VideoCore's share of RAM, the low boot
 * area), the firmware's answer when no device tree or ATAGs came, and a
 * safe default.
 */
#include "board.h"
#include "mailbox.h"
#include "arch/arm/arm_board.h"
#include "kernel/board.h"
#include "lib/kprintf.h"

const char board_name[] = "Raspberry Pi 2 (BCM2836)";

int board_memory_reserve(struct memmap *m)
{
	int rc = memmap_add(m, 0, RPI2_LOW_RESERVED, MEM_RESERVED,
			    "low memory (vectors, ATAGs, boot stub)");
	rc = rc ? rc : memmap_add(m, RPI2_PERIPH_PHYS, RPI2_PERIPH_SIZE, MEM_DEVICE, "peripherals");
	rc = rc ? rc : memmap_add(m, RPI2_LOCAL_PHYS, RPI2_LOCAL_SIZE, MEM_DEVICE,
				  "ARM-local peripherals");
	if (rc)
		return rc;
	/* The GPU's share of RAM: a device tree from QEMU (or a hand-made
	 * one) may claim it as memory, so ask the firmware where it is. */
	uint32_t base, size;
	if (rpi2_mailbox_get_range(MBOX_TAG_VC_MEMORY, &base, &size) == 0 && size)
		rc = memmap_add(m, base, size, MEM_DEVICE, "VideoCore memory");
	return rc;
}

int board_memory_from_firmware(struct memmap *m)
{
	uint32_t base, size;
	int rc = rpi2_mailbox_get_range(MBOX_TAG_ARM_MEMORY, &base, &size);
	if (rc || !size)
		return rc ? rc : -E_NOENT;
	return memmap_add(m, base, size, MEM_USABLE, "RAM (firmware mailbox)");
}

int board_memory_default(struct memmap *m)
{
	return memmap_add(m, 0, RPI2_DEFAULT_RAM, MEM_USABLE, "RAM (board default)");
}
