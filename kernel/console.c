/*
 * kernel/console.c - the console over the board UART (boards/<b>/): output
 * with newline translation, and a tiny controlling terminal on input: the
 * UART is drained into a queue at every timer tick, so Ctrl-C is seen even
 * while nobody reads, and it interrupts the foreground process the shell
 * named. Never sleeps in console_poll (it runs in the timer interrupt).
 */
#include "kernel/console.h"
#include "kernel/board.h"
#include "kernel/proc.h"

#define INPUT_SIZE 256   /* type-ahead; beyond it bytes wait in the UART */
#define CTRL_C 0x03

/* Input queue and foreground pid. Locking: on one CPU the kernel runs with
 * interrupts off (syscalls enter through interrupt gates / with IRQs
 * masked), so the tick's console_poll and a reader never interleave. With
 * SMP this wants one lock, "console_lock", taken with interrupts masked. */
static struct {
	uint8_t buf[INPUT_SIZE];
	uint32_t head, tail;      /* read at head, write at tail (free-running) */
	int foreground;           /* pid Ctrl-C interrupts; 0: none */
} input;

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

/* Ctrl-C: the foreground process is killed; with none (the shell is
 * reading), the byte goes to the reader like any other. */
static bool interrupt_foreground(void)
{
	if (!input.foreground)
		return false;
	console_puts("^C\n");
	proc_kill(input.foreground, "interrupted (Ctrl-C)");
	input.foreground = 0;
	return true;
}

void console_poll(void)
{
	int c;
	while (input.tail - input.head < INPUT_SIZE && (c = board_uart_getc()) >= 0) {
		if (c == CTRL_C && interrupt_foreground())
			continue;
		input.buf[input.tail++ % INPUT_SIZE] = (uint8_t)c;
	}
	if (input.tail != input.head)
		sched_wakeup(&input);
}

static int console_getc(void)
{
	console_poll();
	if (input.head == input.tail)
		return -1;
	return input.buf[input.head++ % INPUT_SIZE];
}

int console_read(uint8_t *buf, size_t n)
{
	int c;
	while ((c = console_getc()) < 0)
		sched_sleep(&input);   /* console_poll wakes us at the tick that brings input */
	size_t got = 0;
	do {
		buf[got++] = (uint8_t)c;
	} while (got < n && c != '\n' && c != '\r' && (c = console_getc()) >= 0);
	return (int)got;
}

int console_set_foreground(int pid)
{
	input.foreground = pid;
	return 0;
}
