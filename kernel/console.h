/*
 * kernel/console.h - the kernel console: output over the board's UART
 * ("\n" becomes "\r\n"; everything the kernel prints goes through here),
 * and input with a foreground process that Ctrl-C interrupts.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "lib/types.h"

void console_putc(char c);
void console_puts(const char *s);

/* From the timer tick (and readers): moves received bytes into the input
 * queue; a Ctrl-C (0x03) kills the foreground process instead, if any. */
void console_poll(void);

/* Reads at least one byte, sleeping until there is one, and at most n,
 * stopping after a line end. Returns the count. */
int console_read(uint8_t *buf, size_t n);

/* The process Ctrl-C interrupts (0: none, Ctrl-C is then input). */
int console_set_foreground(int pid);

#endif
