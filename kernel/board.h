/*
 * kernel/board.h - what generic code needs from a board (boards/<b>/).
 * Each board implements these under the same names; the Makefile links the
 * one chosen by BOARD. Board constants (addresses, IRQ numbers) stay private
 * to boards/<b>/board.h.
 */
#ifndef KERNEL_BOARD_H
#define KERNEL_BOARD_H

#include "lib/types.h"

/* Human-readable board name for the banner, e.g. "Raspberry Pi 2 (BCM2836)". */
extern const char board_name[];

/* Brings the UART up: on real hardware also pins and baud rate. Safe to call
 * more than once. May be called before anything else is initialised. */
void board_uart_init(void);
void board_uart_putc(char c);
/* Returns a received character, or -1 when none is waiting (never blocks). */
int board_uart_getc(void);
/* Waits until every character written has left the UART (before the
 * emulator is exited or the machine halted, so no output is lost). */
void board_uart_flush(void);

/* Starts a periodic interrupt at hz per second; each one ends in timer_tick()
 * (kernel/timer.h). Interrupts are enabled by the caller, not here. */
void board_timer_start(unsigned hz);

/* Finds the board's disks and registers each with the block layer
 * (drivers/block/block.h), partitions included. A board without a disk
 * registers none; a disk that fails is reported and left out, never fatal.
 * Called once at boot, after the heap and the timer are up. */
void board_storage_init(void);

#endif
