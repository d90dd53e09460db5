/*
 * boards/pc/board.h - the constants of a PC as QEMU's "pc" machine models
 * it: legacy I/O ports, IRQ lines, clocks and memory layout. Private to
 * boards/pc; generic code sees only kernel/board.h.
 */
#ifndef BOARDS_PC_BOARD_H
#define BOARDS_PC_BOARD_H

/* COM1, a 16550A UART (National Semiconductor PC16550D datasheet). */
#define PC_COM1_BASE    0x3F8
#define PC_UART_CLOCK   1843200u       /* crystal; divisor = clock / (16 * baud) */
#define PC_UART_BAUD    115200u

/* The two cascaded 8259A PICs (Intel 8259A datasheet). */
#define PC_PIC1_CMD     0x20
#define PC_PIC1_DATA    0x21
#define PC_PIC2_CMD     0xA0
#define PC_PIC2_DATA    0xA1
#define PC_PIC_CASCADE_LINE 2          /* the slave's INT is wired to master IR2 */

/* IRQ lines (ISA wiring). */
#define PC_IRQ_TIMER    0
#define PC_IRQ_COM1     4

/* The 8253/8254 PIT (Intel 82C54 datasheet). */
#define PC_PIT_CH0_DATA 0x40
#define PC_PIT_CMD      0x43
#define PC_PIT_CLOCK_HZ 1193182u       /* 14.31818 MHz / 12 */

/* Memory layout: the real-mode area (IVT, BIOS data, EBDA, boot loader
 * scratch) below 1 MiB, and inside it the ISA hole (VGA memory, option
 * ROMs, system BIOS ROM), which is not RAM at all. */
#define PC_LOW_MEMORY_END 0x100000u
#define PC_ISA_HOLE_START 0xA0000u
/* Assumed when the loader reports no memory: QEMU's smallest useful -m. */
#define PC_DEFAULT_RAM_MIB 16u

#endif
