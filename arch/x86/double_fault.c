/*
 * arch/x86/double_fault.c - the double fault (#DF, vector 8) as a task of
 * its own. An IDT task gate (SDM Vol. 3A 6.11, 7.3) makes the CPU save the
 * interrupted state in the main TSS and load the #DF TSS: a stack of its
 * own. That is the only way to report a fault whose delivery faulted in
 * turn - above all a kernel stack overflow: a push into the guard page
 * below a stack (mm/kstack.c) is a #PF, the CPU cannot push the #PF frame
 * on that stack either, and a fault during the delivery of a #PF is a #DF
 * (SDM Vol. 3A 6.15, table 6-5). Reports and stops: nothing to return to.
 */
#include "arch/x86/gdt.h"
#include "arch/x86/desc.h"
#include "lib/panic.h"
#include "mm/kstack.h"

NORETURN void x86_double_fault_task(void)
{
	const struct x86_tss *t = x86_interrupted_task();
	uint32_t cr2;
	unsigned stack;
	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	if (kstack_guard_hit(cr2, &stack) || kstack_guard_hit(t->esp, &stack))
		panic("kernel stack overflow: stack %u ran into its guard page at %#x (eip %#x, esp %#x)",
		      stack, cr2, t->eip, t->esp);
	panic("double fault (#DF): eip %#x, esp %#x, cr2 %#x", t->eip, t->esp, cr2);
}
