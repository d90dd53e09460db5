/*
 * boards/rpi2/mmio.h - 32-bit device register access. Peripheral accesses
 * must not be merged, split or reordered by the compiler (volatile); the
 * BCM2835 manual (section 1.3) asks for a barrier when switching between
 * peripherals, since reads from two blocks may return out of order.
 */
#ifndef BOARDS_RPI2_MMIO_H
#define BOARDS_RPI2_MMIO_H

#include "lib/types.h"

static inline uint32_t mmio_read(uint32_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void mmio_write(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}

/* Between accesses to different peripherals (BCM2835 ARM Peripherals 1.3). */
static inline void mmio_barrier(void)
{
	__asm__ volatile("dmb" ::: "memory");
}

/* In every polling loop: a hint that this core is only waiting. Under
 * QEMU -icount a core spinning without yield or wfe starved the others
 * (platform-facts.md); wfe could sleep for good waiting on a device that
 * sends no event, so polls use yield (ARM ARM A8.8.427 YIELD). */
static inline void mmio_poll_pause(void)
{
	__asm__ volatile("yield" ::: "memory");
}

#endif
