/*
 * arch/arm/trap.c - what happens after the vector stubs: interrupts go to
 * the board, the Secure-state probe is answered, and every other exception
 * but the translation and permission faults below user_end, which go to
 * the generic fault path (mm/vmm_fault.c) first, and the access-flag
 * faults on user pages (arch/arm/mm/accessed.c), is unexpected: it is
 * decoded (mode, fault status by name, address, registers) and the
 * machine stops.
 */
#include "arch/arm/trap.h"
#include "arch/arm/arm_board.h"
#include "arch/arm/cp15.h"
#include "arch/arm/cpu_bits.h"
#include "arch/arm/fsr_decode.h"
#include "arch/arm/insn_decode.h"
#include "arch/arm/mm/accessed.h"
#include "arch/arm/vfp.h"
#include "kernel/arch.h"
#include "kernel/bench.h"
#include "kernel/board.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "lib/string.h"
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

static bool from_user(const struct arm_trap_frame *f)
{
	return (f->cpsr & PSR_MODE_MASK) == PSR_MODE_USR;
}

/* A PL1 instruction fetch below the user limit is a kernel bug, never a
 * fault to resolve: the kernel must not run user code (PXN in every user
 * L1 table descriptor, arch/arm/mm/desc.h, turns it into a permission
 * fault; before a table exists it is a translation fault). */
static bool kernel_fetch_from_user(const struct arm_trap_frame *f, uint32_t kind, uint32_t far)
{
	return kind == TRAP_PABT && !from_user(f) && far < arch_vmm_user_end;
}

/* The instruction behind an undefined-instruction exception. */
struct undef_insn {
	uint32_t addr;
	uint32_t word;      /* a 32-bit Thumb instruction: first halfword in the top half */
	unsigned size;      /* 2 or 4 bytes */
	bool thumb;
	bool readable;
};

/* A user address is loaded only after its entries are probed: each page
 * must have a valid user entry, which PL1 can always read (AP[2:1] = 01 or
 * 11, arch/arm/mm/desc.h), so the load cannot fault but for the access
 * flag, which the abort path sets like any other - another fault here, in
 * SVC mode, would stop the machine. A swap entry is no valid entry. Not copy_from_user: a report must change
 * nothing (no lie resolved for it), and execute-only code is still shown.
 * Nothing can unmap the page in between: traps run with IRQs masked and
 * the kernel is not preemptive (with SMP: under the space's lock). */
static bool user_code_mapped(uint32_t va, size_t n)
{
	if (va >= arch_vmm_user_end || n > arch_vmm_user_end - va)
		return false;
	for (uint32_t page = ALIGN_DOWN(va, PAGE_SIZE); page < va + n; page += PAGE_SIZE) {
		struct vmm_page_info info;
		arch_vmm_query(arch_vmm_space_current(), page, &info);
		if ((info.kind != VMM_PAGE_MAPPED && info.kind != VMM_PAGE_ZERO_TABLE) ||
		    !(info.prot & VMM_USER))
			return false;
	}
	return true;
}

/* The kernel's own text is always mapped. */
static bool read_code(const struct arm_trap_frame *f, uint32_t va, void *out, size_t n)
{
	if (from_user(f) && !user_code_mapped(va, n))
		return false;
	memcpy(out, (const void *)(uintptr_t)va, n);
	return true;
}

/* ARM state: the word at LR - 4. Thumb: the halfword at LR - 2 and, for a
 * 32-bit instruction, its second half at LR (insn_decode.h). */
static void undef_fetch(const struct arm_trap_frame *f, struct undef_insn *in)
{
	uint16_t half[2] = { 0, 0 };
	in->thumb = (f->cpsr & PSR_T) != 0;
	in->addr = arm_undef_insn_addr(f->pc, in->thumb);
	in->size = 4;
	if (!in->thumb) {
		in->readable = read_code(f, in->addr, &in->word, 4);
		return;
	}
	in->readable = read_code(f, in->addr, &half[0], 2);
	if (in->readable && !arm_thumb_is_32bit(half[0]))
		in->size = 2;
	else if (in->readable)
		in->readable = read_code(f, in->addr + 2, &half[1], 2);
	in->word = in->size == 2 ? half[0] : (uint32_t)half[0] << 16 | half[1];
}

static void report_undef(const struct arm_trap_frame *f)
{
	struct undef_insn in;
	undef_fetch(f, &in);
	kprintf("\n*** undefined instruction at pc 0x%08x in %s mode", in.addr, arm_mode_name(f->cpsr));
	if (!in.readable)
		kprintf(" (%s instruction unreadable)\n", in.thumb ? "Thumb" : "ARM");
	else if (in.size == 2)
		kprintf(" (Thumb instruction %04x)\n", in.word);
	else if (in.thumb)
		kprintf(" (Thumb instruction %04x %04x)\n", in.word >> 16, in.word & 0xffffu);
	else
		kprintf(" (ARM instruction %08x)\n", in.word);
}

/* What the last user undef's VFP claim said (0: none was refused). */
static int last_vfp_rc;

/* A VFP/NEON instruction from User mode: hand the unit to the current
 * process (arch/arm/vfp.c) and run the instruction again. True when it
 * may run again; otherwise last_vfp_rc says why not. */
