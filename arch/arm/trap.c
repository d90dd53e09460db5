/*
 * arch/arm/trap.c - what happens after the vector stubs: interrupts go to
 * the board, the Secure-state probe is answered, and every other exception
 * but the translation and permission faults below user_end, which go to
 * the generic fault path (mm/vmm_fault.c) first, is unexpected: it is
 * decoded (mode, fault status by name, address, registers) and the
 * machine stops.
 */
#include "arch/arm/trap.h"
#include "arch/arm/arm_board.h"
#include "arch/arm/cp15.h"
#include "arch/arm/cpu_bits.h"
#include "arch/arm/fsr_decode.h"
#include "kernel/arch.h"
#include "kernel/board.h"
#include "kernel/kprintf.h"
#include "kernel/panic.h"
#include "mm/vmm.h"
#include "kernel/proc.h"
#include "kernel/syscall.h"

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

static void report(const struct arm_trap_frame *f, uint32_t kind)
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
}

static int last_fault_rc;

static const char *fault_reason(int rc)
{
	switch (rc) {
	case -E_FAULT: return "no region of the address space covers it";
	case -E_PERM: return "the region does not allow this access";
	case -E_NOMEM: return "no free frame to make it true (out of memory)";
	default: return "not a user-space translation or permission fault";
	}
}

/* Decodes an abort into the neutral form and lets the VMM try. Returns
 * true when the access can be retried. */
static bool vmm_abort(const struct arm_trap_frame *f, uint32_t kind)
{
	bool data = kind == TRAP_DABT;
	uint32_t fsr = data ? cp15_dfsr() : cp15_ifsr(), far = data ? cp15_dfar() : cp15_ifar();
	enum vmm_access access = !data ? VMM_ACCESS_EXEC :
				 arm_fsr_is_write(fsr) ? VMM_ACCESS_WRITE : VMM_ACCESS_READ;
	bool resolvable = (arm_fsr_is_translation(fsr) || arm_fsr_is_permission(fsr)) &&
			  far < arch_vmm_user_end;
	int rc = resolvable ? vmm_fault(far, access, (f->cpsr & PSR_MODE_MASK) == PSR_MODE_USR)
			    : -E_INVAL;
	if (rc == 0)
		return true;
	last_fault_rc = rc;
	if (resolvable)
		kprintf("\nvmm: abort at 0x%08x not resolved: %s\n", far, fault_reason(rc));
	return false;
}

static bool from_user(const struct arm_trap_frame *f)
{
	return (f->cpsr & PSR_MODE_MASK) == PSR_MODE_USR;
}

static void handle_trap(struct arm_trap_frame *f, uint32_t kind)
{
	last_fault_rc = 0;
	if (kind == TRAP_SVC && from_user(f)) {
		syscall_dispatch((struct arch_frame *)f);
		return;
	}
	if ((kind == TRAP_DABT || kind == TRAP_PABT) && vmm_abort(f, kind))
		return;
	if (kind == TRAP_IRQ) {
		board_irq_dispatch();
		return;
	}
	if (kind == TRAP_SVC && arm_semihosting_exit_trapped()) {
		kprintf("arm: no semihosting here (not QEMU with -semihosting-config): halted\n");
		board_uart_flush();
		arch_halt();   /* wfi, IRQs off: reporting this SVC would issue it again */
	}
	if (kind == TRAP_UNDEF && probing) {
		probe_faulted = true;   /* resume after the probing MRC (pc already points past it) */
		return;
	}
	report(f, kind);
	/* A fault in a program ends the program; in the kernel, the machine. */
	if (from_user(f))
		proc_kill_current(last_fault_rc ? fault_reason(last_fault_rc) :
				  kind == TRAP_UNDEF ? "undefined instruction" : "bad trap");
	kernel_stop_after_report();
}

void arm_trap(struct arm_trap_frame *f, uint32_t kind)
{
	handle_trap(f, kind);
	sched_preempt_point(from_user(f));
}
