/*
 * user/lib/stdio.c - printf for programs, on the kernel's own formatting
 * engine (lib/kprintf.c is compiled into the library too), buffered per
 * line on file descriptor 1.
 */
#include "mendax.h"
#include "lib/kprintf.h"

static char out[256];
static size_t out_len;

void fflush_stdout(void)
{
	if (out_len)
		write(1, out, out_len);
	out_len = 0;
}

/* lib/kprintf.c's kprintf() writes through this. */
void console_putc(char c)
{
	out[out_len++] = c;
	if (c == '\n' || out_len == sizeof out)
		fflush_stdout();
}

static void put_stdout(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvformat(put_stdout, NULL, fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *p, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(p, size, fmt, ap);
	va_end(ap);
	return n;
}
