/*
 * arch/arm/hyp_vector_table.h - assembly only: a HYP vector table (ARM ARM
 * B1.8.2: offsets 0x04 undefined, 0x08 HVC/SVC, 0x0C prefetch abort, 0x10
 * data abort, 0x14 Hyp trap, 0x18 IRQ, 0x1C FIQ) whose every entry puts
 * its offset in REG and branches to HANDLER. Used by the kernel's start.S
 * and by the QEMU firmware stand-in (boards/rpi2/uboot/standin.S).
 */
#ifndef ARCH_ARM_HYP_VECTOR_TABLE_H
#define ARCH_ARM_HYP_VECTOR_TABLE_H

.macro HYP_VECTOR_TABLE label, reg, handler
	.p2align 5                              /* HVBAR bits [4:0] are RES0 */
\label:
	.irp off, 00, 04, 08, 0c, 10, 14, 18, 1c
	b	\label\()_\off
	.endr
	.irp off, 00, 04, 08, 0c, 10, 14, 18, 1c
\label\()_\off:
	mov	\reg, #0x\off
	b	\handler
	.endr
.endm

#endif
