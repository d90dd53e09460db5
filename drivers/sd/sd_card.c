/*
 * drivers/sd/sd_card.c - the SD memory card protocol over any host
 * (sd_host.h): identification (CMD0, CMD8, ACMD41, CMD2, CMD3), the card's
 * registers (CID, CSD, SCR), selection and bus width, then reads, writes
 * and flush as a block device. It never touches a register; every failed
 * command or timeout is a console line naming the command and the status,
 * and -E_IO to the caller: never a hang, never a panic.
 */
#include "drivers/sd/sd_card.h"
#include "lib/kprintf.h"
#include "kernel/proc.h"
#include "lib/string.h"

#define SECTOR 512u

#define OCR_BUSY       (1u << 31)   /* set when power-up is done */
#define OCR_CCS        (1u << 30)   /* card capacity status: SDHC/SDXC */
#define OCR_HCS        (1u << 30)   /* host capacity support, in ACMD41 */
#define OCR_VDD_27_36  0x00FF8000u
#define CMD8_CHECK     0x1AAu       /* 2.7-3.6 V, check pattern 0xAA */

/* R1 card status (SD 4.10.1): the error bits about the command itself
 * (out of range, address, block length, write protect, ECC, controller,
 * general); ILLEGAL_COMMAND and COM_CRC_ERROR describe the command before
 * it, so they are not held against this one. Then state, ready for data. */
#define R1_ERRORS      0xE4380000u
#define R1_STATE(r)    ((r) >> 9 & 0xFu)
#define R1_READY       (1u << 8)
#define STATE_TRAN     4u

#define INIT_TIMEOUT_MS  1000u   /* SD 4.2.3: ACMD41 may take up to 1 s */
#define READY_TIMEOUT_MS 1000u   /* programming after a write */

/* Sends c. On failure prints what failed (unless quiet) and returns -E_IO.
 * For R1 responses the card's own error bits count as a failure too. */
static int send(struct sd_card *card, struct sd_cmd *c, bool quiet)
{
	const char *why = NULL;
	bool r1 = c->rsp == SD_RSP_R1 || c->rsp == SD_RSP_R1B;
	int rc = card->host->command(card->host, c);
	if (r1 && (c->resp[0] & R1_ERRORS))   /* resp[0] stays 0 without a response */
		why = "card reports an error";
	else if (rc)
		why = (c->host_status & 0xFFFF8000u) ? "host reports an error" : "no answer in time";
	if (!why)
		return 0;
	if (!quiet)
		kprintf("%s: CMD%u (arg %#x) failed: %s (host status %#x, card status %#x)\n",
			card->dev.name, c->index, c->arg, why, c->host_status, c->resp[0]);
	return -E_IO;
}

static int cmd(struct sd_card *card, uint8_t index, uint32_t arg, enum sd_rsp rsp,
	       uint32_t *resp, bool quiet)
{
	struct sd_cmd c = { .index = index, .arg = arg, .rsp = rsp };
	int rc = send(card, &c, quiet);
	if (resp)
		*resp = c.resp[0];
	return rc;
}

/* An application command: CMD55 with the card's address first. */
static int app_cmd(struct sd_card *card, struct sd_cmd *c, bool quiet)
{
	int rc = cmd(card, 55, card->rca << 16, SD_RSP_R1, NULL, quiet);
	return rc ? rc : send(card, c, quiet);
}

/* Bits hi..lo of a 128-bit register held as r[0] = bits 31:0. */
static uint32_t reg_bits(const uint32_t r[4], unsigned hi, unsigned lo)
{
	uint32_t v = 0;
	for (unsigned b = hi + 1; b-- > lo;)
		v = v << 1 | (r[b / 32] >> (b % 32) & 1u);
	return v;
}

/* Capacity in 512-byte sectors from the CSD (SD 5.3.2 v1, 5.3.3 v2);
 * 0 for a structure we do not know. */
static uint64_t csd_sectors(const uint32_t csd[4])
{
	switch (reg_bits(csd, 127, 126)) {
	case 0: {
		uint64_t blocks = (uint64_t)(reg_bits(csd, 73, 62) + 1) << (reg_bits(csd, 49, 47) + 2);
		unsigned bl_len = reg_bits(csd, 83, 80);
		return bl_len >= 9 && bl_len <= 11 ? blocks << bl_len >> 9 : 0;
	}
	case 1:
		return (uint64_t)(reg_bits(csd, 69, 48) + 1) * 1024u;
	default:
		return 0;
	}
}

/* CMD8 (SD 4.3.13): a version 2.00 card echoes the check pattern; an
 * older card (or an empty slot) does not answer. *v2 says which. */
static int check_voltage(struct sd_card *card, bool *v2)
{
	uint32_t r7;
	*v2 = cmd(card, 8, CMD8_CHECK, SD_RSP_R7, &r7, true) == 0;
	if (*v2 && (r7 & 0xFFFu) != CMD8_CHECK) {
		kprintf("%s: CMD8 echoed %#x, not %#x: unusable card\n", card->dev.name, r7, CMD8_CHECK);
		return -E_IO;
	}
	return 0;
}

