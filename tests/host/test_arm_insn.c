/*
 * tests/host/test_arm_insn.c - locating and classifying the instruction of
 * an ARM undefined-instruction exception (arch/arm/insn_decode.c).
 */
#include "htest.h"
#include "arch/arm/insn_decode.h"

HTEST(arm_undef_address_from_lr)
{
	HCHECK_EQ(arm_undef_insn_addr(0x00401008, false), 0x00401004);   /* ARM: LR - 4 */
	HCHECK_EQ(arm_undef_insn_addr(0x1fe01002, true), 0x1fe01000);    /* Thumb: LR - 2 */
}

HTEST(arm_thumb_instruction_length)
{
	HCHECK(!arm_thumb_is_32bit(0xde00));   /* udf #0 */
	HCHECK(!arm_thumb_is_32bit(0xe7fe));   /* b . (0b11100: still 16-bit) */
	HCHECK(arm_thumb_is_32bit(0xe800));    /* 0b11101 */
	HCHECK(arm_thumb_is_32bit(0xf7f0));    /* udf.w first half */
	HCHECK(arm_thumb_is_32bit(0xffff));
}

HTEST(arm_vfp_neon_encodings_arm_state)
{
	HCHECK(arm_insn_is_vfp_neon(0xee300b00, false));   /* vadd.f64 d0, d0, d0 (cp11 CDP) */
	HCHECK(arm_insn_is_vfp_neon(0xee300a00, false));   /* vadd.f32 s0, s0, s0 (cp10) */
	HCHECK(arm_insn_is_vfp_neon(0xeef83a10, false));   /* vmrs r3, fpexc (MRC p10) */
	HCHECK(arm_insn_is_vfp_neon(0xec410b10, false));   /* vmov d0, r0, r1 (MCRR p11) */
	HCHECK(arm_insn_is_vfp_neon(0xed900b00, false));   /* vldr d0, [r0] (LDC p11) */
	HCHECK(arm_insn_is_vfp_neon(0xf2220844, false));   /* vadd.i32 q0, q1, q2 */
	HCHECK(arm_insn_is_vfp_neon(0xf420070f, false));   /* vld1.8 {d0}, [r0] */
	HCHECK(!arm_insn_is_vfp_neon(0xe7f000f0, false));  /* udf #0 */
	HCHECK(!arm_insn_is_vfp_neon(0xee110f10, false));  /* mrc p15 (cp15, not VFP) */
	HCHECK(!arm_insn_is_vfp_neon(0xfe300b00, false));  /* CDP2 to cp11: UNDEFINED, not VFP */
	HCHECK(!arm_insn_is_vfp_neon(0xf430070f, false));  /* 1111 0100 xxx1: not NEON load/store */
}

HTEST(arm_vfp_neon_encodings_thumb_state)
{
	HCHECK(arm_insn_is_vfp_neon(0xee300b00, true));    /* vadd.f64 (T1: same bits) */
	HCHECK(arm_insn_is_vfp_neon(0xec410b10, true));    /* vmov d0, r0, r1 */
	HCHECK(arm_insn_is_vfp_neon(0xef220844, true));    /* vadd.i32 q0, q1, q2 (U = 0) */
	HCHECK(arm_insn_is_vfp_neon(0xff220844, true));    /* U = 1 form */
	HCHECK(arm_insn_is_vfp_neon(0xf920070f, true));    /* vld1.8 {d0}, [r0] */
	HCHECK(!arm_insn_is_vfp_neon(0xf7f0a000, true));   /* udf.w #0 */
	HCHECK(!arm_insn_is_vfp_neon(0xde00, true));       /* 16-bit udf */
	HCHECK(!arm_insn_is_vfp_neon(0xee110f10, true));   /* mrc p15 */
	HCHECK(!arm_insn_is_vfp_neon(0xfe300b00, true));   /* CDP2 to cp11 */
}
