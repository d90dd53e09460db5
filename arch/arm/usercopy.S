/*
 * arch/arm/usercopy.S - the loads and stores that touch user memory from
 * kernel mode (kernel/usercopy.h). Each one is listed in the fixup table
 * (__usercopy_fixups, kernel/usercopy_fixup.h): a data abort at it that
 * the fault path cannot resolve (the page went away while its process
 * slept, e.g. a truncate cut a mapped file short) resumes at the routine's
 * fault exit instead of stopping the machine (arch/arm/trap.c). A resolved
 * abort re-executes the instruction: ARMv7 restores the base register of
 * an aborted load/store with writeback (the Base Restored Abort Model,
 * ARM ARM B1.9, "Data Abort exception"), and an LDM's partly loaded
 * registers are loaded again. Only aligned accesses (the kernel runs with
 * SCTLR.A set and is built with -mno-unaligned-access).
 */

#include "kernel/usercopy_fixup.h"

	.arm
	.text
/* int arch_user_copy(void *dst, const void *src, size_t n): 0, or nonzero
 * when a user page could not be made present. Co-aligned buffers move in
 * 32-byte load/store-multiples (as arch_page_copy), then words, then
 * bytes; others byte by byte. */
	.globl arch_user_copy
arch_user_copy:
	push	{r4-r10, lr}
	cmp	r2, #0
	beq	copy_done
	eor	r3, r0, r1
	tst	r3, #3
	bne	copy_bytes
1:	tst	r0, #3                  /* head bytes up to a word boundary */
	beq	copy_blocks
	UACCESS copy_fault, ldrb r3, [r1], #1
	UACCESS copy_fault, strb r3, [r0], #1
	subs	r2, r2, #1
	bne	1b
	b	copy_done
copy_blocks:
	subs	r2, r2, #32
	blo	copy_words
2:	UACCESS copy_fault, ldmia r1!, {r3-r10}
	UACCESS copy_fault, stmia r0!, {r3-r10}
	subs	r2, r2, #32
	bhs	2b
copy_words:
	adds	r2, r2, #28             /* r2 + 32 - 4: is a word left? */
	blo	copy_tail
3:	UACCESS copy_fault, ldr r3, [r1], #4
	UACCESS copy_fault, str r3, [r0], #4
	subs	r2, r2, #4
	bhs	3b
copy_tail:
	adds	r2, r2, #4              /* bytes left: 0-3 */
	beq	copy_done
copy_bytes:
4:	UACCESS copy_fault, ldrb r3, [r1], #1
	UACCESS copy_fault, strb r3, [r0], #1
	subs	r2, r2, #1
	bne	4b
copy_done:
	mov	r0, #0
	pop	{r4-r10, pc}
copy_fault:
	mov	r0, #1
	pop	{r4-r10, pc}

/* long arch_user_strncpy(char *dst, const char *src, size_t n): copies up
 * to n bytes, stopping after a NUL; the NUL's index, n when there was
 * none, or -1 when a user page could not be made present. */
	.globl arch_user_strncpy
arch_user_strncpy:
	mov	r3, #0
1:	cmp	r3, r2
	bhs	2f
	UACCESS string_fault, ldrb r12, [r1, r3]
	strb	r12, [r0, r3]
	cmp	r12, #0
	beq	2f
	add	r3, r3, #1
	b	1b
2:	mov	r0, r3
	bx	lr
string_fault:
	mvn	r0, #0
	bx	lr