/* ACMD41 until the card says power-up is done (SD 4.2.3), at most 1 s.
 * No answer to the first CMD55 means no SD card is there. */
static int power_up(struct sd_card *card, bool v2)
{
	const struct sd_clock *clock = card->host->clock;
	uint64_t deadline = sd_deadline(clock, INIT_TIMEOUT_MS);
	for (unsigned tries = 0;; tries++) {
		if (cmd(card, 55, 0, SD_RSP_R1, NULL, tries == 0))
			return tries == 0 ? -E_NOENT : -E_IO;
		struct sd_cmd c = { .index = 41, .arg = OCR_VDD_27_36 | (v2 ? OCR_HCS : 0), .rsp = SD_RSP_R3 };
		if (send(card, &c, false))
			return -E_IO;
		if (c.resp[0] & OCR_BUSY) {
			card->ocr = c.resp[0];
			card->high_capacity = v2 && (c.resp[0] & OCR_CCS);
			return 0;
		}
		if (sd_expired(clock, deadline)) {
			kprintf("%s: ACMD41: card still powering up after %u ms (OCR %#x)\n",
				card->dev.name, INIT_TIMEOUT_MS, c.resp[0]);
			return -E_IO;
		}
		sd_sleep_ms(clock, 10);
	}
}

static int read_r2(struct sd_card *card, uint8_t index, uint32_t arg, uint32_t out[4])
{
	struct sd_cmd c = { .index = index, .arg = arg, .rsp = SD_RSP_R2 };
	int rc = send(card, &c, false);
	for (unsigned i = 0; i < 4; i++)
		out[i] = c.resp[i];
	return rc;
}

/* CMD2, CMD3 (a card may publish RCA 0: ask again), CMD9. */
static int identify(struct sd_card *card)
{
	if (read_r2(card, 2, 0, card->cid))
		return -E_IO;
	for (unsigned i = 0; i < 3 && !card->rca; i++) {
		uint32_t r6;
		if (cmd(card, 3, 0, SD_RSP_R6, &r6, false))
			return -E_IO;
		card->rca = r6 >> 16;
	}
	if (!card->rca || read_r2(card, 9, card->rca << 16, card->csd))
		return -E_IO;
	uint64_t sectors = csd_sectors(card->csd);
	if (!sectors) {
		kprintf("%s: CSD structure %u not understood\n", card->dev.name, reg_bits(card->csd, 127, 126));
		return -E_IO;
	}
	if (sectors > 0xFFFFFFFFu) {
		kprintf("%s: %llu sectors: only the first 2^32 - 1 are used\n", card->dev.name, sectors);
		sectors = 0xFFFFFFFFu;
	}
	card->dev.sectors = (uint32_t)sectors;
	return 0;
}

/* ACMD51 (SD 5.6): the SCR says which bus widths the card supports;
 * switch to 4 bits (ACMD6) when both sides can. */
static int choose_bus_width(struct sd_card *card)
{
	static uint32_t scr_words[2];
	uint8_t *scr = (uint8_t *)scr_words;   /* big-endian bits 63:0 */
	struct sd_cmd c = { .index = 51, .rsp = SD_RSP_R1, .data = scr, .blocks = 1, .block_size = 8 };
	if (app_cmd(card, &c, false))
		return -E_IO;
	if (!card->host->bus_4bit || !(scr[1] & 0x4u))
		return 0;
	struct sd_cmd width = { .index = 6, .arg = 2, .rsp = SD_RSP_R1 };
	if (app_cmd(card, &width, false))
		return -E_IO;
	card->bus_4bit = true;
	return card->host->set_bus_width(card->host, 4);
}

/* CMD13 until the card is in transfer state and ready for data (after a
 * write it is programming), at most READY_TIMEOUT_MS. */
static int wait_ready(struct sd_card *card, const char *when)
{
	const struct sd_clock *clock = card->host->clock;
	uint64_t deadline = sd_deadline(clock, READY_TIMEOUT_MS);
	for (;;) {
		uint32_t st;
		if (cmd(card, 13, card->rca << 16, SD_RSP_R1, &st, false))
			return -E_IO;
		if (R1_STATE(st) == STATE_TRAN && (st & R1_READY))
			return 0;
		if (sd_expired(clock, deadline)) {
			kprintf("%s: CMD13 %s: card not ready after %u ms (status %#x, state %u)\n",
				card->dev.name, when, READY_TIMEOUT_MS, st, R1_STATE(st));
			return -E_IO;
		}
		sd_poll_pause(clock);
	}
}

