/*
 * arch/x86/trap_decode.h - turning x86 exception numbers, error codes and
 * control-register bits into words for the fault report. Pure functions
 * (no inline asm, no hardware): host-tested by tests/host/test_x86_trap_decode.c.
 */
#ifndef ARCH_X86_TRAP_DECODE_H
#define ARCH_X86_TRAP_DECODE_H

#include "lib/types.h"

/* "#GP general protection fault" for vectors 0-31; "reserved vector" for
 * the reserved ones; "external interrupt" above 31. Never NULL. */
const char *x86_vector_name(unsigned vector);

/* True for the exceptions where the CPU pushes an error code. */
bool x86_vector_has_error_code(unsigned vector);

/* Page-fault error code (SDM Vol. 3A 4.7, Figure 4-12) in words, e.g.
 * "protection violation, write, supervisor mode". Writes a NUL-terminated
 * string into buf (truncated to size); returns the full length. */
int x86_decode_pf_error(uint32_t err, char *buf, size_t size);

/* Selector-format error code (SDM Vol. 3A 6.13, Figure 6-6) of #TS, #NP,
 * #SS and #GP, e.g. "selector 0x50: GDT index 10", "IDT vector 0x80",
 * with ", external event" when EXT is set; "0 (not selector-related)" for 0. */
int x86_decode_selector_error(uint32_t err, char *buf, size_t size);

/* The error code of any vector in words: dispatches on the vector to the
 * two decoders above, or says what the code means for #DF/#AC/#CP.
 * Writes "" for vectors without an error code. */
int x86_decode_error(unsigned vector, uint32_t err, char *buf, size_t size);

/* Names of the set bits among those mendax cares about, space-separated:
 * CR0 (SDM Vol. 3A 2.5) e.g. "PE ET PG", EFLAGS (SDM Vol. 1 3.4.3) e.g.
 * "IF ZF". Unnamed set bits are ignored. */
int x86_decode_cr0(uint32_t cr0, char *buf, size_t size);
int x86_decode_eflags(uint32_t eflags, char *buf, size_t size);

#endif
