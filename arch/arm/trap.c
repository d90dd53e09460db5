/*
 * arch/arm/trap.c - what happens after the vector stubs: interrupts go to
 * the board, the Secure-state probe is answered, and every other exception
 * is unexpected at this stage: it is decoded (mode, fault status by name,
 * address, registers) and the machine stops.
 */
#include "arch/arm/trap.h"
#include "arch/arm/arm_board.h"
#include "arch/arm/cp15.h"
#include "arch/arm/cpu_bits.h"
#include "arch/arm/fsr_decode.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"

static volatile bool probing;
static volatile bool probe_faulted;

bool arm_in_secure_state(void)
{
	probing = true;
	probe_faulted = false;
	(void)cp15_scr();      /* UNDEFINED when Non-secure: arm_trap notes it and skips it */
	probing = false;
	return !probe_faulted;
}

static void print_registers(const struct arm_trap_frame *f)
{
	for (int i = 0; i < 13; i++)
		kprintf("  r%-2d %08x%s", i, f->r[i], i % 4 == 3 ? "\n" : "");
	kprintf("\n  pc  %08x (return address)  cpsr %08x (%s mode%s%s)\n", f->pc, f->cpsr,
		arm_mode_name(f->cpsr),
		f->cpsr & PSR_I ? ", IRQs masked" : "", f->cpsr & (1u << 5) ? ", Thumb" : "");
	/* The SVC stack pointer before the exception: just above the frame. */
	kprintf("  svc: sp %08x lr %08x   usr/sys: sp %08x lr %08x\n",
		(uint32_t)(uintptr_t)(f + 1), f->svc_lr, f->usr_sp, f->usr_lr);
}

static void report_abort(const char *what, uint32_t fsr, uint32_t far, bool data,
			 const struct arm_trap_frame *f)
{
	kprintf("\n*** %s: %s (%s 0x%03x), %s at 0x%08x, in %s mode\n", what, arm_fsr_name(fsr),
		data ? "DFSR" : "IFSR", fsr, data ? (arm_fsr_is_write(fsr) ? "write" : "read") : "fetch",
		far, arm_mode_name(f->cpsr));
	if (data)
		kprintf("  faulting instruction at pc 0x%08x\n", f->pc);
}

static NORETURN void report_and_stop(const struct arm_trap_frame *f, uint32_t kind)
{
	switch (kind) {
	case TRAP_UNDEF:
		kprintf("\n*** undefined instruction at pc 0x%08x in %s mode (instruction word %08x)\n",
			f->pc - 4, arm_mode_name(f->cpsr), *(const uint32_t *)(f->pc - 4));
		break;
	case TRAP_SVC:
		kprintf("\n*** unexpected SVC from %s mode at pc 0x%08x\n",
			arm_mode_name(f->cpsr), f->pc - 4);
		break;
	case TRAP_PABT:
		report_abort("prefetch abort", cp15_ifsr(), cp15_ifar(), false, f);
		break;
	case TRAP_DABT:
		report_abort("data abort", cp15_dfsr(), cp15_dfar(), true, f);
		break;
	default:
		kprintf("\n*** unexpected exception kind %u at pc 0x%08x\n", kind, f->pc);
	}
	print_registers(f);
	kernel_stop_after_report();
}

void arm_trap(struct arm_trap_frame *f, uint32_t kind)
{
	if (kind == TRAP_IRQ) {
		board_irq_dispatch();
		return;
	}
	if (kind == TRAP_UNDEF && probing) {
		probe_faulted = true;   /* resume after the probing MRC (pc already points past it) */
		return;
	}
	report_and_stop(f, kind);
}
