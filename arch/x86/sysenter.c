/*
 * arch/x86/sysenter.c - the fast system call's set-up and C side: the
 * three SYSENTER MSRs, the small stack SYSENTER lands on, the dispatcher
 * sysenter_entry.S calls, and the check trap.c uses to let single-step traps in
 * the entry go. The int 0x80 gate stays (trap_entry.S) for programs that
 * use it; both build the same frame.
 */
#include "arch/x86/sysenter.h"
#include "arch/x86/segments.h"
#include "kernel/proc.h"
#include "kernel/syscall.h"
#include "lib/kprintf.h"

#define MSR_SYSENTER_CS  0x174   /* SDM Vol. 3A 5.8.7 and Vol. 4 Table 2-2 */
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176
#define CPUID1_EDX_SEP   (1u << 11)

extern const char x86_sysenter_entry[], x86_sysenter_flags_clean[];

/* Where SYSENTER sets ESP. The entry's first instruction leaves it for the
 * process's kernel stack; only a #DB (the caller's TF, taken after each
 * instruction until the entry clears it) or an NMI in between runs here,
 * and the #DB handler's path (trap_entry.S, handle_trap) needs well under
 * this. */
static uint8_t landing_stack[1024] __attribute__((aligned(16)));

static void wrmsr(uint32_t msr, uint32_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"(value), "d"(0u));
}

static bool cpu_has_sep(void)
{
	uint32_t a = 1, b, c, d;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return d & CPUID1_EDX_SEP;
}

/* SYSENTER takes CS from the MSR and SS = CS + 8; SYSEXIT returns with
 * CS = MSR + 16 and SS = MSR + 24, both RPL 3: the GDT's order (kernel
 * code, kernel data, user code, user data; segments.h) is what makes
 * that right, and all four are flat, as SYSEXIT assumes. */
_Static_assert(X86_GDT_KERNEL_DATA == X86_GDT_KERNEL_CODE + 1 &&
	       X86_GDT_USER_CODE == X86_GDT_KERNEL_CODE + 2 &&
	       X86_GDT_USER_DATA == X86_GDT_KERNEL_CODE + 3, "SYSENTER/SYSEXIT segment order");

void x86_sysenter_init(void)
{
	if (!cpu_has_sep()) {
		kprintf("x86: no SYSENTER on this CPU: system calls through int 0x80 only\n");
		return;
	}
	wrmsr(MSR_SYSENTER_CS, X86_KERNEL_CS);
	wrmsr(MSR_SYSENTER_ESP, (uint32_t)(uintptr_t)(landing_stack + sizeof landing_stack));
	wrmsr(MSR_SYSENTER_EIP, (uint32_t)(uintptr_t)x86_sysenter_entry);
}

/* The fast path's registers: ecx and edx carried the return ESP and EIP,
 * so the arguments are ebx esi edi ebp (argument 4 is 0: no call has
 * five; such a call would use int 0x80). */
__attribute__((regparm(1))) void x86_sysenter_dispatch(struct x86_trap_frame *f)
{
	const uint32_t a[5] = { f->ebx, f->esi, f->edi, f->ebp, 0 };
	f->eax = (uint32_t)syscall_run(f->eax, a);
	sched_preempt_point(true);
}

bool x86_sysenter_single_step(const struct x86_trap_frame *f)
{
	uint32_t eip = f->eip;
	return f->vector == 1 && (f->cs & 3) == 0 &&
	       eip >= (uint32_t)(uintptr_t)x86_sysenter_entry &&
	       eip <= (uint32_t)(uintptr_t)x86_sysenter_flags_clean;
}
