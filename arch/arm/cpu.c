/*
 * arch/arm/cpu.c - the CPU operations of kernel/arch.h for ARMv7-A:
 * interrupt masking, sleeping, halting, leaving QEMU through semihosting,
 * and raising test faults.
 */
#include "kernel/arch.h"
#include "lib/string.h"
#include "mm/kstack.h"
#include "arch/arm/cp15.h"
#include "arch/arm/cpu_bits.h"
#include "mm/pmm.h"
#include "mm/vmm.h"
#include "arch/arm/trap.h"

const char arch_name[] = "armv7-a";
const char arch_short_name[] = "arm";

void arch_irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

/* WFI wakes on a pending interrupt even while CPSR.I masks it (ARM ARM
 * B1.8.13), so a caller may check its condition with IRQs off. */
void arch_wait_for_interrupt(void)
{
	__asm__ volatile("dsb; wfi" ::: "memory");
}

NORETURN void arch_halt(void)
{
	arch_irq_disable();
	for (;;)
		__asm__ volatile("wfi");
}

/* Set just before the semihosting SVC below: if that SVC reaches our own
 * vector, nothing emulates semihosting (real hardware, or QEMU without
 * -semihosting-config), and arm_trap must halt rather than report it,
 * since the report would end in this SVC again. One flag for the machine:
 * whichever core exits first stops everything. */
static volatile bool semihosting_exit_issued;

bool arm_semihosting_exit_trapped(void)
{
	return semihosting_exit_issued;
}

/* Semihosting SYS_EXIT_EXTENDED (0x20) with {ADP_Stopped_ApplicationExit,
 * code}: QEMU exits with the code as its status. Needs QEMU's
 * -semihosting-config enable=on (arch.mk always passes it); without it the
 * SVC is an ordinary exception and the machine halts in wfi. */
NORETURN void arch_emulator_exit(int code)
{
	static volatile uint32_t block[2];
	block[0] = 0x20026;
	block[1] = (uint32_t)code;
	semihosting_exit_issued = true;
	register uint32_t r0 __asm__("r0") = 0x20;
	register volatile uint32_t *r1 __asm__("r1") = block;
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
	arch_halt();
}

/* fault=pxn: a kernel bug that calls into user memory. A user page holding
 * `bx lr`, executable for User mode, called from SVC mode: PXN in the user
 * table descriptor (arch/arm/mm/desc.h) makes the fetch a permission
 * fault, which arch/arm/trap.c reports and stops on. Without PXN the call
 * would simply return. */
static void call_user_code(void)
{
	const vaddr_t va = 0x00100000;   /* the kernel's own space has no user pages */
	paddr_t pa;
	if (pmm_alloc_frame(&pa))
		return;
	*(volatile uint32_t *)arch_vmm_phys_to_virt(pa) = 0xe12fff1eu;   /* bx lr */
	/* arch_vmm_map cleans the frame to the point of unification and
	 * invalidates the I-cache for an executable mapping. */
	if (arch_vmm_map(arch_vmm_space_current(), va, pa, VMM_READ | VMM_EXEC | VMM_USER))
		return;
	((void (*)(void))va)();
}

/* Pushes down a fresh kernel stack until it runs into its guard page:
 * the data abort's entry sees no room for its frame on SP_svc and reports
 * the overflow from the overflow stack (vectors.S). */
static void fault_kstack(void)
{
	uint8_t *stack = kstack_alloc();
	if (!stack)
		return;
	__asm__ volatile("mov sp, %0\n1:\tpush {r0}\n\tb 1b" : : "r"(stack + KSTACK_BYTES) : "memory");
}

void arch_trigger_fault(const char *kind)
{
	if (!strcmp(kind, "null")) {
		/* User space of the kernel's own address space is empty: a
		 * translation fault on the first-level (section) entry. */
		uint32_t v;
		__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(0) : "memory");
		(void)v;
	} else if (!strcmp(kind, "hvc")) {
		/* A hypervisor call: after leaving HYP it lands in start.S's
		 * reporting HVBAR vector ("Hyp trap", B1.8.2). Only when the
		 * kernel was entered in HYP: elsewhere HVC may be UNDEFINED or
		 * reach a HYP vector nobody set. */
		__asm__ volatile(".arch_extension virt\n\thvc #0" ::: "memory");
	} else if (!strcmp(kind, "undef")) {
		__asm__ volatile("udf #0x42");
	} else if (!strcmp(kind, "align")) {
		/* SCTLR.A makes every unaligned word access an alignment fault
		 * (ARM ARM A3.2.1), even with the MMU off. */
		static uint32_t words[2];
		cp15_set_sctlr(cp15_sctlr() | SCTLR_A);
		isb();
		/* A word load by hand: the compiler, knowing the address is odd,
		 * would split a C access into bytes (-mno-unaligned-access). */
		uint32_t v;
		__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"((uintptr_t)words + 1) : "memory");
		(void)v;
	} else if (!strcmp(kind, "pxn")) {
		call_user_code();
	} else if (!strcmp(kind, "kstack")) {
		fault_kstack();
	}
}
