/*
 * arch/x86/x86_board.h - what an x86 board (boards/pc) provides to the x86
 * port beyond kernel/board.h: interrupt-controller dispatch and the board's
 * part of the memory map. The port calls these; the board implements them.
 */
#ifndef ARCH_X86_X86_BOARD_H
#define ARCH_X86_X86_BOARD_H

#include "lib/memmap.h"

/* Brings the interrupt controller up with every line masked and mapped to
 * vectors X86_IRQ_BASE.. Called once at boot, before interrupts are ever
 * enabled (the BIOS leaves lines live at vectors that are CPU exceptions). */
void board_irq_init(void);

/* Handles IRQ line 0-15 (vector X86_IRQ_BASE + line), interrupts off:
 * filters spurious interrupts, runs the line's handler, acknowledges it. */
void board_irq_dispatch(unsigned line);

/* Adds the ranges a PC always reserves whatever the firmware says
 * (low memory, the ISA hole). Returns 0 or a memmap_add() error. */
int board_memory_reserve(struct memmap *m);

/* RAM to assume when the boot loader reported none: a conservative size
 * every PC mendax targets has. Adds it to m; returns 0 or an error. */
int board_memory_default(struct memmap *m);

#endif
