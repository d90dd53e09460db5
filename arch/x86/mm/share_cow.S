/*
 * arch/x86/mm/share_cow.S - x86_share_cow_group (share_cow.h): fork's
 * per-entry loop. Registers: esi walks the parent's group, edi is the
 * distance to the child's, ebp the frame database span, edx its records,
 * eax the entry, ebx the record index, ecx the reference count. The span's
 * base and size and skip_pfn stay memory operands (one instruction either
 * way). Two entries an iteration: the loop test is paid once for both.
 * The entry's own bits: P is bit 0, R/W bit 1 (Intel SDM vol. 3, 4.3).
 */
#include "arch/x86/mm/share_cow.h"

#define ARG_PPT   20
#define ARG_CPT   24
#define ARG_SPAN  28
#define ARG_SKIP  32   /* after the four pushes */

/* One entry at \off bytes into the current pair. The count is
 * incremented in 16 bits: 0 (not in use) becomes 1 and 0xffff (saturated)
 * 0, and both are refused by one unsigned compare with 1. */
.macro SHARE_ENTRY off
	movl \off(%esi), %eax
	testb $1, %al
	jz 2f
	movl %eax, %ebx
	shrl $12, %ebx
	cmpl ARG_SKIP(%esp), %ebx
	je 1f
	subl SHARE_SPAN_BASE_PFN(%ebp), %ebx
	cmpl SHARE_SPAN_NFRAMES(%ebp), %ebx
	jae 1f
	leal (%ebx,%ebx,2), %ebx
	movzwl SHARE_FRAME_REFCOUNT(%edx,%ebx,4), %ecx
	incw %cx
	cmpw $1, %cx
	jbe 1f
	movw %cx, SHARE_FRAME_REFCOUNT(%edx,%ebx,4)
1:	andl $~2, %eax
	movl %eax, \off(%esi)
	movl %eax, \off(%esi,%edi)
2:
.endm

	.text
	.globl x86_share_cow_group
x86_share_cow_group:
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %ebx
	movl ARG_PPT(%esp), %esi
	movl ARG_CPT(%esp), %edi
	subl %esi, %edi
	movl ARG_SPAN(%esp), %ebp
	movl SHARE_SPAN_DB(%ebp), %edx
0:	SHARE_ENTRY 0
	SHARE_ENTRY 4
	addl $8, %esi
	testl $(SHARE_GROUP_BYTES - 1), %esi
	jnz 0b
	popl %ebx
	popl %esi
	popl %edi
	popl %ebp
	ret

	.section .note.GNU-stack, "", @progbits
