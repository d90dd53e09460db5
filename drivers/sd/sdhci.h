/*
 * drivers/sd/sdhci.h - an SD Host Controller (SD Host Controller Simplified
 * Specification 3.00) as the BCM2835 "EMMC" block (an Arasan core) offers
 * it: 32-bit register accesses only, PIO through the buffer data port.
 * The board gives the register base (a kernel virtual address), the base
 * clock and a time source; sdhci_init returns a host for sd_card.c.
 */
#ifndef DRIVERS_SD_SDHCI_H
#define DRIVERS_SD_SDHCI_H

#include "drivers/sd/sd_host.h"

struct sdhci {
	struct sd_host host;          /* first: sd_card.c sees only this */
	uintptr_t base;
	uint32_t base_clock_hz;
	uint32_t spec_version;        /* 0 = 1.00, 1 = 2.00, 2 = 3.00 */
	uint64_t write_gap;           /* ticks between two register writes */
	uint64_t last_write;          /* ticks at the last register write */
};

/* Resets the controller, leaves the card clock off and every status bit
 * visible (interrupt signals off: polling). Returns 0, or -E_IO when the
 * reset never completes (no controller there). */
int sdhci_init(struct sdhci *s, uintptr_t base, uint32_t base_clock_hz,
	       const struct sd_clock *clock, const char *name);

#endif
