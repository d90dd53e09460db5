/*
 * arch/x86/trap.h - the trap frame every interrupt and exception stub in
 * trap_entry.S builds, and the C entry point it calls. Arch-private.
 */
#ifndef ARCH_X86_TRAP_H
#define ARCH_X86_TRAP_H

#include "lib/types.h"

/* Lowest address first, i.e. in the reverse order of the pushes. */
struct x86_trap_frame {
	/* Pushed by x86_trap_common. A "push sreg" may write only the low 16
	 * bits of its slot (SDM Vol. 2B PUSH), so mask these with 0xffff. */
	uint32_t gs, fs, es, ds;
	/* pushal order (SDM Vol. 2B PUSHA): esp_pushal is the ESP value
	 * before pushal, not the interrupted ESP, and popal ignores it. */
	uint32_t edi, esi, ebp, esp_pushal, ebx, edx, ecx, eax;
	/* Pushed by the per-vector stub: vector number, and a 0 where the CPU
	 * pushes no error code so every frame has the same shape. */
	uint32_t vector, error;
	/* Pushed by the CPU (SDM Vol. 3A 6.12.1, Figure 6-4). */
	uint32_t eip, cs, eflags;
	/* Only present when the trap came from ring 3 (a stack switch). */
	uint32_t user_esp, user_ss;
};
_Static_assert(sizeof(struct x86_trap_frame) == 19 * 4, "trap frame layout");

/* Called by x86_trap_common with interrupts off. Returns to the
 * interrupted code, or never returns after a fatal exception report. */
void x86_trap_dispatch(struct x86_trap_frame *f);

/* True when the frame came from ring 3 (CPL in the RPL bits of CS). */
static inline bool x86_trap_from_user(const struct x86_trap_frame *f)
{
	return (f->cs & 3) != 0;
}

#endif
