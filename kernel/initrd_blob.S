/*
 * kernel/initrd_blob.S - the RAM archive, linked into the kernel image as
 * read-only data. INITRD_FILE comes from the Makefile.
 */
	.section .rodata
	.balign 16
	.globl initrd_start, initrd_end
initrd_start:
	.incbin INITRD_FILE
initrd_end:
	.section .note.GNU-stack, "", %progbits
