/*
 * drivers/sd/sdhci.c - the SD host controller: reset, card clock, command
 * issue with its response, PIO data through the buffer data port. It owns
 * the registers and nothing about cards (that is sd_card.c); it never
 * waits without a bound and never panics: a command that fails returns
 * -E_IO with the controller's error bits, after resetting its lines.
 *
 * Completion by polling, with a yield (sd_poll_pause): in PIO the CPU
 * must move every word of every block through the data port anyway, so an
 * interrupt per block (BCM2835 IRQ 62) would only add a context switch
 * between two busy loops; the status bits are enabled (IRPT_MASK) but the
 * interrupt signal is left off (IRPT_EN = 0). Register names follow the
 * BCM2835 ARM Peripherals manual, chapter 5 (bits as in SDHCI 3.00).
 */
#include "drivers/sd/sdhci.h"
#include "lib/kprintf.h"
#include "mmio.h"   /* the board's register accessors (boards/<b>/mmio.h) */

#define BLKSIZECNT  0x04u
#define ARG1        0x08u
#define CMDTM       0x0Cu
#define RESP(i)     (0x10u + 4u * (i))
#define DATA        0x20u
#define STATUS      0x24u
#define CONTROL0    0x28u
#define CONTROL1    0x2Cu
#define INTERRUPT   0x30u
#define IRPT_MASK   0x34u
#define IRPT_EN     0x38u
#define CONTROL2    0x3Cu
#define SLOTISR_VER 0xFCu

#define STATUS_CMD_INHIBIT  (1u << 0)
#define STATUS_DAT_INHIBIT  (1u << 1)

#define C0_DWIDTH_4    (1u << 1)
#define C0_POWER_3V3   (0xFu << 8)   /* SDHCI 2.2.11: bus power on, 3.3 V */

#define C1_CLK_INTLEN  (1u << 0)
#define C1_CLK_STABLE  (1u << 1)
#define C1_CLK_EN      (1u << 2)
#define C1_DATA_TOUNIT (0xEu << 16)  /* data timeout: TMCLK x 2^27 */
#define C1_SRST_HC     (1u << 24)
#define C1_SRST_CMD    (1u << 25)
#define C1_SRST_DATA   (1u << 26)

#define INT_CMD_DONE   (1u << 0)
#define INT_DATA_DONE  (1u << 1)
#define INT_WRITE_RDY  (1u << 4)
#define INT_READ_RDY   (1u << 5)
#define INT_ERRORS     0xFFFF8000u   /* ERR summary and every error bit */

#define TM_BLKCNT_EN   (1u << 1)
#define TM_AUTO_CMD12  (1u << 2)
#define TM_DAT_READ    (1u << 4)
#define TM_MULTI_BLOCK (1u << 5)
#define CMD_RSP_136    (1u << 16)
#define CMD_RSP_48     (2u << 16)
#define CMD_RSP_48BUSY (3u << 16)
#define CMD_CRC_CHECK  (1u << 19)
#define CMD_IDX_CHECK  (1u << 20)
#define CMD_ISDATA     (1u << 21)
#define CMD_TYPE_ABORT (3u << 22)

#define CMD_TIMEOUT_MS   100u   /* no answer in this time: nobody is there */
#define DATA_TIMEOUT_MS  500u   /* per block; SD 4.6.2: read 100 ms, write 250 ms */
#define BUSY_TIMEOUT_MS  1000u  /* R1b busy */
#define RESET_TIMEOUT_MS 100u

static uint32_t reg_read(struct sdhci *s, uint32_t reg)
{
	return mmio_read(s->base + reg);
}

/* The Arasan core "may lose the content of successive writes" to its
 * registers when they come within two card-clock cycles of each other (a
 * clock-domain crossing; noted in Linux sdhci-bcm2835/sdhci-iproc and
 * U-Boot bcm2835_sdhci, which wait between writes). So every write waits
 * until two cycles of the current card clock have passed since the last.
 * QEMU does not need it; a real Pi 2 does. */
static void reg_write(struct sdhci *s, uint32_t reg, uint32_t v)
{
	const struct sd_clock *clock = s->host.clock;
	while (clock->ticks() - s->last_write < s->write_gap)
		clock->relax();
	mmio_write(s->base + reg, v);
	s->last_write = clock->ticks();
}

/* Ticks in two periods of a card clock of hz (at least one tick). */
static uint64_t two_card_clocks(const struct sdhci *s, uint32_t hz)
{
	uint32_t tick_hz = s->host.clock->hz;
	return ((uint64_t)2 * tick_hz + hz - 1) / hz + 1;
}