static int select_and_configure(struct sd_card *card)
{
	struct sd_host *host = card->host;
	if (cmd(card, 7, card->rca << 16, SD_RSP_R1B, NULL, false))
		return -E_IO;
	if (host->set_clock(host, SD_CLOCK_DATA))
		return -E_IO;
	if (!card->high_capacity && cmd(card, 16, SECTOR, SD_RSP_R1, NULL, false))
		return -E_IO;   /* SDHC/SDXC blocks are always 512 bytes */
	if (choose_bus_width(card))
		return -E_IO;
	return wait_ready(card, "after init");
}

static const struct block_ops sd_block_ops;

int sd_card_init(struct sd_card *card, struct sd_host *host, const char *name)
{
	*card = (struct sd_card){ .host = host };
	memcpy(card->dev.name, name, strnlen(name, sizeof card->dev.name - 1));
	if (host->set_clock(host, SD_CLOCK_IDENTIFY) || host->set_bus_width(host, 1))
		return -E_IO;
	sd_sleep_ms(host->clock, 1);   /* SD 6.4.1: >= 74 clocks before CMD0 */
	bool v2;
	if (cmd(card, 0, 0, SD_RSP_NONE, NULL, false) || check_voltage(card, &v2))
		return -E_IO;
	int rc = power_up(card, v2);
	if (rc)
		return rc;
	if (identify(card) || select_and_configure(card))
		return -E_IO;
	card->dev.sector_size = SECTOR;
	card->dev.ops = &sd_block_ops;
	card->dev.driver = card;
	kprintf("%s: %s card (%s), %u sectors (%u MiB), %u-bit bus at %u kHz\n", name,
		card->high_capacity ? "SDHC/SDXC" : "SDSC",
		card->high_capacity ? "block addresses" : "byte addresses", card->dev.sectors,
		card->dev.sectors / 2048, card->bus_4bit ? 4 : 1, host->clock_hz / 1000);
	return 0;
}

/* The sleep lock of sd_card.busy (see sd_card.h). */
static void card_lock(struct sd_card *card)
{
	while (card->busy)
		sched_sleep(card);
	card->busy = true;
}

static void card_unlock(struct sd_card *card)
{
	card->busy = false;
	sched_wakeup(card);
}

/* After a failed transfer: a card left sending or receiving data (SD
 * states 5, 6) is stopped with CMD12, so the next request finds it in
 * the transfer state. */
static void recover(struct sd_card *card)
{
	uint32_t st;
	if (cmd(card, 13, card->rca << 16, SD_RSP_R1, &st, true) || R1_STATE(st) != STATE_TRAN)
		cmd(card, 12, 0, SD_RSP_R1B, NULL, true);
}

/* One data command of n blocks from lba: CMD17/24 for one, CMD18/25 for
 * more (the host's auto-CMD12 ends them, else an explicit CMD12). */
static int transfer(struct sd_card *card, bool write, uint32_t lba, uint32_t n, void *buf)
{
	struct sd_host *host = card->host;
	bool multi = n > 1;
	struct sd_cmd c = {
		.index = write ? (multi ? 25 : 24) : (multi ? 18 : 17),
		.arg = card->high_capacity ? lba : lba * SECTOR,
		.rsp = SD_RSP_R1, .data = buf, .blocks = n, .block_size = SECTOR,
		.write = write, .auto_stop = multi && host->auto_stop,
	};
	int rc = send(card, &c, false);
	if (!rc && R1_STATE(c.resp[0]) != STATE_TRAN) {
		kprintf("%s: CMD%u (lba %u): card was in state %u, not transfer\n", card->dev.name,
			c.index, lba, R1_STATE(c.resp[0]));
		rc = -E_IO;
	}
	if (multi && !host->auto_stop && !rc)
		rc = cmd(card, 12, 0, SD_RSP_R1B, NULL, false);
	if (rc) {
		recover(card);
		return -E_IO;
	}
	return write ? wait_ready(card, "after write") : 0;
}

static int sd_rw(struct block_device *dev, bool write, uint32_t lba, uint32_t count, uint8_t *buf)
{
	struct sd_card *card = dev->driver;
	int rc = 0;
	card_lock(card);
	while (count && !rc) {
		uint32_t n = count < card->host->max_blocks ? count : card->host->max_blocks;
		rc = transfer(card, write, lba, n, buf);
		lba += n, count -= n, buf += n * SECTOR;
	}
	card_unlock(card);
	return rc;
}

static int sd_read(struct block_device *dev, uint32_t lba, uint32_t count, void *buf)
{
	return sd_rw(dev, false, lba, count, buf);
}

static int sd_write(struct block_device *dev, uint32_t lba, uint32_t count, const void *buf)
{
	return sd_rw(dev, true, lba, count, (uint8_t *)buf);
}

/* An SD card without a cache (mendax never enables one, SD 4.17) has
 * written the data once it leaves the programming state. */
static int sd_flush(struct block_device *dev)
{
	struct sd_card *card = dev->driver;
	card_lock(card);
	int rc = wait_ready(card, "at flush");
	card_unlock(card);
	return rc;
}

static const struct block_ops sd_block_ops = { sd_read, sd_write, sd_flush };
