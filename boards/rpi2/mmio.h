/*
 * boards/rpi2/mmio.h - 32-bit device register access. Peripheral accesses
 * must not be merged, split or reordered by the compiler (volatile); the
 * BCM2835 manual (section 1.3) asks for a barrier when switching between
 * peripherals, since reads from two blocks may return out of order.
 */
#ifndef BOARDS_RPI2_MMIO_H
#define BOARDS_RPI2_MMIO_H

#include "kernel/types.h"

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

#endif
