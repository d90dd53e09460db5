/*
 * kernel/console.h - the kernel console: a thin layer over the board's UART
 * that turns "\n" into "\r\n". Everything the kernel prints goes through here.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

void console_putc(char c);
void console_puts(const char *s);
/* Returns the next received character, or -1 if none is waiting. */
int console_getc(void);

#endif
