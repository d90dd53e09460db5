/*
 * arch/arm/proc.c - user mode and context switching on ARM: the frame a
 * process enters User mode with and a new process's first kernel stack
 * (system call registers: <arch/proc.h>). A trap from User mode is taken on the SVC stack, whose banked sp
 * is the top of the current process's kernel stack whenever it runs in
 * User mode - so no stack pointer has to be published anywhere.
 */
#include "kernel/arch.h"
#include "kernel/elf.h"
#include "kernel/proc.h"
#include "lib/string.h"
#include "arch/arm/cpu_bits.h"
#include "arch/arm/mm/cache.h"
#include "arch/arm/vfp.h"

const uint16_t arch_elf_machine = EM_ARM;

/* switch.S: the first switch to a new process returns here. */
extern void arm_first_run(void);

void arch_proc_init_stack(struct proc *p)
{
	uint8_t *top = p->kstack + KSTACK_SIZE;
	p->frame = (struct arch_frame *)(top - sizeof(struct arch_frame));
	memset(p->frame, 0, sizeof *p->frame);
	/* What arch_context_switch pops: r4-r11, then pc. */
	uint32_t *sp = (uint32_t *)p->frame - 9;
	memset(sp, 0, 8 * 4);
	sp[8] = (uint32_t)(uintptr_t)arm_first_run;
	p->ctx.sp = (uint32_t)(uintptr_t)sp;
}

/* The VFP/NEON registers are the only per-process state beyond the
 * frame and the kernel stack (arch/arm/vfp.c). */
int arch_proc_fork(struct proc *child, const struct proc *parent)
{
	return parent->ctx.vfp ? arm_vfp_fork(&child->ctx, &parent->ctx) : 0;
}

/* exec: the new program starts from zeros. */
void arch_proc_exec(struct proc *p)
{
	if (p->ctx.vfp)
		arm_vfp_release(&p->ctx);
}

void arch_proc_release(struct proc *p)
{
	if (p->ctx.vfp)   /* NULL: never owned the unit either */
		arm_vfp_release(&p->ctx);
}

void arch_frame_user_entry(struct arch_frame *af, vaddr_t entry, vaddr_t sp)
{
	struct arm_trap_frame *f = &af->f;
	memset(f, 0, sizeof *f);
	f->pc = entry;
	f->cpsr = PSR_MODE_USR;   /* ARM state, IRQs and FIQs unmasked */
	f->usr_sp = sp;
}

void arch_set_kernel_stack(void *top)
{
	(void)top;   /* SVC's banked sp is switched with the context */
}

void arch_sync_icache(const void *va, size_t len)
{
	arm_sync_icache_range(va, len);
}
