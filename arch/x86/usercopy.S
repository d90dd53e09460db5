/*
 * arch/x86/usercopy.S - the loads and stores that touch user memory from
 * kernel mode (kernel/usercopy.h). Each one is listed in the fixup table
 * (__usercopy_fixups, kernel/usercopy_fixup.h): a page fault at it that
 * the fault path cannot resolve (the page went away while its process
 * slept, e.g. a truncate cut a mapped file short) resumes at the routine's
 * fault exit instead of stopping the machine (arch/x86/trap.c).
 */

#include "kernel/usercopy_fixup.h"

	.text
/* int arch_user_copy(void *dst, const void *src, size_t n): 0, or nonzero
 * when a user page could not be made present. rep movsl then rep movsb: a
 * #PF in the middle of a rep leaves ECX/ESI/EDI at the faulting element
 * and EIP at the instruction (SDM Vol. 2B MOVS/REP), so a resolved fault
 * simply restarts it where it stopped. */
	.globl arch_user_copy
arch_user_copy:
	pushl %edi
	pushl %esi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	movl %ecx, %edx
	shrl $2, %ecx
	andl $3, %edx
	cld
	UACCESS copy_fault, rep movsl
	movl %edx, %ecx
	UACCESS copy_fault, rep movsb
	xorl %eax, %eax
	popl %esi
	popl %edi
	ret
copy_fault:
	movl $1, %eax
	popl %esi
	popl %edi
	ret

/* long arch_user_strncpy(char *dst, const char *src, size_t n): copies up
 * to n bytes, stopping after a NUL; the NUL's index, n when there was
 * none, or -1 when a user page could not be made present. */
	.globl arch_user_strncpy
arch_user_strncpy:
	pushl %edi
	pushl %esi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	xorl %eax, %eax
1:	cmpl %ecx, %eax
	jae 2f
	UACCESS string_fault, movb (%esi,%eax), %dl
	movb %dl, (%edi,%eax)
	testb %dl, %dl
	jz 2f
	incl %eax
	jmp 1b
2:	popl %esi
	popl %edi
	ret
string_fault:
	movl $-1, %eax
	popl %esi
	popl %edi
	ret

	.section .note.GNU-stack, "", @progbits
