/*
 * boards/pc/uart.c - COM1, a 16550A UART, as the kernel console: 115200
 * baud 8N1, FIFOs on, polled (no UART interrupt). Owns only the UART
 * registers; newline handling is kernel/console.c's.
 */
#include "board.h"
#include "arch/x86/io.h"
#include "kernel/board.h"

/* Register offsets from the base port (PC16550D datasheet, Table II). */
#define UART_RBR 0   /* receive buffer (read, DLAB = 0) */
#define UART_THR 0   /* transmit holding (write, DLAB = 0) */
#define UART_DLL 0   /* divisor latch low (DLAB = 1) */
#define UART_IER 1   /* interrupt enable (DLAB = 0) */
#define UART_DLM 1   /* divisor latch high (DLAB = 1) */
#define UART_FCR 2   /* FIFO control (write) */
#define UART_LCR 3   /* line control */
#define UART_MCR 4   /* modem control */
#define UART_LSR 5   /* line status */

#define LCR_8N1      0x03   /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB     0x80   /* divisor latch access */
#define FCR_ENABLE   0x01
#define FCR_CLEAR    0x06   /* reset both FIFOs */
#define FCR_TRIG_14  0xC0   /* receive interrupt threshold 14 bytes */
#define MCR_DTR_RTS  0x03   /* OUT2 (IRQ gate) stays off: we poll */
#define LSR_DR       0x01   /* a received byte is waiting */
#define LSR_THRE     0x20   /* transmit holding register empty */
#define LSR_TEMT     0x40   /* holding register and shift register both empty */

static void uart_out(unsigned reg, uint8_t v)
{
	x86_outb((uint16_t)(PC_COM1_BASE + reg), v);
}

static uint8_t uart_in(unsigned reg)
{
	return x86_inb((uint16_t)(PC_COM1_BASE + reg));
}

/* Every write is a full reprogramming, so calling this twice is harmless. */
void board_uart_init(void)
{
	uint16_t div = PC_UART_CLOCK / (16 * PC_UART_BAUD);   /* 1 for 115200 */
	uart_out(UART_IER, 0);
	uart_out(UART_LCR, LCR_DLAB);
	uart_out(UART_DLL, div & 0xff);
	uart_out(UART_DLM, div >> 8);
	uart_out(UART_LCR, LCR_8N1);
	uart_out(UART_FCR, FCR_ENABLE | FCR_CLEAR | FCR_TRIG_14);
	uart_out(UART_MCR, MCR_DTR_RTS);
}

void board_uart_putc(char c)
{
	/* With no UART present the port floats to 0xFF, THRE reads set, and
	 * output is silently lost instead of hanging the kernel. */
	while (!(uart_in(UART_LSR) & LSR_THRE))
		;
	uart_out(UART_THR, (uint8_t)c);
}

void board_uart_flush(void)
{
	/* Bounded: an absent UART reads 0xFF (TEMT set) and a stuck one must
	 * not hang the shutdown path. */
	for (int i = 0; i < 1000000 && !(uart_in(UART_LSR) & LSR_TEMT); i++)
		;
}

int board_uart_getc(void)
{
	if (!(uart_in(UART_LSR) & LSR_DR))
		return -1;
	return uart_in(UART_RBR);
}
