/*
 * arch/arm/vfp.c - lazy VFP/NEON switching (see vfp.h). The hardware holds
 * the registers of at most one process, the owner; FPEXC.EN is set exactly
 * while the owner runs, so any other process's first VFP/NEON instruction
 * traps as undefined and claims the unit. Never lets a process see
 * registers it did not write (a fresh program starts from zeros).
 */
#include "arch/arm/vfp.h"
#include "arch/arm/cp15.h"
#include "kernel/proc.h"
#include "lib/string.h"
#include "mm/kheap.h"

#define FPEXC_EN        (1u << 30)
#define CPACR_CP10_CP11 (0xfu << 20)   /* cp10 and cp11: full access at PL0 and PL1 */
#define MVFR0_REGS_MASK 0xfu           /* 2: 32 double registers, 1: 16 */

/* One unit per CPU. Uniprocessor today, and these are touched only with
 * IRQs masked (in traps, at a switch, at fork/exec/reap in system calls),
 * so no lock: with SMP they become per-CPU, and a process that moves to
 * another CPU must have its registers saved first. */
struct arch_context *arm_vfp_owner;    /* whose registers the unit holds; switch.S reads it */
static struct {
	bool probed, usable, d32;
	bool enabled;                  /* FPEXC.EN now; only ever true with an owner */
} vfp;

/* B1.11 / B4.1.40: CPACR grants cp10 and cp11 (with NSACR allowing them
 * in Non-secure state: otherwise the bits read as zero), then an ISB
 * before any VFP register is accessed. Done at the first claim, so a
 * kernel that never sees a VFP instruction never enables the unit. */
static void probe(void)
{
	vfp.probed = true;
	cp15_set_cpacr(cp15_cpacr() | CPACR_CP10_CP11);
	isb();
	vfp.usable = (cp15_cpacr() & CPACR_CP10_CP11) == CPACR_CP10_CP11;
	if (!vfp.usable)
		return;
	arm_fpexc_write(0);
	vfp.d32 = (arm_mvfr0_read() & MVFR0_REGS_MASK) == 2;
}

static void set_enabled(bool on)
{
	arm_fpexc_write(on ? FPEXC_EN : 0);
	vfp.enabled = on;
}

bool arm_vfp_available(void)
{
	return vfp.usable;
}

/* The registers a process starts with: all zeros (see vfp.h). */
static struct arm_vfp_state *state_alloc(void)
{
	struct arm_vfp_state *s = kmalloc(sizeof *s);
	if (s)
		memset(s, 0, sizeof *s);
	return s;
}

int arm_vfp_claim(void)
{
	if (!vfp.probed)
		probe();
	struct arch_context *me = &proc_current()->ctx;
	if (!vfp.usable || arm_vfp_owner == me)
		return -E_INVAL;   /* no unit, or enabled for it and still undefined */
	if (!me->vfp && !(me->vfp = state_alloc()))
		return -E_NOMEM;
	set_enabled(true);
	if (arm_vfp_owner)
		arm_vfp_save(arm_vfp_owner->vfp, vfp.d32);
	arm_vfp_load(me->vfp, vfp.d32);
	arm_vfp_owner = me;
	return 0;
}

void arm_vfp_switch(struct arch_context *to)
{
	bool want = to == arm_vfp_owner;
	if (want != vfp.enabled)
		set_enabled(want);
}

int arm_vfp_fork(struct arch_context *child, const struct arch_context *parent)
{
	if (!parent->vfp)
		return 0;   /* never used: the child starts from zeros as well */
	if (!(child->vfp = state_alloc()))
		return -E_NOMEM;
	if (arm_vfp_owner == parent)
		arm_vfp_save(parent->vfp, vfp.d32);   /* enabled: the parent is running */
	memcpy(child->vfp, parent->vfp, sizeof *child->vfp);
	return 0;
}

void arm_vfp_release(struct arch_context *c)
{
	if (arm_vfp_owner == c) {
		arm_vfp_owner = NULL;
		if (vfp.enabled)
			set_enabled(false);
	}
	kfree(c->vfp);
	c->vfp = NULL;
}
