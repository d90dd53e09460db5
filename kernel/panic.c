/*
 * kernel/panic.c - stopping the machine after an unrecoverable error.
 */
#include "lib/panic.h"
#include "kernel/arch.h"
#include "kernel/board.h"
#include "lib/kprintf.h"
#include "lib/config.h"

/* Exit status the harness sees for a kernel that stopped on an error. */
#define EXIT_STATUS_STOPPED 3

NORETURN void kernel_stop_after_report(void)
{
	arch_irq_disable();
	if (CONFIG_TEST) {
		board_uart_flush();
		arch_emulator_exit(EXIT_STATUS_STOPPED);
	}
	kprintf("system halted.\n");
	board_uart_flush();
	arch_halt();
}

NORETURN void panic(const char *fmt, ...)
{
	arch_irq_disable();
	va_list ap;
	va_start(ap, fmt);
	kprintf("\npanic: ");
	kvprintf(fmt, ap);
	kprintf("\n");
	va_end(ap);
	kernel_stop_after_report();
}
