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
#include "kernel/string.h"

#define FPEXC_EN        (1u << 30)
#define CPACR_CP10_CP11 (0xfu << 20)   /* cp10 and cp11: full access at PL0 and PL1 */
#define MVFR0_REGS_MASK 0xfu           /* 2: 32 double registers, 1: 16 */

/* One unit per CPU. Uniprocessor today, and the owner and enabled flag are
 * touched only with IRQs masked (in traps and at a switch), so no lock:
 * with SMP they become per-CPU, and a process that moves to another CPU
 * must have its registers saved first. */
static struct {
	bool probed, usable, d32;
	bool enabled;                  /* what FPEXC.EN is now */
	struct arch_context *owner;    /* whose registers the unit holds, or NULL */
} vfp;

static struct arm_vfp_state *state_of(struct arch_context *c)
{
	return &c->vfp;
}

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

/* Saves the owner's registers (the unit must be enabled) and frees it. */
static void save_owner(void)
{
	arm_vfp_save(state_of(vfp.owner), vfp.d32);
	vfp.owner = NULL;
}

bool arm_vfp_claim(void)
{
	if (!vfp.probed)
		probe();
	struct arch_context *me = &proc_current()->ctx;
	if (!vfp.usable || vfp.owner == me)
		return false;   /* enabled for it and still undefined: a real undef */
	set_enabled(true);
	if (vfp.owner)
		save_owner();
	arm_vfp_load(state_of(me), vfp.d32);
	vfp.owner = me;
	return true;
}

static struct proc *proc_of(struct arch_context *c)
{
	return (struct proc *)(void *)((char *)c - offsetof(struct proc, ctx));
}

/* A zombie never runs again and its memory is freed by wait(): forget it
 * as the owner (its registers are dead) before the pointer can dangle. */
void arm_vfp_switch(struct arch_context *from, struct arch_context *to)
{
	if (from == vfp.owner && proc_of(from)->state == P_ZOMBIE)
		vfp.owner = NULL;
	bool want = vfp.owner && to == vfp.owner;
	if (want != vfp.enabled)
		set_enabled(want);
}

void arm_vfp_fork(struct arch_context *child)
{
	struct arch_context *parent = &proc_current()->ctx;
	if (vfp.owner == parent)
		arm_vfp_save(state_of(parent), vfp.d32);   /* enabled: the parent is running */
	memcpy(state_of(child), state_of(parent), sizeof(struct arm_vfp_state));
}

void arm_vfp_exec_reset(void)
{
	struct arch_context *me = &proc_current()->ctx;
	if (vfp.owner == me) {
		vfp.owner = NULL;
		set_enabled(false);
	}
	memset(state_of(me), 0, sizeof(struct arm_vfp_state));
}