/* Waits until (reg & mask) == value; false if it never does in ms. */
static bool wait_reg(struct sdhci *s, uint32_t reg, uint32_t mask, uint32_t value, uint32_t ms)
{
	uint64_t deadline = sd_deadline(s->host.clock, ms);
	while ((reg_read(s, reg) & mask) != value) {
		if (sd_expired(s->host.clock, deadline))
			return (reg_read(s, reg) & mask) == value;
		sd_poll_pause(s->host.clock);
	}
	return true;
}

static bool wait_clear(struct sdhci *s, uint32_t reg, uint32_t mask, uint32_t ms)
{
	return wait_reg(s, reg, mask, 0, ms);
}

/* Resets the command and data state machines after an error (SDHCI
 * 3.10, "Error recovery"), one after the other (QEMU acts on a reset
 * register value with exactly one bit set), and clears every status bit. */
static void reset_lines(struct sdhci *s)
{
	static const uint32_t lines[] = { C1_SRST_CMD, C1_SRST_DATA };
	for (unsigned i = 0; i < ARRAY_SIZE(lines); i++) {
		reg_write(s, CONTROL1, reg_read(s, CONTROL1) | lines[i]);
		if (!wait_clear(s, CONTROL1, lines[i], RESET_TIMEOUT_MS))
			kprintf("%s: line reset %#x did not complete\n", s->host.name, lines[i]),
				mmio_barrier();   /* back from the console (Peripherals 1.3) */
	}
	reg_write(s, INTERRUPT, 0xFFFFFFFFu);
}

/* Waits for one of want in INTERRUPT. 0, or -E_IO with *status = the
 * interrupt register (error bits set, or none when nothing came). */
static int wait_interrupt(struct sdhci *s, uint32_t want, uint32_t ms, uint32_t *status)
{
	uint32_t st = reg_read(s, INTERRUPT);
	if (!(st & INT_ERRORS) && (st & want))
		return 0;   /* already there: no deadline needed (every block) */
	uint64_t deadline = sd_deadline(s->host.clock, ms);
	for (;; st = reg_read(s, INTERRUPT)) {
		if (st & INT_ERRORS) {
			*status = st;
			return -E_IO;
		}
		if (st & want)
			return 0;
		if (sd_expired(s->host.clock, deadline)) {
			*status = st;
			return -E_IO;
		}
		sd_poll_pause(s->host.clock);
	}
}

/* Divider field of CONTROL1 for a card clock of at most hz; sets *actual. */
static uint32_t clock_divider(const struct sdhci *s, uint32_t hz, uint32_t *actual)
{
	uint32_t base = s->base_clock_hz, n;
	if (s->spec_version >= 2) {
		/* 3.00 10-bit divided clock: base / (2N), N = 0 is base itself. */
		n = base <= hz ? 0 : (base + 2 * hz - 1) / (2 * hz);
		if (n > 0x3FF)
			n = 0x3FF;
		*actual = n ? base / (2 * n) : base;
		return (n & 0xFFu) << 8 | ((n >> 8) & 3u) << 6;
	}
	/* 1.00/2.00: base / d with d a power of two up to 256, field d / 2. */
	uint32_t d = 1;
	while (d < 256 && base / d > hz)
		d <<= 1;
	*actual = base / d;
	return (d >> 1) << 8;
}

/* SDHCI 3.2.3: stop the card clock, program the divider, wait until the
 * internal clock is stable, then give the clock to the card. */
static int sdhci_set_clock(struct sd_host *h, uint32_t hz)
{
	struct sdhci *s = (struct sdhci *)h;
	uint32_t actual, div = clock_divider(s, hz, &actual);
	mmio_barrier();
	reg_write(s, CONTROL1, reg_read(s, CONTROL1) & ~C1_CLK_EN);
	uint32_t c1 = C1_DATA_TOUNIT | div | C1_CLK_INTLEN;
	reg_write(s, CONTROL1, c1);
	if (!wait_reg(s, CONTROL1, C1_CLK_STABLE, C1_CLK_STABLE, RESET_TIMEOUT_MS)) {
		kprintf("%s: clock %u Hz never became stable\n", h->name, actual);
		return -E_IO;
	}
	reg_write(s, CONTROL1, c1 | C1_CLK_EN);
	/* Gaps from now on at the new rate (this write kept the old one). */
	h->clock_hz = actual;
	s->write_gap = two_card_clocks(s, actual);
	return 0;
}

static int sdhci_set_bus_width(struct sd_host *h, unsigned width)
{
	struct sdhci *s = (struct sdhci *)h;
	mmio_barrier();
	uint32_t c0 = reg_read(s, CONTROL0) & ~C0_DWIDTH_4;
	reg_write(s, CONTROL0, c0 | (width == 4 ? C0_DWIDTH_4 : 0));
	return 0;
}

