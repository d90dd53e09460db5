/*
 * boards/rpi2/uart_pl011.c - the PL011 UART0 as the console, set up as on
 * real hardware: GPIO 14/15 to their UART function, pulls off, 115200 8N1
 * with FIFOs. QEMU needs none of it; a Pi does. Polled, no interrupts.
 */
#include "board.h"
#include "mmio.h"
#include "kernel/board.h"
#include "lib/kprintf.h"
#include "mailbox.h"
#include "arch/arm/arm_board.h"

#define DR    0x00u
#define FR    0x18u
#define IBRD  0x24u
#define FBRD  0x28u
#define LCRH  0x2Cu
#define CR    0x30u
#define IMSC  0x38u
#define ICR   0x44u

#define FR_BUSY (1u << 3)
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define LCRH_FEN   (1u << 4)
#define LCRH_WLEN8 (3u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE    (1u << 8)
#define CR_RXE    (1u << 9)

/* A firmware answer outside this range is not believed. */
#define UART_CLOCK_MIN 1000000u
#define UART_CLOCK_MAX 500000000u

#define GPIO_FN_ALT0 4u   /* TXD0/RXD0 on pins 14/15 (Peripherals 6.2) */
#define SPIN_BOUND 1000000

static void uart_write(uint32_t reg, uint32_t v) { mmio_write(RPI2_UART0_BASE + reg, v); }
static uint32_t uart_read(uint32_t reg) { return mmio_read(RPI2_UART0_BASE + reg); }

/* The GPPUD sequence wants 150 cycles between steps (Peripherals 6.1,
 * "GPIO Pull-up/down Clock Registers"); the loop is at least that. */
static void delay_cycles(unsigned n)
{
	for (volatile unsigned i = 0; i < n; i++)
		mmio_poll_pause();
}

static void route_pins_to_uart(void)
{
	uint32_t sel = mmio_read(RPI2_GPIO_BASE + GPFSEL1);
	sel &= ~((7u << 12) | (7u << 15));                      /* pins 14, 15 */
	sel |= (GPIO_FN_ALT0 << 12) | (GPIO_FN_ALT0 << 15);
	mmio_write(RPI2_GPIO_BASE + GPFSEL1, sel);
	mmio_write(RPI2_GPIO_BASE + GPPUD, 0);                  /* pulls off */
	delay_cycles(150);
	mmio_write(RPI2_GPIO_BASE + GPPUDCLK0, (1u << 14) | (1u << 15));
	delay_cycles(150);
	mmio_write(RPI2_GPIO_BASE + GPPUDCLK0, 0);
	mmio_barrier();
}

static uint32_t uart_clock = RPI2_UART_CLOCK;
static bool uart_clock_from_firmware;

/* The UART's reference clock: the firmware sets it (config.txt
 * init_uart_clock; 48 MHz by default on a Pi 2, 3 MHz on old firmware),
 * so ask it; 48 MHz if it does not answer sensibly. */
static void read_uart_clock(void)
{
	uint32_t hz;
	uart_clock_from_firmware = rpi2_mailbox_clock_rate(MBOX_CLOCK_UART, &hz) == 0 &&
				   hz >= UART_CLOCK_MIN && hz <= UART_CLOCK_MAX;
	uart_clock = uart_clock_from_firmware ? hz : RPI2_UART_CLOCK;
}

void board_uart_report(void)
{
	kprintf("uart: clock %u Hz (%s), %u baud\n", uart_clock,
		uart_clock_from_firmware ? "from firmware" : "firmware did not say: default", RPI2_UART_BAUD);
}

void board_uart_init(void)
{
	read_uart_clock();
	/* PL011 TRM 3.3.8: disable, let the current character finish, flush
	 * the FIFO (FEN = 0), then reprogram. */
	uart_write(CR, 0);
	for (int i = 0; i < SPIN_BOUND && (uart_read(FR) & FR_BUSY); i++)
		mmio_poll_pause();
	uart_write(LCRH, 0);
	mmio_barrier();
	route_pins_to_uart();
	/* Divisor = clock / (16 * baud), in 1/64ths (PL011 TRM 3.3.6): at
	 * 48 MHz 26.04, integer 26, fraction round(0.04 * 64) = 3. */
	uint32_t div64 = (uint32_t)(((uint64_t)uart_clock * 4u + RPI2_UART_BAUD / 2) / RPI2_UART_BAUD);
	uart_write(ICR, 0x7FF);
	uart_write(IBRD, div64 >> 6);
	uart_write(FBRD, div64 & 63);
	uart_write(LCRH, LCRH_WLEN8 | LCRH_FEN);   /* LCRH after the divisors: it latches them */
	uart_write(IMSC, 0);
	uart_write(CR, CR_UARTEN | CR_TXE | CR_RXE);
	mmio_barrier();
}

void board_uart_putc(char c)
{
	/* Bounded: a stuck UART must not hang the kernel forever. */
	for (int i = 0; i < SPIN_BOUND && (uart_read(FR) & FR_TXFF); i++)
		mmio_poll_pause();
	uart_write(DR, (uint8_t)c);
}

void board_uart_flush(void)
{
	for (int i = 0; i < SPIN_BOUND && (uart_read(FR) & FR_BUSY); i++)
		mmio_poll_pause();
}

int board_uart_getc(void)
{
	if (uart_read(FR) & FR_RXFE)
		return -1;
	return (int)(uart_read(DR) & 0xFF);
}
