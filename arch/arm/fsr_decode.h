/*
 * arch/arm/fsr_decode.h - naming ARMv7 short-descriptor fault status
 * values (DFSR/IFSR). Pure functions: host-tested.
 */
#ifndef ARCH_ARM_FSR_DECODE_H
#define ARCH_ARM_FSR_DECODE_H

#include "lib/types.h"

/* The 5-bit fault status FS[4:0] = FSR[10], FSR[3:0]. */
uint32_t arm_fsr_status(uint32_t fsr);

/* Name of the fault, e.g. "translation fault, section"; "unknown fault
 * status" for reserved encodings. */
const char *arm_fsr_name(uint32_t fsr);

/* DFSR.WnR: the abort was caused by a write. */
bool arm_fsr_is_write(uint32_t dfsr);

/* True for the translation and permission faults the VMM resolves. */
bool arm_fsr_is_translation(uint32_t fsr);
bool arm_fsr_is_permission(uint32_t fsr);

/* The access-flag faults (section 0b00011, page 0b00110; B3.13.3 table
 * B3-23), raised with SCTLR.AFE = 1 by an entry whose AP[0] is 0. */
bool arm_fsr_is_access_flag(uint32_t fsr);

const char *arm_mode_name(uint32_t cpsr);

#endif