static __attribute__((noinline)) bool undef_vfp_claim(struct arm_trap_frame *f)
{
	struct undef_insn in;
	last_vfp_rc = 0;
	undef_fetch(f, &in);
	if (!in.readable || !arm_insn_is_vfp_neon(in.word, in.thumb))
		return false;
	last_vfp_rc = arm_vfp_claim();
	if (last_vfp_rc)
		return false;
	f->pc = in.addr;   /* with the SPSR's IT state unchanged: the same instruction */
	return true;
}

static const char *undef_kill_reason(void)
{
	if (last_vfp_rc == -E_NOMEM)
		return "VFP/NEON instruction: no kernel memory for the process's VFP registers";
	if (last_vfp_rc && !arm_vfp_available())   /* a VFP/NEON instruction was tried */
		return "VFP/NEON instruction: no usable VFP unit (CPACR/NSACR deny it)";
	return "undefined instruction";
}

static void print_registers(const struct arm_trap_frame *f)
{
	for (int i = 0; i < 13; i++)
		kprintf("  r%-2d %08x%s", i, f->r[i], i % 4 == 3 ? "\n" : "");
	kprintf("\n  pc  %08x (return address)  cpsr %08x (%s mode%s%s)\n", f->pc, f->cpsr,
		arm_mode_name(f->cpsr),
		f->cpsr & PSR_I ? ", IRQs masked" : "", f->cpsr & PSR_T ? ", Thumb" : "");
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

/* Out of line: the paths that end in a report are cold, and inlined into
 * arm_trap they cost the fault and system call paths spilled registers. */
static __attribute__((noinline)) void report(const struct arm_trap_frame *f, uint32_t kind)
{
	switch (kind) {
	case TRAP_UNDEF:
		report_undef(f);
		break;
	case TRAP_SVC:
		kprintf("\n*** unexpected SVC from %s mode at pc 0x%08x\n",
			arm_mode_name(f->cpsr), f->pc - 4);
		break;
	case TRAP_PABT:
		report_abort("prefetch abort", cp15_ifsr(), cp15_ifar(), false, f);
		if (kernel_fetch_from_user(f, kind, cp15_ifar()))
			kprintf("  kernel bug: a %s-mode instruction fetch from user address 0x%08x "
				"(PXN, privileged execute-never)\n", arm_mode_name(f->cpsr), cp15_ifar());
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
	case -E_AGAIN: return "the same fault repeats with nothing left to change (livelock)";
	case -E_RANGE: return "a mapped file's page lies wholly past the end of the file (bus error)";
	case -E_IO: return "the mapped file could not be read";
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
	/* The clock cleared the page's access flag (a PL1 fetch never gets
	 * here: the kernel runs no user code). Anything but a valid user
	 * entry without the flag is unexpected. Tested after the common
	 * faults, off their path. */
	if (!resolvable && arm_fsr_is_access_flag(fsr))
		return arm_vmm_access_flag_fault(far);
	int rc = resolvable ? vmm_fault(far, access, (f->cpsr & PSR_MODE_MASK) == PSR_MODE_USR)
			    : -E_INVAL;
	if (rc == 0)
		return true;
	last_fault_rc = rc;
	if (resolvable)
		kprintf("\nvmm: abort at 0x%08x not resolved: %s\n", far, fault_reason(rc));
	return false;
}

static void handle_trap(struct arm_trap_frame *f, uint32_t kind)
{
	if (kind == TRAP_SVC && from_user(f)) {
		syscall_dispatch((struct arch_frame *)f);
		return;
	}
	last_fault_rc = 0;   /* not before: a system call never reads it */
	/* A prefetch abort in a PL1 mode is never the VMM's to resolve: the
	 * kernel does not run user code (kernel_fetch_from_user). */
	if ((kind == TRAP_DABT || (kind == TRAP_PABT && from_user(f))) && vmm_abort(f, kind))
		return;
	if (kind == TRAP_IRQ) {
		/* Bench builds: an interrupt, and the reschedule it may ask for,
		 * is no part of what the file benchmarks measure (kernel/bench.h). */
		bench_exclude_begin();
		board_irq_dispatch();
		if (CONFIG_BENCH)
			sched_preempt_point(from_user(f));
		bench_exclude_end();
		return;
	}
	if (kind == TRAP_UNDEF && from_user(f) && undef_vfp_claim(f))
		return;
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
				  kind == TRAP_UNDEF ? undef_kill_reason() : "bad trap");
	kernel_stop_after_report();
}

/* An SVC from User mode (vectors.S svc_entry): the call, then the
 * return-to-user checks. The arguments are copied because exec rewrites
 * the frame they are read from. */
void arm_syscall(struct arm_trap_frame *f)
{
	uint32_t a[5] = { f->r[0], f->r[1], f->r[2], f->r[3], f->r[4] };
	f->r[0] = (uint32_t)syscall_run(f->r[7], a);
	sched_preempt_point(true);
}

void arm_trap(struct arm_trap_frame *f, uint32_t kind)
{
	handle_trap(f, kind);
	sched_preempt_point(from_user(f));
}