static uint32_t command_flags(const struct sd_cmd *c)
{
	static const uint32_t rsp_flags[] = {
		[SD_RSP_NONE] = 0,
		[SD_RSP_R1] = CMD_RSP_48 | CMD_CRC_CHECK | CMD_IDX_CHECK,
		[SD_RSP_R1B] = CMD_RSP_48BUSY | CMD_CRC_CHECK | CMD_IDX_CHECK,
		[SD_RSP_R2] = CMD_RSP_136 | CMD_CRC_CHECK,
		[SD_RSP_R3] = CMD_RSP_48,
		[SD_RSP_R6] = CMD_RSP_48 | CMD_CRC_CHECK | CMD_IDX_CHECK,
		[SD_RSP_R7] = CMD_RSP_48 | CMD_CRC_CHECK | CMD_IDX_CHECK,
	};
	uint32_t v = (uint32_t)c->index << 24 | rsp_flags[c->rsp];
	if (c->index == 12)
		v |= CMD_TYPE_ABORT;
	if (c->data) {
		v |= CMD_ISDATA | TM_BLKCNT_EN | (c->write ? 0 : TM_DAT_READ);
		if (c->blocks > 1)
			v |= TM_MULTI_BLOCK | (c->auto_stop ? TM_AUTO_CMD12 : 0);
	}
	return v;
}

/* SDHCI RESP0-3 hold response bits 127:8 for R2 (the CRC byte is not
 * kept): shift them into place so resp[] is the register's 128 bits. */
static void read_response(struct sdhci *s, struct sd_cmd *c)
{
	if (c->rsp != SD_RSP_R2) {
		c->resp[0] = reg_read(s, RESP(0));
		return;
	}
	uint32_t r[4];
	for (unsigned i = 0; i < 4; i++)
		r[i] = reg_read(s, RESP(i));
	c->resp[3] = r[3] << 8 | r[2] >> 24;
	c->resp[2] = r[2] << 8 | r[1] >> 24;
	c->resp[1] = r[1] << 8 | r[0] >> 24;
	c->resp[0] = r[0] << 8;
}

/* One block through the data port, 32 bits at a time (little-endian:
 * the first byte of the block is bits 7:0 of the first word). */
static void read_block(struct sdhci *s, uint8_t *p, uint32_t bytes)
{
	if (((uintptr_t)p & 3u) == 0 && (bytes & 31u) == 0) {
		/* Eight words per step: the loop is the data path of every read. */
		volatile uint32_t *port = (volatile uint32_t *)(s->base + DATA);
		for (uint32_t *w = (uint32_t *)p, *end = w + bytes / 4; w < end; w += 8) {
			w[0] = *port, w[1] = *port, w[2] = *port, w[3] = *port;
			w[4] = *port, w[5] = *port, w[6] = *port, w[7] = *port;
		}
		return;
	}
	for (uint32_t i = 0; i < bytes; i += 4) {
		uint32_t v = reg_read(s, DATA);
		p[i] = v, p[i + 1] = v >> 8, p[i + 2] = v >> 16, p[i + 3] = v >> 24;
	}
}

/* The data port is the one register the Arasan's write-gap rule does not
 * cover (Linux sdhci-bcm2708 and U-Boot bcm2835_sdhci leave it out of
 * their delay): words go to it back to back, so the only per-word work is
 * the load and the store. The next register write keeps its gap from the
 * last data word. */
static void write_block(struct sdhci *s, const uint8_t *p, uint32_t bytes)
{
	volatile uint32_t *port = (volatile uint32_t *)(s->base + DATA);
	if (((uintptr_t)p & 3u) == 0 && (bytes & 31u) == 0) {
		for (const uint32_t *w = (const uint32_t *)p, *end = w + bytes / 4; w < end; w += 8) {
			*port = w[0], *port = w[1], *port = w[2], *port = w[3];
			*port = w[4], *port = w[5], *port = w[6], *port = w[7];
		}
	} else {
		for (uint32_t i = 0; i < bytes; i += 4)
			*port = p[i] | p[i + 1] << 8 | p[i + 2] << 16 | (uint32_t)p[i + 3] << 24;
	}
	s->last_write = s->host.clock->ticks();
}

/* PIO (SDHCI 3.7.2.1): for each block wait for buffer read/write ready,
 * acknowledge it, move the block; then wait for transfer complete. */
