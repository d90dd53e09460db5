/*
 * tests/host/test_arm_fsr.c - names of ARMv7 short-descriptor fault
 * status values (DFSR/IFSR).
 */
#include "htest.h"
#include "arch/arm/fsr_decode.h"

HTEST(arm_fsr_names_by_status)
{
	HCHECK_STR(arm_fsr_name(0x001), "alignment fault");
	HCHECK_STR(arm_fsr_name(0x005), "translation fault, section");
	HCHECK_STR(arm_fsr_name(0x007), "translation fault, page");
	HCHECK_STR(arm_fsr_name(0x00d), "permission fault, section");
	HCHECK_STR(arm_fsr_name(0x80f), "permission fault, page");      /* WnR set */
	HCHECK_STR(arm_fsr_name(0x406), "asynchronous external abort");  /* FS[4] is bit 10 */
	HCHECK_STR(arm_fsr_name(0x000), "unknown fault status");
}

HTEST(arm_fsr_status_and_write_bits)
{
	HCHECK_EQ(arm_fsr_status(0x40f), 0x1f);
	HCHECK_EQ(arm_fsr_status(0x80f), 0x0f);
	HCHECK(arm_fsr_is_write(0x807));
	HCHECK(!arm_fsr_is_write(0x007));
	HCHECK(arm_fsr_is_translation(0x005) && arm_fsr_is_translation(0x807));
	HCHECK(!arm_fsr_is_translation(0x00f));
	HCHECK(arm_fsr_is_permission(0x80f) && arm_fsr_is_permission(0x00d));
	HCHECK(!arm_fsr_is_permission(0x205));   /* LPAE format is not ours */
}

/* With SCTLR.AFE = 1 (B3.13.3, table B3-23): 0b00011 section, 0b00110
 * page; platform-facts-2.md 3 saw DFSR 0x006, 0x803 on a write, IFSR 0x006. */
HTEST(arm_fsr_access_flag_faults)
{
	HCHECK(arm_fsr_is_access_flag(0x006) && arm_fsr_is_access_flag(0x806));
	HCHECK(arm_fsr_is_access_flag(0x003) && arm_fsr_is_access_flag(0x803));
	HCHECK(!arm_fsr_is_access_flag(0x007) && !arm_fsr_is_access_flag(0x005));
	HCHECK(!arm_fsr_is_access_flag(0x00f) && !arm_fsr_is_access_flag(0x001));
	HCHECK(!arm_fsr_is_access_flag(0x406));   /* FS 0b10110: asynchronous external abort */
	HCHECK(!arm_fsr_is_access_flag(0x206));   /* LPAE format is not ours */
	HCHECK(!arm_fsr_is_translation(0x006) && !arm_fsr_is_permission(0x006));
	HCHECK_STR(arm_fsr_name(0x006), "access flag fault, page");
}

HTEST(arm_mode_names)
{
	HCHECK_STR(arm_mode_name(0x600001d3), "SVC");
	HCHECK_STR(arm_mode_name(0x10), "User");
	HCHECK_STR(arm_mode_name(0x1a), "HYP");
	HCHECK_STR(arm_mode_name(0x05), "invalid mode");
}
