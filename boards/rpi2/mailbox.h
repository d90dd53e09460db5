/*
 * boards/rpi2/mailbox.h - the VideoCore firmware's property interface
 * (mailbox 0, channel 8), used to ask the firmware about memory and clocks.
 */
#ifndef BOARDS_RPI2_MAILBOX_H
#define BOARDS_RPI2_MAILBOX_H

#include "lib/types.h"

#define MBOX_TAG_ARM_MEMORY 0x00010005u
#define MBOX_TAG_VC_MEMORY  0x00010006u
#define MBOX_TAG_GET_CLOCK_RATE 0x00030002u
#define MBOX_CLOCK_UART     2u

/* Sends a one-tag request whose answer is two words (base, size).
 * Returns 0, or -E_NOENT when the firmware does not answer in time or
 * reports an error. Boot-time only (core 0, interrupts off); the request
 * buffer is cleaned/invalidated by hand, so the D-cache may be on. */
int rpi2_mailbox_get_range(uint32_t tag, uint32_t *base, uint32_t *size);

/* The rate of clock clock_id (MBOX_CLOCK_*) in Hz. Returns 0, or -E_NOENT
 * as above (or when the answer is about another clock or is 0). */
int rpi2_mailbox_clock_rate(uint32_t clock_id, uint32_t *hz);
/* Any tag whose request and answer are two words: value[] in, the
 * answer out. Same errors and context as rpi2_mailbox_get_range. */
int rpi2_mailbox_call2(uint32_t tag, uint32_t value[2]);

#define MBOX_TAG_SET_POWER  0x00028001u   /* device id, state (bit 0 on, bit 1 wait) */
#define MBOX_TAG_CLOCK_RATE 0x00030002u   /* clock id -> clock id, Hz */
#define MBOX_POWER_SD       0u
#define MBOX_CLOCK_EMMC     1u

#endif
