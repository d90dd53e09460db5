/*
 * drivers/sd/sd_card.h - an SD memory card on some host (sd_host.h):
 * identification and initialisation (SD Physical Layer Simplified
 * Specification 4.2), then a block device of 512-byte sectors. SDSC cards
 * take byte addresses, SDHC/SDXC block addresses; callers never see which.
 */
#ifndef DRIVERS_SD_SD_CARD_H
#define DRIVERS_SD_SD_CARD_H

#include "drivers/block/block.h"
#include "drivers/sd/sd_host.h"

#define SD_CLOCK_IDENTIFY 400000u    /* SD 4.2: identification at <= 400 kHz */
#define SD_CLOCK_DATA     25000000u  /* default speed */

struct sd_card {
	struct block_device dev;   /* registered by the caller (the board) */
	struct sd_host *host;
	uint32_t rca;              /* relative card address, from CMD3 */
	uint32_t ocr;
	bool high_capacity;        /* SDHC/SDXC (OCR CCS): block addressing */
	bool bus_4bit;
	uint32_t cid[4], csd[4];
	/* One request in flight per card. The kernel is not preemptive and
	 * runs on one CPU, so a flag suffices: a process that finds it set
	 * sleeps on the card until the owner clears it. With SMP this
	 * becomes a lock around the flag (the sleep stays). */
	bool busy;
};

/* Brings the card on host to the transfer state and fills card->dev
 * (named name, 512-byte sectors, the CSD's capacity). Returns 0,
 * -E_NOENT when no card answers (not an error: an empty slot), or -E_IO
 * after a console line naming the command that failed. */
int sd_card_init(struct sd_card *card, struct sd_host *host, const char *name);

#endif
