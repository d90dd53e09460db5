/*
 * kernel/arch.h - the CPU operations generic code may call. Each port
 * implements them under the same names in arch/<a>/ (chosen at link time);
 * generic code never includes an arch-private header for these.
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include "lib/types.h"
#include "mm/vmm.h"

/* Name of the port for the banner, e.g. "armv7-a" or "i386". */
extern const char arch_name[];
/* Short name for machine-readable output: "arm" or "x86". */
extern const char arch_short_name[];

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

/* ---- Pages and time ---- */
/* Zeroes / copies one 4 KiB page (page aligned) as fast as the CPU can. */
void arch_page_zero(void *page);
void arch_page_copy(void *dst, const void *src);

/* A cycle counter (x86 TSC, ARM PMCCNTR): under QEMU -icount shift=0 it
 * counts executed instructions exactly. Use differences only. */
uint64_t arch_cycles(void);

/* ---- Processes (user mode, system calls, context switch) ----
 * struct arch_context (saved kernel registers) and struct arch_frame (user
 * registers as a trap saved them) are defined per port in <arch/proc.h>. */
struct proc;
struct arch_frame;
struct arch_context;

/* Lays out p's kernel stack: p->frame at its top, and p->ctx such that the
 * first arch_context_switch to p runs proc_first_run() and then returns to
 * user mode through p->frame. */
void arch_proc_init_stack(struct proc *p);

/* Per-process arch state beyond the registers of the frame (ARM: the
 * VFP/NEON registers, lazily switched). fork: child gets a copy of the
 * parent's, 0 or -E_NOMEM (nothing to undo then but arch_proc_release);
 * exec: p's new program starts from the initial state; release: p is
 * being freed, the arch forgets it and frees what it held. */
int arch_proc_fork(struct proc *child, const struct proc *parent);
void arch_proc_exec(struct proc *p);
void arch_proc_release(struct proc *p);

/* Sets f to enter user mode at entry with stack pointer sp, interrupts on. */
void arch_frame_user_entry(struct arch_frame *f, vaddr_t entry, vaddr_t sp);

/* The system call's number, argument i (0-4) and result in a frame:
 * static inline in <arch/proc.h> (arch_frame_syscall_nr, _arg,
 * arch_frame_set_return), since the dispatcher calls them on every system
 * call and a call each costs more than the load it wraps. */

/* Saves the kernel registers in *from and resumes the context in *to. */
void arch_context_switch(struct arch_context *from, const struct arch_context *to);

/* The kernel stack the CPU must switch to on a trap from user mode
 * (x86: TSS.esp0; ARM: nothing, SVC's banked sp already is it). */
void arch_set_kernel_stack(void *top);

/* Makes instructions just written at [va, va + len) fetchable (ARM: clean
 * D-cache to PoU, invalidate I-cache; x86: nothing, caches are coherent). */
void arch_sync_icache(const void *va, size_t len);

#endif
