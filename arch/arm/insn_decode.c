/*
 * arch/arm/insn_decode.c - classifying the instruction of an undefined-
 * instruction exception (see insn_decode.h). Decodes words only; never
 * reads memory.
 */
#include "arch/arm/insn_decode.h"

uint32_t arm_undef_insn_addr(uint32_t lr_und, bool thumb)
{
	return lr_und - (thumb ? 2u : 4u);
}

bool arm_thumb_is_32bit(uint16_t first_half)
{
	return (first_half >> 11) >= 0x1du;
}

/* Coprocessor field bits [11:8] = 101x: cp10 (single) or cp11 (double). */
static bool is_cp10_cp11(uint32_t insn)
{
	return ((insn >> 9) & 7u) == 5u;
}

/* A5.1 / A5.6: conditional LDC/STC/MCRR/MRRC (bits 27:25 = 110) and
 * CDP/MCR/MRC (27:24 = 1110) to cp10/cp11; A5.7.1: the unconditional
 * Advanced SIMD data-processing (1111 001x) and element/structure
 * load/store (1111 0100 xxx0) spaces. Unconditional cp10/cp11 forms
 * (LDC2, MCR2, ...) are UNDEFINED, not VFP. */
static bool arm_state_is_vfp_neon(uint32_t insn)
{
	if ((insn & 0xfe000000u) == 0xf2000000u || (insn & 0xff100000u) == 0xf4000000u)
		return true;
	if ((insn >> 28) == 0xfu)
		return false;
	bool cp_space = (insn & 0x0e000000u) == 0x0c000000u || (insn & 0x0f000000u) == 0x0e000000u;
	return cp_space && is_cp10_cp11(insn);
}

/* A6.3.18 / A7.3: Thumb coprocessor instructions 1110 11xx to cp10/cp11,
 * Advanced SIMD data processing 111U 1111, element/structure load/store
 * 1111 1001 xxx0. */
static bool thumb_state_is_vfp_neon(uint32_t insn)
{
	if ((insn & 0xef000000u) == 0xef000000u || (insn & 0xff100000u) == 0xf9000000u)
		return true;
	return (insn & 0xfc000000u) == 0xec000000u && is_cp10_cp11(insn);
}

bool arm_insn_is_vfp_neon(uint32_t insn, bool thumb)
{
	return thumb ? thumb_state_is_vfp_neon(insn) : arm_state_is_vfp_neon(insn);
}