static int transfer_data(struct sdhci *s, struct sd_cmd *c)
{
	uint32_t ready = c->write ? INT_WRITE_RDY : INT_READ_RDY;
	uint8_t *p = c->data;
	for (uint32_t b = 0; b < c->blocks; b++, p += c->block_size) {
		if (wait_interrupt(s, ready, DATA_TIMEOUT_MS, &c->host_status))
			return -E_IO;
		reg_write(s, INTERRUPT, ready);
		if (c->write)
			write_block(s, p, c->block_size);
		else
			read_block(s, p, c->block_size);
	}
	uint32_t ms = c->write ? BUSY_TIMEOUT_MS : DATA_TIMEOUT_MS;
	if (wait_interrupt(s, INT_DATA_DONE, ms, &c->host_status))
		return -E_IO;
	reg_write(s, INTERRUPT, INT_DATA_DONE);
	return 0;
}

static int issue(struct sdhci *s, struct sd_cmd *c)
{
	bool uses_dat = c->data || c->rsp == SD_RSP_R1B;
	uint32_t inhibit = STATUS_CMD_INHIBIT | (uses_dat ? STATUS_DAT_INHIBIT : 0);
	c->host_status = 0;
	if (!wait_clear(s, STATUS, inhibit, CMD_TIMEOUT_MS)) {
		kprintf("%s: CMD%u: lines still busy from the last command (STATUS %#x)\n",
			s->host.name, c->index, reg_read(s, STATUS));
		mmio_barrier();
		return -E_IO;
	}
	reg_write(s, INTERRUPT, 0xFFFFFFFFu);
	if (c->data)
		reg_write(s, BLKSIZECNT, c->blocks << 16 | c->block_size);
	reg_write(s, ARG1, c->arg);
	reg_write(s, CMDTM, command_flags(c));
	if (wait_interrupt(s, INT_CMD_DONE, CMD_TIMEOUT_MS, &c->host_status))
		return -E_IO;
	reg_write(s, INTERRUPT, INT_CMD_DONE);
	read_response(s, c);
	if (c->data)
		return transfer_data(s, c);
	/* R1b: the card signals busy on DAT0; the host shows it as the data
	 * line inhibited until the card lets go. */
	if (c->rsp == SD_RSP_R1B && !wait_clear(s, STATUS, STATUS_DAT_INHIBIT, BUSY_TIMEOUT_MS)) {
		c->host_status = reg_read(s, INTERRUPT);
		return -E_IO;
	}
	return 0;
}

static int sdhci_command(struct sd_host *h, struct sd_cmd *c)
{
	struct sdhci *s = (struct sdhci *)h;
	/* BCM2835 Peripherals 1.3: order accesses against the previous
	 * peripheral (the console, most likely) and the next one. */
	mmio_barrier();
	int rc = issue(s, c);
	if (rc)
		reset_lines(s);
	mmio_barrier();
	return rc;
}

int sdhci_init(struct sdhci *s, uintptr_t base, uint32_t base_clock_hz,
	       const struct sd_clock *clock, const char *name)
{
	*s = (struct sdhci){
		.host = { .name = name, .clock = clock, .bus_4bit = true, .auto_stop = true,
			  .max_blocks = 0xFFFFu, .command = sdhci_command,
			  .set_clock = sdhci_set_clock, .set_bus_width = sdhci_set_bus_width },
		.base = base, .base_clock_hz = base_clock_hz,
	};
	/* Until a card clock is set, assume the slowest one we ever use. */
	s->write_gap = two_card_clocks(s, 400000);
	mmio_barrier();
	s->spec_version = reg_read(s, SLOTISR_VER) >> 16 & 0xFFu;
	reg_write(s, CONTROL0, 0);
	reg_write(s, CONTROL1, C1_SRST_HC);
	if (!wait_clear(s, CONTROL1, C1_SRST_HC | C1_SRST_CMD | C1_SRST_DATA, RESET_TIMEOUT_MS)) {
		kprintf("%s: controller reset did not complete\n", name);
		return -E_IO;
	}
	/* Bus power at 3.3 V, as Linux and U-Boot set it on this core (the
	 * BCM2835 manual lists these bits as reserved; card power itself is
	 * the firmware's, see boards/rpi2/storage.c). */
	reg_write(s, CONTROL0, C0_POWER_3V3);
	reg_write(s, CONTROL2, 0);
	/* Trap: with IRPT_MASK clear the status bits never latch and every
	 * command looks lost (platform-facts-2.md 1a). */
	reg_write(s, IRPT_MASK, 0xFFFFFFFFu);
	reg_write(s, IRPT_EN, 0);
	reg_write(s, INTERRUPT, 0xFFFFFFFFu);
	mmio_barrier();
	return 0;
}
