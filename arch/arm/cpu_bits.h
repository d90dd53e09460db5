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
#define PSR_T (1 << 5)     /* Thumb state */
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
#define SCTLR_TRE (1 << 28) /* TEX remap: off, TEX/C/B are used as they are */
#define SCTLR_AFE (1 << 29) /* access flag: on, AP[0] is the access flag (B3.7.3) */
#define SCTLR_TE (1 << 30)  /* exceptions taken in Thumb state */

/* Cortex-A7 ACTLR (TRM 4.3.31): SMP = this core takes part in coherency;
 * it must be set before the caches and the MMU are enabled. */
#define ACTLR_SMP (1 << 6)
/* What start.S found (arm_boot_actlr_state). */
#define ACTLR_STATE_WAS_SET  1   /* already set by the loader */
#define ACTLR_STATE_SET      2   /* set by start.S */
#define ACTLR_STATE_IGNORED  3   /* written, reads back clear (Non-secure, NSACR.NS_SMP = 0) */
#define ACTLR_STATE_UNDEF    4   /* the write was UNDEFINED (Non-secure, not permitted) */

/* HYP registers cleared when leaving HYP (ARM ARM B4.1.74 HCPTR, B4.1.71
 * HDCR): the coprocessor, trace and CPACR traps, and HDCR.HPMN = PMCR.N,
 * so PL1 sees every PMU event counter and nothing traps to HYP. */
#define HCPTR_TRAPS ((1 << 10) | (1 << 11) | (1 << 15) | (1 << 20) | (1u << 31))

/* TTBR0/TTBR1 walk attributes (B4.1.154, Multiprocessing Extensions form):
 * IRGN = 01 (bit 6 = 1, bit 0 = 0) and RGN = 01: inner and outer
 * write-back write-allocate, so walks read through the caches. */
#define TTBR_WALK_WBWA ((1 << 6) | (1 << 3))

/* DACR (B4.1.43): domain 0 "client" (permissions checked), others none. */
#define DACR_D0_CLIENT 0x1

/* Boot sections (B3.5.1 short-descriptor section format):
 * type 0b10; B (2), C (3), XN (4); AP[1:0] (11:10); TEX (14:12); nG (17).
 * Kernel RAM: TEX=001 C=1 B=1 (Normal, write-back write-allocate), AP[0]
 * = 1 (with SCTLR.AFE = 1 the access flag, set: no access-flag fault ever)
 * and AP[2:1] = 00 (PL1 read/write, PL0 none; B3.7.1), global.
 * Non-shareable while uniprocessor. Device: TEX=000 C=0 B=1 (Shareable
 * Device), the same AP bits, XN. arch/arm/mm/desc.h checks the AP bits. */
#define SECTION_KERNEL_RAM 0x0000140E
#define SECTION_DEVICE     0x00000416

/* CNTHCTL (B4.1.26): PL1 access to the physical counter and timer. */
#define CNTHCTL_PL1PCTEN (1 << 0)
#define CNTHCTL_PL1PCEN  (1 << 1)

/* sizeof(struct arm_trap_frame) (trap.h), the frame vectors.S builds. */
#define TRAP_FRAME_BYTES 80

/* Entry kinds passed from the vector stubs to arm_trap(). */
#define TRAP_UNDEF 1
#define TRAP_SVC   2
#define TRAP_PABT  3
#define TRAP_DABT  4
#define TRAP_IRQ   5
#define TRAP_FIQ   6

#endif
