/*
 * arch/x86/cpu.c - the kernel/arch.h operations for i386: interrupt flag,
 * halting, leaving QEMU through isa-debug-exit, and raising faults on
 * purpose for the fault-report tests.
 */
#include "kernel/arch.h"
#include "lib/string.h"
#include "arch/x86/cpu.h"
#include "arch/x86/io.h"
#include "mm/kstack.h"

const char arch_name[] = "i386";
const char arch_short_name[] = "x86";

void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/* sti delays interrupt recognition until after the next instruction (SDM
 * Vol. 2B STI), so "sti; hlt" cannot lose an interrupt that arrives between
 * a caller's check (made with interrupts off) and the hlt. The caller's
 * interrupt state is restored afterwards. */
void arch_wait_for_interrupt(void)
{
	uint32_t flags = x86_read_eflags();
	__asm__ volatile("sti; hlt" : : : "memory");
	if (!(flags & X86_EFLAGS_IF))
		arch_irq_disable();
}

NORETURN void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt" : : : "memory");
}

/*
 * QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,
 * iosize=0x04) ends QEMU with status (v << 1) | 1 when v is written to its
 * port, so the status is always odd and never 0. Mapping:
 *   code 0            -> v = 0x10 -> status 33  ("status 33 means pass")
 *   any other code c  -> v = c & 0x7f -> status 2 * (c & 0x7f) + 1,
 *                        except when that would be 0x10: v = 0x7f -> 255.
 * So status 33 happens only for code 0 (e.g. kernel_stop_after_report's
 * code 3 gives status 7).
 */
#define X86_DEBUG_EXIT_PORT 0xf4
#define X86_DEBUG_EXIT_PASS 0x10

static uint8_t debug_exit_value(int code)
{
	if (code == 0)
		return X86_DEBUG_EXIT_PASS;
	uint8_t v = (uint8_t)code & 0x7f;
	return v == X86_DEBUG_EXIT_PASS ? 0x7f : v;
}

NORETURN void arch_emulator_exit(int code)
{
	x86_outb(X86_DEBUG_EXIT_PORT, debug_exit_value(code));
	arch_halt();   /* no such device: this is not QEMU with the test flags */
}

/* Loads a selector beyond the GDT limit into DS: #GP with that selector as
 * the error code (SDM Vol. 2A MOV, "Protected Mode Exceptions"). */
static void fault_gp(void)
{
	__asm__ volatile("mov %0, %%ds" : : "r"((uint32_t)0x50) : "memory");
}

/* div by a zero register: #DE (SDM Vol. 2A DIV). */
static void fault_div(void)
{
	uint32_t lo = 1, hi = 0;
	__asm__ volatile("xorl %%ecx, %%ecx\n\t"
			 "divl %%ecx" : "+a"(lo), "+d"(hi) : : "ecx", "memory");
}

/* A read through a null pointer: user space of the kernel's own address
 * space is empty, so #PF, page not present, CR2 = 0. */
static void fault_null(void)
{
	uint32_t v;
	__asm__ volatile("movl 0, %0" : "=r"(v) : : "memory");
	(void)v;
}

/* A write into the kernel's own text: read-only since arch_vmm_init
 * mapped the image with 4 KiB pages, and CR0.WP makes the kernel honour
 * it (SDM Vol. 3A 4.6): #PF, protection violation, write, supervisor. */
static void fault_text_write(void)
{
	extern char __text_start[];
	*(volatile char *)__text_start = 0;
}

/* Pushes down a fresh kernel stack until it runs into its guard page:
 * the #PF cannot push its frame there either, so the CPU raises #DF,
 * whose task gate (arch/x86/double_fault.c) reports the overflow. */
static void fault_kstack(void)
{
	uint8_t *stack = kstack_alloc();
	if (!stack)
		return;
	__asm__ volatile("mov %0, %%esp\n1:\tpushl $0\n\tjmp 1b" : : "r"(stack + KSTACK_BYTES) : "memory");
}

void arch_trigger_fault(const char *kind)
{
	if (!strcmp(kind, "null"))
		fault_null();
	else if (!strcmp(kind, "undef"))
		__asm__ volatile("ud2");   /* the architecturally undefined opcode: #UD */
	else if (!strcmp(kind, "gp"))
		fault_gp();
	else if (!strcmp(kind, "div"))
		fault_div();
	else if (!strcmp(kind, "text"))
		fault_text_write();
	else if (!strcmp(kind, "kstack"))
		fault_kstack();
	else if (!strcmp(kind, "fpu"))   /* CR0.TS is set: the kernel must never use the FPU */
		__asm__ volatile("fninit");
}
