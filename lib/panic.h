/*
 * lib/panic.h - the last resort for broken kernel invariants (STYLE.md
 * tier 3), and assert() for preconditions. Bad input never reaches here: it
 * gets an error code instead. Declared here so every layer can call it;
 * implemented in kernel/panic.c (stopping needs the arch and board).
 */
#ifndef LIB_PANIC_H
#define LIB_PANIC_H

#include "lib/types.h"

/* Prints "panic: <message>" and stops the machine (test builds: exits the
 * emulator with a failure status). */
NORETURN void panic(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Stops after a report has been printed: halts, or in test builds exits
 * the emulator with a failure status. Used by the fault handlers. */
NORETURN void kernel_stop_after_report(void);

#define assert(cond) \
	do { if (!(cond)) panic("%s:%d: assertion '%s' failed", __FILE__, __LINE__, #cond); } while (0)

#endif
