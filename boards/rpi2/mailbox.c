/*
 * boards/rpi2/mailbox.c - a property-interface request to the VideoCore
 * (firmware wiki "Mailbox property interface"): a 16-byte aligned buffer
 * in RAM, its bus address written to mailbox 0 with channel 8 in the low
 * bits, and the same word read back when the firmware is done.
 * Boot-time only (core 0, interrupts off): one static buffer, no lock.
 */
#include "mailbox.h"
#include "board.h"
#include "mmio.h"
#include "mm/vmm.h"
#include "arch/arm/mm/cache.h"
#include "arch/arm/cp15.h"

#define REQUEST  0x00000000u
#define RESPONSE_OK 0x80000000u
#define TAG_RESPONSE 0x80000000u
#define SPIN_BOUND 1000000

static bool wait_while(uint32_t flag)
{
	for (int i = 0; i < SPIN_BOUND; i++) {
		if (!(mmio_read(RPI2_MBOX_BASE + MBOX_STATUS) & flag))
			return true;
		mmio_poll_pause();
	}
	return false;
}

/* One tag: value[0..1] go in (req_bytes of them are the request), the
 * answer's two words come back in value[0..1]. */
static int mailbox_call(uint32_t tag, uint32_t value[2], uint32_t req_bytes)
{
	/* A cache line of its own (Cortex-A7: 64 bytes), so maintenance on it
	 * cannot touch a neighbour's data. */
	static volatile uint32_t msg[16] __attribute__((aligned(64)));
	msg[0] = 8 * 4;      /* bytes used */
	msg[1] = REQUEST;
	msg[2] = tag;
	msg[3] = 8;          /* value buffer bytes */
	msg[4] = req_bytes;  /* request: value bytes it carries */
	msg[5] = value[0];
	msg[6] = value[1];
	msg[7] = 0;          /* end tag */
	/* The GPU reads the buffer from memory, not from the ARM's caches:
	 * clean it to the point of coherency before the request, and clean +
	 * invalidate it before reading the answer (BCM2835 Peripherals 1.3,
	 * ARM ARM B2.2.7). */
	arm_dcache_clean_inval_range((const void *)msg, sizeof msg);
	uint32_t word = (RPI2_BUS_UNCACHED | arch_vmm_virt_to_phys((const void *)msg)) | MBOX_CH_PROPERTY;
	if (!wait_while(MBOX_FULL))
		return -E_NOENT;
	mmio_write(RPI2_MBOX_BASE + MBOX_WRITE, word);
	for (int i = 0; i < SPIN_BOUND; i++) {
		if (!wait_while(MBOX_EMPTY))
			return -E_NOENT;
		if (mmio_read(RPI2_MBOX_BASE + MBOX_READ) == word)
			break;
	}
	/* The answer in the mailbox says the GPU's writes to the buffer are
	 * done; no read of the buffer (nor a speculative line fill for the
	 * maintenance below) may be satisfied before that Device read
	 * completes: DSB (ARM ARM A3.8.3, B2.3 ordering of Device and Normal
	 * accesses). */
	dsb();
	arm_dcache_clean_inval_range((const void *)msg, sizeof msg);
	if (msg[1] != RESPONSE_OK || !(msg[4] & TAG_RESPONSE))
		return -E_NOENT;
	value[0] = msg[5];
	value[1] = msg[6];
	return 0;
}

int rpi2_mailbox_get_range(uint32_t tag, uint32_t *base, uint32_t *size)
{
	uint32_t v[2] = { 0, 0 };
	int rc = mailbox_call(tag, v, 0);
	if (rc)
		return rc;
	*base = v[0];
	*size = v[1];
	return 0;
}

int rpi2_mailbox_clock_rate(uint32_t clock_id, uint32_t *hz)
{
	uint32_t v[2] = { clock_id, 0 };
	int rc = mailbox_call(MBOX_TAG_GET_CLOCK_RATE, v, 4);
	if (rc)
		return rc;
	if (v[0] != clock_id || v[1] == 0)   /* an answer about another clock, or none */
		return -E_NOENT;
	*hz = v[1];
	return 0;
}

int rpi2_mailbox_call2(uint32_t tag, uint32_t value[2])
{
	return mailbox_call(tag, value, 8);
}
