/*
 * arch/x86/trap.c - the C side of every interrupt and exception: hands IRQs
 * to the board's interrupt controller and turns any CPU exception into a
 * decoded report, then stops - except page faults in user space, which go
 * to the generic fault path (mm/vmm_fault.c) first: most are the VMM's
 * own lies being called (zero page, copy-on-write) - and kernel faults on
 * user addresses it cannot resolve inside the user-copy routines, which
 * resume at their fixups (kernel/usercopy_fixup.h).
 */
#include "arch/x86/trap.h"
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"
#include "arch/x86/segments.h"
#include "arch/x86/sysenter.h"
#include "arch/x86/trap_decode.h"
#include "arch/x86/x86_board.h"
#include "kernel/bench.h"
#include "lib/kprintf.h"
#include "lib/panic.h"
#include "mm/vmm.h"
#include "mm/tlbcheck.h"
#include "kernel/proc.h"
#include "kernel/syscall.h"
#include "kernel/usercopy_fixup.h"

static void report_error_code(const struct x86_trap_frame *f)
{
	char text[160];
	if (!x86_vector_has_error_code(f->vector))
		return;
	x86_decode_error(f->vector, f->error, text, sizeof text);
	kprintf("  error code %#010x: %s\n", f->error, text);
	if (f->vector == 14)
		kprintf("  faulting address (CR2) %#010x\n", x86_read_cr2());
}

/* The interrupted ESP/SS: from ring 3 the CPU pushed them; from ring 0 it
 * did not switch stacks, so the interrupted stack pointer is just above
 * the frame the CPU pushed (SDM Vol. 3A 6.12.1). */
static void interrupted_stack(const struct x86_trap_frame *f, uint32_t *esp, uint32_t *ss)
{
	if (x86_trap_from_user(f)) {
		*esp = f->user_esp;
		*ss = f->user_ss & 0xffff;
	} else {
		*esp = (uint32_t)(uintptr_t)&f->user_esp;
		*ss = x86_read_ss();
	}
}

static void report_registers(const struct x86_trap_frame *f)
{
	char flags[80], cr0text[80];
	uint32_t esp, ss, cr0 = x86_read_cr0();

	interrupted_stack(f, &esp, &ss);
	x86_decode_eflags(f->eflags, flags, sizeof flags);
	x86_decode_cr0(cr0, cr0text, sizeof cr0text);
	kprintf("  eip %#010x  cs %#06x  eflags %#010x [%s]\n", f->eip, f->cs & 0xffff,
		f->eflags, flags);
	kprintf("  eax %#010x  ebx %#010x  ecx %#010x  edx %#010x\n", f->eax, f->ebx, f->ecx, f->edx);
	kprintf("  esi %#010x  edi %#010x  ebp %#010x  esp %#010x\n", f->esi, f->edi, f->ebp, esp);
	kprintf("  ds %#06x  es %#06x  fs %#06x  gs %#06x  ss %#06x\n", f->ds & 0xffff,
		f->es & 0xffff, f->fs & 0xffff, f->gs & 0xffff, ss);
	kprintf("  cr0 %#010x [%s]  cr3 %#010x\n", cr0, cr0text, x86_read_cr3());
}

/* Prints everything known about an exception the kernel cannot handle. */
static void report_fault(const struct x86_trap_frame *f)
{
	kprintf("\n*** unhandled CPU exception %u (%#x): %s, in %s mode\n", f->vector, f->vector,
		x86_vector_name(f->vector), x86_trap_from_user(f) ? "user" : "kernel");
	report_error_code(f);
	report_registers(f);
}

#define PF_WRITE (1u << 1)   /* #PF error code bits, SDM Vol. 3A 4.7 */
#define PF_USER  (1u << 2)
#define PF_FETCH (1u << 4)

static const char *fault_reason(int rc)
{
	switch (rc) {
	case -E_FAULT: return "no region of the address space covers it";
	case -E_PERM: return "the region does not allow this access";
	case -E_NOMEM: return "no free frame to make it true (out of memory)";
	case -E_AGAIN: return "the same fault repeats with nothing left to change (livelock)";
	case -E_RANGE: return "a mapped file's page lies wholly past the end of the file (bus error)";
	case -E_IO: return "its page could not be read back (from its file or the swap area)";
	default: return "not a user-space address";
	}
}

static int last_fault_rc;

/* A kernel-mode fault on a user address the VMM could not resolve, at one
 * of the user-copy routines' accesses (the page went away while the
 * process slept in the middle of a system call): resume at the routine's
 * fault exit, the copy fails with -E_FAULT and the kernel goes on. */
static bool usercopy_fault(struct x86_trap_frame *f, uint32_t addr)
{
	if (x86_trap_from_user(f) || addr >= arch_vmm_user_end)
		return false;
	uintptr_t fixup = usercopy_fixup(f->eip);
	if (fixup)
		f->eip = fixup;
	return fixup != 0;
}

/* A page fault: decode CR2 and the error code into the neutral form and
 * let the VMM try. Returns true when the access can be retried (or a
 * user copy resumes at its fixup). */
static bool page_fault(struct x86_trap_frame *f)
{
	uint32_t addr = x86_read_cr2();
	TLBC_RETIRE_VA(0, addr);   /* a #PF drops the faulting address's entries (SDM Vol. 3A 4.10.4.1) */
	enum vmm_access access = (f->error & PF_WRITE) ? VMM_ACCESS_WRITE :
				 (f->error & PF_FETCH) ? VMM_ACCESS_EXEC : VMM_ACCESS_READ;
	int rc = addr < arch_vmm_user_end ? vmm_fault(addr, access, f->error & PF_USER) : -E_INVAL;
	if (rc == 0 || usercopy_fault(f, addr))
		return true;
	last_fault_rc = rc;
	kprintf("\nvmm: page fault at %#010x not resolved: %s\n", addr, fault_reason(rc));
	return false;
}

static void handle_trap(struct x86_trap_frame *f)
{
	if (f->vector == X86_SYSCALL_VECTOR && x86_trap_from_user(f)) {
		syscall_dispatch((struct arch_frame *)f);
		return;
	}
	last_fault_rc = 0;
	if (f->vector == 14 && page_fault(f))
		return;
	if (f->vector == X86_VECTOR_NM && x86_fpu_trap(x86_trap_from_user(f)))
		return;
	if (x86_sysenter_single_step(f))
		return;   /* the caller's TF, before the entry cleared it: nothing happened */
	if (f->vector >= X86_IRQ_BASE && f->vector < X86_IRQ_BASE + X86_IRQ_LINES) {
		/* Bench builds: an interrupt, and the reschedule it may ask for,
		 * is no part of what the file benchmarks measure (kernel/bench.h). */
		bench_exclude_begin();
		board_irq_dispatch(f->vector - X86_IRQ_BASE);
		if (CONFIG_BENCH)
			sched_preempt_point(x86_trap_from_user(f));
		bench_exclude_end();
		return;
	}
	report_fault(f);
	/* A fault in a program ends the program; in the kernel, the machine. */
	if (x86_trap_from_user(f))
		proc_kill_current(f->vector == 14 ? fault_reason(last_fault_rc) : x86_vector_name(f->vector));
	kernel_stop_after_report();
}

void x86_trap_dispatch(struct x86_trap_frame *f)
{
	handle_trap(f);
	sched_preempt_point(x86_trap_from_user(f));
}
