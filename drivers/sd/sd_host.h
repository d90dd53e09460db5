/*
 * drivers/sd/sd_host.h - the contract between the SD protocol (sd_card.c)
 * and an SD host controller (sdhci.c today; the Pi's "sdhost" could be a
 * second one): issue one command, with its data if any, set the card clock
 * and the bus width. A host knows registers, never card states; the
 * protocol knows commands and card states, never registers (the OpenBSD
 * sdmmc/sdhc split).
 */
#ifndef DRIVERS_SD_SD_HOST_H
#define DRIVERS_SD_SD_HOST_H

#include "lib/types.h"

/* Response formats (SD Physical Layer Simplified Specification 4.9). */
enum sd_rsp {
	SD_RSP_NONE,
	SD_RSP_R1,    /* 48 bits, card status */
	SD_RSP_R1B,   /* R1, then the card holds DAT0 low while busy */
	SD_RSP_R2,    /* 136 bits: CID or CSD */
	SD_RSP_R3,    /* 48 bits: OCR, no CRC */
	SD_RSP_R6,    /* 48 bits: published RCA + status bits */
	SD_RSP_R7,    /* 48 bits: CMD8 voltage echo */
};

struct sd_cmd {
	uint8_t index;
	uint32_t arg;
	enum sd_rsp rsp;
	/* Filled by the host. R2: the 128 bits of the CID/CSD, resp[3] =
	 * bits 127:96 and resp[0] = bits 31:0 (CRC byte 0); else resp[0] is
	 * the 32-bit payload (bits 39:8 of the response). */
	uint32_t resp[4];
	uint32_t host_status;    /* on failure: the host's error bits (0: no answer in time) */
	/* Data phase, if data is not NULL: blocks of block_size bytes. */
	void *data;
	uint32_t blocks;
	uint32_t block_size;
	bool write;
	bool auto_stop;          /* multi-block: the host sends CMD12 itself */
};

/* Time for bounded polls: a free-running counter (ARM: CNTVCT) of hz ticks
 * per second, and a CPU hint for the inside of a busy-wait. */
struct sd_clock {
	uint64_t (*ticks)(void);
	uint32_t hz;
	void (*relax)(void);
};

struct sd_host {
	const char *name;                /* for console lines */
	const struct sd_clock *clock;
	bool bus_4bit;                   /* the host can drive DAT0-3 */
	bool auto_stop;                  /* the host can send CMD12 after CMD18/25 */
	uint32_t max_blocks;             /* most blocks in one data command */
	uint32_t clock_hz;               /* the card clock now (set_clock sets it) */
	/* 0, or -E_IO with cmd->host_status set. Never hangs: every wait in
	 * it is bounded, and a failed command leaves the host ready for the
	 * next one (its command/data lines reset). */
	int (*command)(struct sd_host *host, struct sd_cmd *cmd);
	int (*set_clock)(struct sd_host *host, uint32_t hz);
	int (*set_bus_width)(struct sd_host *host, unsigned width);
};

/* Bounded waits (sd_wait.c). A deadline ms milliseconds from now. */
uint64_t sd_deadline(const struct sd_clock *clock, uint32_t ms);
bool sd_expired(const struct sd_clock *clock, uint64_t deadline);
/* One step of a poll: in a process, let others run (sched_yield);
 * before processes exist (boot, the in-kernel tests), a CPU hint. */
void sd_poll_pause(const struct sd_clock *clock);
/* Waits ms milliseconds (pausing as above). */
void sd_sleep_ms(const struct sd_clock *clock, uint32_t ms);

#endif
