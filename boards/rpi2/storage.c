/*
 * boards/rpi2/storage.c - the board's disk: the SD card slot, wired on the
 * Pi 2 to the Arasan SDHCI ("EMMC") through GPIO 48-53. Routes the pins,
 * asks the firmware for card power and the controller's base clock, then
 * brings up the host (drivers/sd/sdhci.c) and the card (sd_card.c) and
 * registers "sd0" with its partitions. An empty slot is not an error.
 */
#include "kernel/board.h"
#include "board.h"
#include "mailbox.h"
#include "mmio.h"
#include "arch/arm/cp15.h"
#include "drivers/block/block.h"
#include "drivers/sd/sd_card.h"
#include "drivers/sd/sdhci.h"
#include "lib/kprintf.h"

#define RPI2_EMMC_BASE     (RPI2_PERIPH_BASE + 0x300000u)
#define GPFSEL4            0x10u   /* pins 40-49 */
#define GPFSEL5            0x14u   /* pins 50-59 */
#define GPPUDCLK1          0x9Cu   /* pins 32-53 */
#define GPIO_FN_ALT3       7u
#define GPPUD_OFF          0u
#define GPPUD_UP           2u
/* When the firmware does not say: the highest EMMC clock Pi firmware uses,
 * so every divider we compute gives at most the card clock we asked for. */
#define EMMC_CLOCK_DEFAULT 250000000u
#define CNTFRQ_DEFAULT     19200000u   /* Pi 2 crystal, if CNTFRQ was never set */

static uint64_t ticks(void) { return cp15_cntvct(); }
static const struct sd_clock *board_clock(void)
{
	static struct sd_clock clock = { .ticks = ticks, .relax = mmio_poll_pause };
	uint32_t hz = cp15_cntfrq();
	clock.hz = hz ? hz : CNTFRQ_DEFAULT;
	return &clock;
}

/* The GPPUD sequence (Peripherals 6.1): control, 150 cycles, clock the
 * pins, 150 cycles, remove both. */
static void set_pulls(uint32_t pud, uint32_t pins_from_32)
{
	mmio_write(RPI2_GPIO_BASE + GPPUD, pud);
	for (volatile unsigned i = 0; i < 150; i++)
		mmio_poll_pause();
	mmio_write(RPI2_GPIO_BASE + GPPUDCLK1, pins_from_32);
	for (volatile unsigned i = 0; i < 150; i++)
		mmio_poll_pause();
	mmio_write(RPI2_GPIO_BASE + GPPUD, 0);
	mmio_write(RPI2_GPIO_BASE + GPPUDCLK1, 0);
}

/* GPIO 48 (CLK) and 49-53 (CMD, DAT0-3) to ALT3, the Arasan controller
 * (ALT0 gives them to the sdhost controller, which U-Boot's device tree
 * chooses), with the pulls the Pi device tree asks for: none on CLK, up on
 * CMD and DAT. The pins pass through input first: QEMU moves its card
 * only when all six become ALT0 (to sdhost) or input (to the SDHCI) and
 * ignores ALT3 (platform-facts-2.md 1); on a Pi, input for a moment only
 * parks the lines, with no command in flight. */
static void route_pins_to_sdhci(void)
{
	mmio_barrier();
	uint32_t sel4 = mmio_read(RPI2_GPIO_BASE + GPFSEL4) & ~(077u << 24);
	uint32_t sel5 = mmio_read(RPI2_GPIO_BASE + GPFSEL5) & ~07777u;
	mmio_write(RPI2_GPIO_BASE + GPFSEL4, sel4);
	mmio_write(RPI2_GPIO_BASE + GPFSEL5, sel5);
	mmio_write(RPI2_GPIO_BASE + GPFSEL4, sel4 | GPIO_FN_ALT3 << 24 | GPIO_FN_ALT3 << 27);
	mmio_write(RPI2_GPIO_BASE + GPFSEL5, sel5 | GPIO_FN_ALT3 * 01111u);
	set_pulls(GPPUD_OFF, 1u << (48 - 32));
	set_pulls(GPPUD_UP, 0x1Fu << (49 - 32));
	mmio_barrier();
}

/* Card power on (the firmware booted from the card, so it usually is)
 * and the EMMC base clock, both from the firmware's mailbox. */
static uint32_t firmware_power_and_clock(void)
{
	uint32_t power[2] = { MBOX_POWER_SD, 3u };   /* on, and wait until stable */
	if (rpi2_mailbox_call2(MBOX_TAG_SET_POWER, power) || !(power[1] & 1u))
		kprintf("sd: the firmware did not confirm SD power (state %#x): going on\n", power[1]);
	uint32_t clock[2] = { MBOX_CLOCK_EMMC, 0 };
	if (rpi2_mailbox_call2(MBOX_TAG_CLOCK_RATE, clock) || !clock[1]) {
		kprintf("sd: no EMMC clock rate from the firmware: assuming %u Hz\n", EMMC_CLOCK_DEFAULT);
		return EMMC_CLOCK_DEFAULT;
	}
	return clock[1];
}

void board_storage_init(void)
{
	static struct sdhci host;
	static struct sd_card card;
	route_pins_to_sdhci();
	uint32_t base_clock = firmware_power_and_clock();
	if (sdhci_init(&host, RPI2_EMMC_BASE, base_clock, board_clock(), "sdhci")) {
		kprintf("sd0: no usable SD host controller: no disk\n");
		return;
	}
	int rc = sd_card_init(&card, &host.host, "sd0");
	if (rc == -E_NOENT) {
		kprintf("sd0: no card in the slot: no disk\n");
		return;
	}
	if (rc) {
		kprintf("sd0: card initialisation failed: no disk\n");
		return;
	}
	if (block_register(&card.dev)) {
		kprintf("sd0: could not register the disk\n");
		return;
	}
	block_scan_partitions(&card.dev);
}
