/*
 * arch/x86/fpu.c - each process's own x87/MMX/SSE state, switched lazily.
 * CR0.TS is set whenever the running process is not the one whose state the
 * FPU registers hold, so its first FPU (or SSE) instruction raises #NM
 * (SDM Vol. 3A 2.5, 13.4); the handler saves the holder's state and loads
 * the runner's, or the clean state of fninit for a process that has none
 * yet (a new program). A process that never touches the FPU costs one
 * compare per switch (switch.S). The kernel itself never uses the FPU
 * (-mgeneral-regs-only): #NM in kernel mode is reported as a kernel bug.
 * State lives in struct arch_context (the process, kernel/proc.c's heap
 * object): nothing here allocates. One CPU: x86_fpu_owner is per CPU, and
 * with SMP a process must be saved before it runs on another CPU.
 */
#include "kernel/arch.h"
#include "kernel/proc.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "arch/x86/cpu.h"
#include "arch/x86/fpu.h"

#define CR0_MP (1u << 1)          /* WAIT/FWAIT honour TS too */
#define CR0_EM (1u << 2)          /* set: no FPU at all, every x87 instruction #NM */
#define CR0_TS (1u << 3)          /* set: the next FPU/SSE instruction #NM */
#define CR0_NE (1u << 5)          /* x87 errors as #MF, not the PC's IRQ 13 */
#define CR4_OSFXSR     (1u << 9)  /* fxsave/fxrstor cover SSE, and SSE is usable */
#define CR4_OSXMMEXCPT (1u << 10) /* unmasked SIMD exceptions as #XM */
#define CPUID1_EDX_FXSR (1u << 24)
#define CPUID1_EDX_SSE  (1u << 25)
#define FX_MXCSR 24               /* fxsave image offsets (SDM Vol. 1 10.5.1) */
#define FX_REGS 32                /* ST0-7/MM0-7, then XMM0-7: 16 bytes each */
#define FX_REGS_END 288
#define FN_REGS 28                /* fnsave image: ST0-7, 10 bytes each (Vol. 1 8.1.10) */
#define FN_REGS_END 108
#define MXCSR_DEFAULT 0x1f80      /* all SIMD exceptions masked, round to nearest */

struct fpu_image { uint8_t b[X86_FPU_AREA]; };

/* Whose state the FPU registers hold (NULL: nobody's); switch.S reads it. */
struct arch_context *x86_fpu_owner;
static bool use_fxsr;
static struct fpu_image clean __attribute__((aligned(16)));

static struct fpu_image *image_of(struct arch_context *c)
{
	return (struct fpu_image *)ALIGN_UP((uintptr_t)c->fpu.area, 16);
}

static void write_cr0(uint32_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static void clear_ts(void) { __asm__ volatile("clts" : : : "memory"); }
static void set_ts(void) { write_cr0(x86_read_cr0() | CR0_TS); }

/* fnsave also reinitialises the FPU; either way the caller loads next. */
static void fpu_save(struct fpu_image *to)
{
	if (use_fxsr)
		__asm__ volatile("fxsave %0" : "=m"(*to));
	else
		__asm__ volatile("fnsave %0" : "=m"(*to));
}

static void fpu_load(const struct fpu_image *from)
{
	if (use_fxsr)
		__asm__ volatile("fxrstor %0" : : "m"(*from));
	else
		__asm__ volatile("frstor %0" : : "m"(*from));
}

static void cpuid1(uint32_t *edx)
{
	uint32_t a = 1, b, c;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(*edx));
}

void x86_fpu_init(void)
{
	uint32_t features, cr4;
	cpuid1(&features);
	use_fxsr = features & CPUID1_EDX_FXSR;
	write_cr0((x86_read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	if (use_fxsr) {
		__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
		cr4 |= CR4_OSFXSR | (features & CPUID1_EDX_SSE ? CR4_OSXMMEXCPT : 0);
		__asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
	}
	/* The clean image: fninit's control 0x37f, status 0, every tag empty;
	 * registers zeroed so no value from before boot can show through. */
	__asm__ volatile("fninit");
	fpu_save(&clean);
	if (use_fxsr) {
		memset(clean.b + FX_REGS, 0, FX_REGS_END - FX_REGS);
		memcpy(clean.b + FX_MXCSR, &(uint32_t){ MXCSR_DEFAULT }, 4);
	} else {
		memset(clean.b + FN_REGS, 0, FN_REGS_END - FN_REGS);
	}
	set_ts();
	kprintf("fpu: x87%s per process, switched lazily (CR0.TS, #NM) with %s\n",
		use_fxsr && (features & CPUID1_EDX_SSE) ? " + SSE" : "",
		use_fxsr ? "fxsave/fxrstor" : "fnsave/frstor");
}

bool x86_fpu_trap(bool from_user)
{
	if (!from_user)
		return false;
	struct arch_context *me = &proc_current()->ctx;
	clear_ts();
	if (x86_fpu_owner == me)
		return true;   /* ours already: only TS was set, by a switch away and back */
	if (x86_fpu_owner) {
		fpu_save(image_of(x86_fpu_owner));
		x86_fpu_owner->fpu.saved = true;
	}
	fpu_load(me->fpu.saved ? image_of(me) : &clean);
	x86_fpu_owner = me;
	return true;
}

/* The FPU holds c's state no longer (c's own copy, if any, is up to date
 * or about to be dropped): the next FPU instruction traps. */
static void disown(struct arch_context *c)
{
	if (x86_fpu_owner != c)
		return;
	x86_fpu_owner = NULL;
	set_ts();
}

void arch_proc_exec(struct proc *p)
{
	disown(&p->ctx);
	p->ctx.fpu.saved = false;   /* a new program starts from fninit's state */
}

void arch_proc_fork(struct proc *child, struct proc *parent)
{
	if (x86_fpu_owner == &parent->ctx) {   /* live in the registers: save first */
		clear_ts();
		fpu_save(image_of(&parent->ctx));
		parent->ctx.fpu.saved = true;
		disown(&parent->ctx);              /* fnsave reset it: reload on next use */
	}
	child->ctx.fpu.saved = parent->ctx.fpu.saved;
	if (parent->ctx.fpu.saved)
		memcpy(image_of(&child->ctx), image_of(&parent->ctx), sizeof(struct fpu_image));
}

void arch_proc_exit(struct proc *p)
{
	disown(&p->ctx);
}
