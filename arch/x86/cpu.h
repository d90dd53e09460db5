/*
 * arch/x86/cpu.h - reading x86 control registers and flags (inline asm).
 * Arch-private: generic code uses kernel/arch.h instead.
 */
#ifndef ARCH_X86_CPU_H
#define ARCH_X86_CPU_H

#include "lib/types.h"

/* EFLAGS.IF, SDM Vol. 1 3.4.3. */
#define X86_EFLAGS_IF (1u << 9)

static inline uint32_t x86_read_cr0(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

/* CR2 holds the linear address of the last page fault (SDM Vol. 3A 4.7). */
static inline uint32_t x86_read_cr2(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint32_t x86_read_cr3(void)
{
	uint32_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline uint32_t x86_read_eflags(void)
{
	uint32_t v;
	__asm__ volatile("pushfl; popl %0" : "=r"(v));
	return v;
}

static inline uint16_t x86_read_ss(void)
{
	uint16_t v;
	__asm__ volatile("mov %%ss, %0" : "=r"(v));
	return v;
}

#endif
