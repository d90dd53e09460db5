/*
 * kernel/usercopy_fixup.c - looking up the user-copy fixup table (see
 * usercopy_fixup.h). The table is the linker's: each arch's usercopy.S
 * adds {instruction, fixup} pairs to the __usercopy_fixups section and
 * kernel.ld brackets it. A few dozen entries at most, looked up only on
 * a fault nothing else could resolve: a linear scan.
 */
#include "kernel/usercopy_fixup.h"

struct usercopy_fixup {
	uintptr_t insn, fixup;
};

extern const struct usercopy_fixup __usercopy_fixups_start[], __usercopy_fixups_end[];

uintptr_t usercopy_fixup(uintptr_t pc)
{
	for (const struct usercopy_fixup *e = __usercopy_fixups_start; e < __usercopy_fixups_end; e++)
		if (e->insn == pc)
			return e->fixup;
	return 0;
}
