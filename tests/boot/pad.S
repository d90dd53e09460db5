/*
 * tests/boot/pad.S - test-only: 4 MiB of initialised data, linked into
 * kernel-pad.elf (Makefile: KERNEL_PAD_ELF) so boot-path tests can prove a
 * large kernel image loads and boots. Never part of a normal kernel.
 * A pattern, not zeros: the loaders must copy every byte of it.
 */
	.section .data.boot_pad, "aw"
	.p2align 12
	.globl boot_pad
boot_pad:
	.rept (4 << 20) / 16
	.word	0x6d656e64, 0x61782070, 0x61646469, 0x6e67210a   /* "mendax padding!\n" */
	.endr
