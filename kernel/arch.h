/*
 * kernel/arch.h - the CPU operations generic code may call. Each port
 * implements them under the same names in arch/<a>/ (chosen at link time);
 * generic code never includes an arch-private header for these.
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include "kernel/types.h"

/* Name of the port for the banner, e.g. "armv7-a" or "i386". */
extern const char arch_name[];

void arch_irq_enable(void);
void arch_irq_disable(void);
/* Sleeps the CPU until the next interrupt (wfi / hlt). */
void arch_wait_for_interrupt(void);

/* Stops this CPU for good with interrupts off. */
NORETURN void arch_halt(void);

/* Ends the emulator run with a status the test harness reads: code 0 is
 * success. ARM: semihosting SYS_EXIT_EXTENDED; x86: isa-debug-exit port.
 * Only meaningful under QEMU with the harness's flags; on hardware it halts. */
NORETURN void arch_emulator_exit(int code);

/* Test hooks: deliberately raise an exception so the decoded fault report
 * can be checked. kind: "undef", "align" (ARM) / "gp" (x86), "div".
 * Returns only if the kind is not supported on this port. */
void arch_trigger_fault(const char *kind);

#endif
