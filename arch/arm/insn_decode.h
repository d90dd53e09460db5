/*
 * arch/arm/insn_decode.h - where the instruction behind an undefined-
 * instruction exception is, how long it is, and whether it belongs to the
 * Floating-point (VFP) / Advanced SIMD (NEON) extension. Pure functions over
 * instruction words (host-tested); reading the words is the caller's job.
 */
#ifndef ARCH_ARM_INSN_DECODE_H
#define ARCH_ARM_INSN_DECODE_H

#include "lib/types.h"

/* ARM ARM B1.9, Undefined Instruction exception (TakeUndefInstrException):
 * LR_und = PC - 4 in ARM state, PC - 2 in Thumb state, with PC reading as
 * the instruction + 8 / + 4. So
 * the instruction is at LR - 4 (ARM) or LR - 2 (Thumb; for a 32-bit Thumb
 * instruction too: its second halfword is then at LR). */
uint32_t arm_undef_insn_addr(uint32_t lr_und, bool thumb);

/* ARM ARM A6.1 (Thumb instruction set encoding): a halfword with 0b11101,
 * 0b11110 or 0b11111 in bits [15:11] is the first half of a 32-bit
 * instruction. */
bool arm_thumb_is_32bit(uint16_t first_half);

/* The instruction is in the VFP / Advanced SIMD encoding spaces (ARM ARM
 * A5.6 and A5.7 for ARM state, A6.3.18 for Thumb, chapter A7 for both):
 * a coprocessor instruction
 * for cp10/cp11, an Advanced SIMD data-processing or element/structure
 * load/store instruction. A 32-bit Thumb instruction is passed as
 * (first halfword << 16) | second halfword. */
bool arm_insn_is_vfp_neon(uint32_t insn, bool thumb);

#endif
