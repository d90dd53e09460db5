/*
 * arch/x86/proc.c - user mode and context switching on x86: the frame a
 * process enters user mode with (ring 3 selectors, IF set) and a new
 * process's first kernel stack. System call registers: <arch/proc.h>.
 */
#include "kernel/arch.h"
#include "kernel/proc.h"
#include "lib/string.h"
#include "kernel/elf.h"
#include "arch/x86/gdt.h"
#include "arch/x86/segments.h"

const uint16_t arch_elf_machine = EM_386;

#define EFLAGS_IF       (1u << 9)
#define EFLAGS_RESERVED (1u << 1)   /* always 1 (SDM Vol. 1 3.4.3) */

/* x86_switch.S: the first switch to a new process returns here. */
extern void x86_first_run(void);

void arch_proc_init_stack(struct proc *p)
{
	uint8_t *top = p->kstack + KSTACK_SIZE;
	p->frame = (struct arch_frame *)(top - sizeof(struct arch_frame));
	memset(p->frame, 0, sizeof *p->frame);
	/* What x86_context_switch pops: edi, esi, ebx, ebp, then its return. */
	uint32_t *sp = (uint32_t *)p->frame - 5;
	sp[0] = sp[1] = sp[2] = sp[3] = 0;
	sp[4] = (uint32_t)(uintptr_t)x86_first_run;
	p->ctx.esp = (uint32_t)(uintptr_t)sp;
}

void arch_frame_user_entry(struct arch_frame *af, vaddr_t entry, vaddr_t sp)
{
	struct x86_trap_frame *f = &af->f;
	memset(f, 0, sizeof *f);
	f->eip = entry;
	f->cs = X86_USER_CS;
	f->eflags = EFLAGS_IF | EFLAGS_RESERVED;
	f->user_esp = sp;
	f->user_ss = f->ds = f->es = f->fs = f->gs = X86_USER_DS;
}

void arch_sync_icache(const void *va, size_t len)
{
	/* x86 keeps instruction fetch coherent with stores (SDM Vol. 3A 11.6). */
	(void)va;
	(void)len;
}
