/*
 * kernel/console.c - console output over the board UART (boards/<b>/).
 * Owns newline translation only; the UART driver owns the hardware.
 */
#include "kernel/console.h"
#include "kernel/board.h"

void console_putc(char c)
{
	if (c == '\n')
		board_uart_putc('\r');
	board_uart_putc(c);
}

void console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

int console_getc(void)
{
	return board_uart_getc();
}
