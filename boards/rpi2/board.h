/*
 * boards/rpi2/board.h - Raspberry Pi 2 (BCM2836) constants: where the
 * peripherals are, as the ARM sees them (physical addresses). References:
 * "BCM2835 ARM Peripherals" (the BCM2836 keeps its peripherals, moved from
 * bus address 0x7E000000 to ARM physical 0x3F000000) and "BCM2836 ARM-local
 * peripherals" (the "Quad A7" control block at 0x40000000).
 * Constants only: the ARM boot assembly includes this file.
 */
#ifndef BOARDS_RPI2_BOARD_H
#define BOARDS_RPI2_BOARD_H

#define RPI2_PERIPH_PHYS  0x3F000000u
#define RPI2_PERIPH_SIZE  0x01000000u
#define RPI2_LOCAL_PHYS   0x40000000u   /* ARM-local peripherals */
#define RPI2_LOCAL_SIZE   0x00040000u

/* Where the kernel sees them once the MMU is on: the ARM port maps each
 * range with 1 MiB Device-memory sections at boot (arch/arm/boot/start.S
 * reads this table) and C code reaches devices only through these. */
#define RPI2_PERIPH_BASE  0xF0000000u
#define RPI2_LOCAL_BASE   0xF1000000u
#define BOARD_DEV0_PHYS   RPI2_PERIPH_PHYS
#define BOARD_DEV0_VIRT   RPI2_PERIPH_BASE
#define BOARD_DEV0_MIB    16
#define BOARD_DEV1_PHYS   RPI2_LOCAL_PHYS
#define BOARD_DEV1_VIRT   RPI2_LOCAL_BASE
#define BOARD_DEV1_MIB    1

/* GPIO (Peripherals ch. 6). */
#define RPI2_GPIO_BASE    (RPI2_PERIPH_BASE + 0x200000u)
#define GPFSEL1           0x04u   /* function select, pins 10-19 */
#define GPPUD             0x94u   /* pull-up/down control */
#define GPPUDCLK0         0x98u   /* pull-up/down clock, pins 0-31 */

/* PL011 UART0 (Peripherals ch. 13). Its clock is asked from the firmware
 * (uart_pl011.c); RPI2_UART_CLOCK, the Pi 2 firmware's default
 * (init_uart_clock), only when it does not answer. */
#define RPI2_UART0_BASE   (RPI2_PERIPH_BASE + 0x201000u)
#define RPI2_UART_CLOCK   48000000u
#define RPI2_UART_BAUD    115200u

/* BCM2835 interrupt controller (Peripherals ch. 7). */
#define RPI2_IC_BASE      (RPI2_PERIPH_BASE + 0xB200u)
#define IC_PENDING_BASIC  0x00u
#define IC_PENDING1       0x04u
#define IC_PENDING2       0x08u
#define IC_DISABLE1       0x1Cu
#define IC_DISABLE2       0x20u
#define IC_DISABLE_BASIC  0x24u

/* VideoCore mailbox 0 (property interface, channel 8). */
#define RPI2_MBOX_BASE    (RPI2_PERIPH_BASE + 0xB880u)
#define MBOX_READ         0x00u
#define MBOX_STATUS       0x18u
#define MBOX_WRITE        0x20u
#define MBOX_FULL         0x80000000u
#define MBOX_EMPTY        0x40000000u
#define MBOX_CH_PROPERTY  8u
#define RPI2_BUS_UNCACHED 0xC0000000u   /* ARM RAM as the VideoCore sees it, L2-uncached alias */

/* ARM-local peripherals ("Quad A7" document, section 4). */
#define LOCAL_GPU_ROUTING      0x0Cu
#define LOCAL_TIMER_CTL(core)  (0x40u + 4u * (core))   /* core timer interrupt control */
#define LOCAL_IRQ_PENDING(core) (0x60u + 4u * (core))
#define LOCAL_TIMER_CNTVIRQ    (1u << 3)               /* virtual timer (CNTV) */
#define LOCAL_PENDING_CNTV     (1u << 3)
#define LOCAL_PENDING_GPU      (1u << 8)
/* Per-core mailboxes (Quad A7 4.7): mailbox m of core n, write-set and
 * read/write-1-to-clear; their interrupt control (bits 0-3: mailbox m to
 * IRQ). */
#define LOCAL_MBOX_IRQ_CTL(core)     (0x50u + 4u * (core))
#define LOCAL_MBOX_IRQ_MBOX0         1
#define LOCAL_MBOX_SET(core, m)      (0x80u + 0x10u * (core) + 4u * (m))
#define LOCAL_MBOX_RDCLR(core, m)    (0xC0u + 0x10u * (core) + 4u * (m))
#define RPI2_CORES                   4u
#define CORE_PING_ANSWER             0x9A4BEDu   /* core_park.S: "parked, awake" */

/* Memory the ARM boot path uses below the kernel (vectors, ATAGs, stub). */
#define RPI2_LOW_RESERVED 0x8000u
#define RPI2_DEFAULT_RAM  0x20000000u   /* 512 MiB: safe for any Pi 2 GPU memory split */

#endif
