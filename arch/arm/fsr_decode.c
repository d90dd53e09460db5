/*
 * arch/arm/fsr_decode.c - names for the short-descriptor fault status
 * encodings of DFSR and IFSR (ARM ARM B3.13.3, table B3-23 "Short-descriptor
 * format FSR encodings"). Pure: no CP15 access here.
 */
#include "arch/arm/fsr_decode.h"
#include "arch/arm/cpu_bits.h"

#define FSR_LPAE (1u << 9)
#define FSR_WNR  (1u << 11)

uint32_t arm_fsr_status(uint32_t fsr)
{
	return ((fsr >> 6) & 0x10) | (fsr & 0xf);
}

const char *arm_fsr_name(uint32_t fsr)
{
	if (fsr & FSR_LPAE)
		return "long-descriptor format fault (unexpected: mendax uses short descriptors)";
	switch (arm_fsr_status(fsr)) {
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: return "access flag fault, section";
	case 0x04: return "fault on instruction cache maintenance";
	case 0x05: return "translation fault, section";
	case 0x06: return "access flag fault, page";
	case 0x07: return "translation fault, page";
	case 0x08: return "synchronous external abort";
	case 0x09: return "domain fault, section";
	case 0x0b: return "domain fault, page";
	case 0x0c: return "synchronous external abort on translation table walk, first level";
	case 0x0d: return "permission fault, section";
	case 0x0e: return "synchronous external abort on translation table walk, second level";
	case 0x0f: return "permission fault, page";
	case 0x10: return "TLB conflict abort";
	case 0x14: return "implementation defined fault (lockdown)";
	case 0x16: return "asynchronous external abort";
	case 0x18: return "asynchronous parity error on memory access";
	case 0x19: return "synchronous parity error on memory access";
	case 0x1a: return "implementation defined fault (coprocessor abort)";
	case 0x1c: return "synchronous parity error on translation table walk, first level";
	case 0x1e: return "synchronous parity error on translation table walk, second level";
	default:   return "unknown fault status";
	}
}

bool arm_fsr_is_write(uint32_t dfsr)
{
	return (dfsr & FSR_WNR) != 0;
}

bool arm_fsr_is_translation(uint32_t fsr)
{
	uint32_t fs = arm_fsr_status(fsr);
	return !(fsr & FSR_LPAE) && (fs == 0x05 || fs == 0x07);
}

bool arm_fsr_is_permission(uint32_t fsr)
{
	uint32_t fs = arm_fsr_status(fsr);
	return !(fsr & FSR_LPAE) && (fs == 0x0d || fs == 0x0f);
}

bool arm_fsr_is_access_flag(uint32_t fsr)
{
	uint32_t fs = arm_fsr_status(fsr);
	return !(fsr & FSR_LPAE) && (fs == 0x03 || fs == 0x06);
}

const char *arm_mode_name(uint32_t cpsr)
{
	switch (cpsr & PSR_MODE_MASK) {
	case PSR_MODE_USR: return "User";
	case PSR_MODE_FIQ: return "FIQ";
	case PSR_MODE_IRQ: return "IRQ";
	case PSR_MODE_SVC: return "SVC";
	case PSR_MODE_MON: return "Monitor";
	case PSR_MODE_ABT: return "Abort";
	case PSR_MODE_HYP: return "HYP";
	case PSR_MODE_UND: return "Undefined";
	case PSR_MODE_SYS: return "System";
	default:           return "invalid mode";
	}
}
