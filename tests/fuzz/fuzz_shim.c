/*
 * tests/fuzz/fuzz_shim.c - what the pure kernel code under fuzzing needs
 * from the rest of the kernel: a console that prints nothing, a panic that
 * is a crash (the fuzzer keeps the input), and a heap that is the host's
 * malloc, so AddressSanitizer sees every allocation of the code above the
 * heap (fs/, drivers/).
 */
#include "lib/types.h"
#include <stdio.h>
#include <stdlib.h>

void console_putc(char c)
{
	(void)c;
}

void panic(const char *fmt, ...)
{
	fprintf(stderr, "panic: %s\n", fmt);
	abort();
}

void *kmalloc(size_t n)
{
	return malloc(n);
}

void kfree(void *p)
{
	free(p);
}
