/*
 * arch/arm/kstack_overflow.c - the report of a kernel stack overflow. A
 * push into the guard page below a kernel stack (mm/kstack.h) is a data
 * abort taken from SVC mode, and the abort's own frame would go on that
 * same stack: vectors.S checks SP_svc first and, when the
 * frame would not fit above the guard, builds it on this CPU's overflow
 * stack instead (the Abort-mode stack of start.S, whose top TPIDRPRW
 * holds, ARM ARM B4.1.150) and calls here. Reports and stops: the stack
 * that ran out is not one anything can return to. (Without the check the
 * entry's SRS aborts again in Abort mode, and again, with nothing said.)
 */
#include "arch/arm/cpu_bits.h"
#include "arch/arm/trap.h"
#include "arch/arm/mm/layout.h"
#include "lib/panic.h"
#include "mm/kstack.h"

/* What vectors.S's check assumes (it reads layout.h's numbers itself). */
_Static_assert((KSTACK_REGION & 0x00ffffffu) == 0x00800000u, "vectors.S: the base in two ARM immediates");
_Static_assert(KSTACK_REGION_END - KSTACK_REGION == 0x00800000u, "vectors.S: the size one ARM immediate");
_Static_assert(KSTACK_REGION_END - KSTACK_REGION >= VMM_KSTACK_BYTES, "vectors.S: every stack in the region");
_Static_assert(VMM_KSTACK_STRIDE == 2 * KSTACK_SLOT_GUARD && KSTACK_SLOT_GUARD == PAGE_SIZE,
	       "vectors.S: a guard page, then the stack page, in each slot");
_Static_assert(TRAP_FRAME_BYTES == sizeof(struct arm_trap_frame), "vectors.S: frame size");

static uint32_t dfar(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));   /* DFAR, B4.1.52 */
	return v;
}

NORETURN void arm_kstack_overflow(const struct arm_trap_frame *f, uint32_t svc_sp)
{
	uint32_t at = dfar();
	unsigned stack = 0;
	if (!kstack_guard_hit(at, &stack)) {   /* an abort elsewhere, with no room for its frame */
		at = svc_sp - TRAP_FRAME_BYTES;
		kstack_guard_hit(at, &stack);
	}
	panic("kernel stack overflow: stack %u ran into its guard page at %#x (pc %#x, sp %#x)",
	      stack, at, f->pc, svc_sp);
}
