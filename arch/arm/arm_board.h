/*
 * arch/arm/arm_board.h - what the ARM port needs from the board beyond
 * kernel/board.h: interrupt routing and the board's memory facts. The
 * Raspberry Pi 2 implements these in boards/rpi2/.
 */
#ifndef ARCH_ARM_ARM_BOARD_H
#define ARCH_ARM_ARM_BOARD_H

#include "lib/memmap.h"

/* Masks every interrupt source; called once at boot, IRQs off. */
void board_irq_init(void);

/* Called from the IRQ vector: finds and handles the pending sources. */
void board_irq_dispatch(void);

/* Adds what is never RAM for the kernel (MMIO, firmware-owned memory) to m.
 * Returns 0 or a negative error when the map is full. */
int board_memory_reserve(struct memmap *m);

/* Asks the firmware (VideoCore mailbox) for the ARM memory; adds it as
 * usable. Returns 0, or a negative error when the firmware does not answer. */
int board_memory_from_firmware(struct memmap *m);

/* The boot core moves the other cores from where the loader keeps them to
 * the board's park (asleep, woken by an IPI). Called once, core 0. */
void board_park_other_cores(void);

/* Checks that each parked core wakes for an IPI (and parks again), and
 * says so on the console. Called once, core 0, after the park. */
void board_report_other_cores(void);

/* Where cores 1-3 wait; start.S sends them there under an ELF boot. A
 * physical-address entry: MMU off, any mode, no stack. */
void board_core_park(void);
/* An IPI target for the parked cores: answers in mailbox 1, parks again. */
void board_core_ping(void);

/* Prints the UART's clock and where it came from (after the banner). */
void board_uart_report(void);

/* A conservative default when nothing else says how much RAM there is. */
int board_memory_default(struct memmap *m);

#endif
