/*
 * arch/x86/fpu.c - each process's own x87/MMX/SSE state, switched lazily.
 * CR0.TS is set whenever the running process is not the one whose state the
 * FPU registers hold, so its first FPU (or SSE) instruction raises #NM
 * (SDM Vol. 3A 2.5, 13.4); the handler saves the holder's state and loads
 * the runner's, or the clean state of fninit for a process that has none
 * yet (a new program). A process that never touches the FPU costs one
 * compare per switch (switch.S). The kernel itself never uses the FPU
 * (-mgeneral-regs-only): #NM in kernel mode is reported as a kernel bug.
 * A process's state is a 512-byte image from the kernel heap (this is
 * process state, above the heap), taken at its first FPU use; one that
 * never uses the FPU has none and costs nothing. One CPU: x86_fpu_owner is
 * per CPU, and with SMP a process must be saved before it runs elsewhere.
 */
#include "kernel/arch.h"
#include "kernel/proc.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "mm/kheap.h"
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


/* Whose state the FPU registers hold (NULL: nobody's); switch.S reads it. */
struct arch_context *x86_fpu_owner;
static bool use_fxsr;
static struct x86_fpu_state clean;

static void write_cr0(uint32_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static void clear_ts(void) { __asm__ volatile("clts" : : : "memory"); }
static void set_ts(void) { write_cr0(x86_read_cr0() | CR0_TS); }

/* fnsave also reinitialises the FPU; either way the caller loads next. */
static void fpu_save(struct x86_fpu_state *to)
{
	if (use_fxsr)
		__asm__ volatile("fxsave %0" : "=m"(*to));
	else
		__asm__ volatile("fnsave %0" : "=m"(*to));
}

static void fpu_load(const struct x86_fpu_state *from)
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
		memset(clean.image + FX_REGS, 0, FX_REGS_END - FX_REGS);
		memcpy(clean.image + FX_MXCSR, &(uint32_t){ MXCSR_DEFAULT }, 4);
	} else {
		memset(clean.image + FN_REGS, 0, FN_REGS_END - FN_REGS);
	}
	set_ts();
	kprintf("fpu: x87%s per process, switched lazily (CR0.TS, #NM) with %s\n",
		use_fxsr && (features & CPUID1_EDX_SSE) ? " + SSE" : "",
		use_fxsr ? "fxsave/fxrstor" : "fnsave/frstor");
}

/* A new image holding fninit's state, or NULL when the heap is full. */
static struct x86_fpu_state *fpu_new(void)
{
	struct x86_fpu_state *f = kmalloc(sizeof *f);
	if (f)
		memcpy(f, &clean, sizeof *f);
	return f;
}

bool x86_fpu_trap(bool from_user)
{
	if (!from_user)
		return false;
	struct arch_context *me = &proc_current()->ctx;
	if (!me->fpu && !(me->fpu = fpu_new()))
		proc_kill_current("no memory for its FPU state");
	clear_ts();
	if (x86_fpu_owner == me)
		return true;   /* ours already: only TS was set, by a switch away and back */
	if (x86_fpu_owner)
		fpu_save(x86_fpu_owner->fpu);
	fpu_load(me->fpu);
	x86_fpu_owner = me;
	return true;
}

/* The FPU holds c's state no longer (c's image is being dropped): the
 * next FPU instruction traps. */
static void disown(struct arch_context *c)
{
	if (x86_fpu_owner != c)
		return;
	x86_fpu_owner = NULL;
	set_ts();
}

static void drop_state(struct arch_context *c)
{
	if (!c->fpu)
		return;   /* no image: it never held the FPU either */
	disown(c);
	kfree(c->fpu);
	c->fpu = NULL;
}

/* exec: the new program starts from fninit's state. */
void arch_proc_exec(struct proc *p)
{
	drop_state(&p->ctx);
}

/* fork: the child gets its own copy of the parent's state; the parent
 * (the current process) keeps the FPU if it holds it. */
int arch_proc_fork(struct proc *child, const struct proc *parent)
{
	if (!parent->ctx.fpu)
		return 0;   /* never used since exec: the child starts clean too */
	struct x86_fpu_state *f = kmalloc(sizeof *f);
	if (!f)
		return -E_NOMEM;
	if (x86_fpu_owner == &parent->ctx) {   /* live in the registers */
		clear_ts();                        /* the parent runs: it may use them */
		fpu_save(f);
		if (!use_fxsr)
			fpu_load(f);               /* fnsave reset them: give them back */
	} else {
		memcpy(f, parent->ctx.fpu, sizeof *f);
	}
	child->ctx.fpu = f;
	return 0;
}

/* The process is being freed (a zombie holder's state was only ever saved
 * into its own image until now). */
void arch_proc_release(struct proc *p)
{
	drop_state(&p->ctx);
}
