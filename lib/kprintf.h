/*
 * lib/kprintf.h - formatted output for the kernel console.
 * kvformat() is the pure formatting engine (host-tested); kprintf() sends
 * its output to the console; ksnprintf() formats into a buffer.
 * lib/ calls nothing above it: the console is reached through
 * console_putc(), which whoever links lib/ provides (kernel/console.c in
 * the kernel, user/lib/stdio.c in programs, a stub in the host tests).
 */
#ifndef LIB_KPRINTF_H
#define LIB_KPRINTF_H

#include "lib/types.h"

typedef void (*kput_fn)(char c, void *ctx);

/* Formats fmt to put(); returns the number of characters produced.
 * Supports %d %i %u %x %X %o %c %s %p %%, flags '-' '0' ' ' '+' '#', a width
 * (or '*'), a precision for strings, and the l, ll, z, h length modifiers. */
int kvformat(kput_fn put, void *ctx, const char *fmt, va_list ap);

/* The console sink, provided by the layer that links lib/ (see above). */
void console_putc(char c);

int kprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int kvprintf(const char *fmt, va_list ap);

/* Like snprintf: always NUL-terminates when size > 0; returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
