/*
 * arch/arm/cpu_bits.h - ARMv7-A register bits used by the assembly and the
 * C code of the ARM port (ARM Architecture Reference Manual ARMv7-A/R,
 * "ARM ARM"). Constants only, so assembly can include it.
 */
#ifndef ARCH_ARM_CPU_BITS_H
#define ARCH_ARM_CPU_BITS_H

/* Program status register (B1.3.3). */
#define PSR_MODE_MASK 0x1f
#define PSR_MODE_USR  0x10
#define PSR_MODE_FIQ  0x11
#define PSR_MODE_IRQ  0x12
#define PSR_MODE_SVC  0x13
#define PSR_MODE_MON  0x16
#define PSR_MODE_ABT  0x17
#define PSR_MODE_HYP  0x1a
#define PSR_MODE_UND  0x1b
#define PSR_MODE_SYS  0x1f
#define PSR_F (1 << 6)
#define PSR_I (1 << 7)
#define PSR_A (1 << 8)

/* System control register SCTLR (B4.1.130). */
#define SCTLR_M (1 << 0)    /* MMU */
#define SCTLR_A (1 << 1)    /* alignment checking */
#define SCTLR_C (1 << 2)    /* data and unified caches */
#define SCTLR_Z (1 << 11)   /* branch prediction */
#define SCTLR_I (1 << 12)   /* instruction cache */
#define SCTLR_V (1 << 13)   /* high vectors */

/* CNTHCTL (B4.1.26): PL1 access to the physical counter and timer. */
#define CNTHCTL_PL1PCTEN (1 << 0)
#define CNTHCTL_PL1PCEN  (1 << 1)

/* Entry kinds passed from the vector stubs to arm_trap(). */
#define TRAP_UNDEF 1
#define TRAP_SVC   2
#define TRAP_PABT  3
#define TRAP_DABT  4
#define TRAP_IRQ   5
#define TRAP_FIQ   6

#endif
