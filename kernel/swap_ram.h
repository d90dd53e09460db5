/*
 * kernel/swap_ram.h - a swap device in RAM, for the kernel's own
 * measurements and tests of the swap core (kernel/bench_swap.c,
 * tests/kernel/test_swap.c): one PMM frame per slot, arch_page_copy as the
 * transfer, and a switch that makes every read or every write fail.
 *
 * swap_ram_on sets aside the area the kernel enabled at boot (if any) and
 * turns the RAM area on; swap_ram_off turns it off, gives its frames back
 * and enables the boot area again. One RAM area at a time, as the swap
 * core has one area at a time.
 */
#ifndef KERNEL_SWAP_RAM_H
#define KERNEL_SWAP_RAM_H

#include "mm/swap.h"

struct swap_ram {
	struct swap_device dev;     /* first: the device pointer is the area's */
	paddr_t *frame;             /* frame[slot], nslots of them (the caller's array) */
	bool fail_reads, fail_writes;
	uint32_t reads, writes;     /* transfers that succeeded */
	struct swap_device *set_aside;   /* the boot area, enabled again by swap_ram_off */
};

/* 0, or -E_BUSY (the boot area is in use), -E_NOMEM (frames) or the
 * error of swap_enable; a failed turn-on changes nothing (the boot area is
 * on again, no frame is kept). */
int swap_ram_on(struct swap_ram *r, paddr_t *frames, uint32_t nslots);

/* After a successful swap_ram_on: 0, or swap_disable's -E_BUSY when pages are still on
 * the RAM area (its frames are then kept, the area stays on: a slot an
 * entry still names must stay readable; the frame accounting shows it). */
int swap_ram_off(struct swap_ram *r);

#endif
