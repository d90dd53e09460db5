/*
 * tests/host/test_x86_trap_decode.c - the words the x86 fault report uses
 * for vectors, error codes, CR0 and EFLAGS (arch/x86/trap_decode.c).
 */
#include "htest.h"
#include "arch/x86/trap_decode.h"

static char buf[160];

HTEST(x86_vector_names_follow_the_sdm)
{
	HCHECK_STR(x86_vector_name(0), "#DE divide error");
	HCHECK_STR(x86_vector_name(6), "#UD invalid opcode (undefined instruction)");
	HCHECK_STR(x86_vector_name(13), "#GP general protection fault");
	HCHECK_STR(x86_vector_name(14), "#PF page fault");
	HCHECK_STR(x86_vector_name(15), "reserved vector");
	HCHECK_STR(x86_vector_name(22), "reserved vector");
	HCHECK_STR(x86_vector_name(31), "reserved vector");
	HCHECK_STR(x86_vector_name(32), "external interrupt");
	for (unsigned v = 0; v < 256; v++)
		HCHECK(x86_vector_name(v) != NULL);
}

HTEST(x86_error_code_vectors_are_exactly_the_sdm_list)
{
	unsigned with = 0;
	for (unsigned v = 0; v < 256; v++)
		with += x86_vector_has_error_code(v);
	HCHECK_EQ(with, 10);
	HCHECK(x86_vector_has_error_code(8));
	HCHECK(x86_vector_has_error_code(13));
	HCHECK(x86_vector_has_error_code(14));
	HCHECK(x86_vector_has_error_code(17));
	HCHECK(!x86_vector_has_error_code(0));
	HCHECK(!x86_vector_has_error_code(6));
	HCHECK(!x86_vector_has_error_code(32));
}

HTEST(x86_pf_error_read_of_missing_page)
{
	x86_decode_pf_error(0, buf, sizeof buf);
	HCHECK_STR(buf, "page not present, read, supervisor mode");
}

HTEST(x86_pf_error_user_write_to_read_only_page)
{
	x86_decode_pf_error(0x7, buf, sizeof buf);
	HCHECK_STR(buf, "protection violation, write, user mode");
}

HTEST(x86_pf_error_fetch_and_reserved_bits)
{
	x86_decode_pf_error(0x11, buf, sizeof buf);
	HCHECK_STR(buf, "protection violation, instruction fetch, supervisor mode");
	x86_decode_pf_error(0x9 | 0x20, buf, sizeof buf);
	HCHECK_STR(buf, "protection violation, read, supervisor mode, "
			"reserved bit set in a paging entry, protection key");
}

HTEST(x86_selector_error_gdt_ldt_idt_and_ext)
{
	x86_decode_selector_error(0x50, buf, sizeof buf);
	HCHECK_STR(buf, "selector 0x50: GDT index 10");
	x86_decode_selector_error(0x55, buf, sizeof buf);
	HCHECK_STR(buf, "selector 0x50: LDT index 10, external event");
	x86_decode_selector_error((0x80 << 3) | 2, buf, sizeof buf);
	HCHECK_STR(buf, "IDT vector 0x80");
	x86_decode_selector_error((0x21 << 3) | 3, buf, sizeof buf);
	HCHECK_STR(buf, "IDT vector 0x21, external event");
	x86_decode_selector_error(0, buf, sizeof buf);
	HCHECK_STR(buf, "0 (not selector-related)");
}

HTEST(x86_decode_error_dispatches_on_the_vector)
{
	x86_decode_error(13, 0x50, buf, sizeof buf);
	HCHECK_STR(buf, "selector 0x50: GDT index 10");
	x86_decode_error(11, 0x402, buf, sizeof buf);
	HCHECK_STR(buf, "IDT vector 0x80");
	x86_decode_error(14, 0x2, buf, sizeof buf);
	HCHECK_STR(buf, "page not present, write, supervisor mode");
	x86_decode_error(8, 0, buf, sizeof buf);
	HCHECK_STR(buf, "always 0");
	x86_decode_error(21, 3, buf, sizeof buf);
	HCHECK_STR(buf, "missing ENDBRANCH");
	x86_decode_error(0, 0x1234, buf, sizeof buf);
	HCHECK_STR(buf, "");
}

HTEST(x86_decode_truncates_but_reports_full_length)
{
	char small[8];
	int n = x86_decode_pf_error(0x7, small, sizeof small);
	HCHECK_EQ(n, (int)strlen("protection violation, write, user mode"));
	HCHECK_STR(small, "protect");
	n = x86_decode_selector_error(0x55, small, sizeof small);
	HCHECK_EQ(n, (int)strlen("selector 0x50: LDT index 10, external event"));
	HCHECK_EQ(strlen(small), 7);
	HCHECK_EQ(x86_decode_pf_error(0, NULL, 0), (int)strlen("page not present, read, supervisor mode"));
}

HTEST(x86_cr0_and_eflags_bits_are_named)
{
	x86_decode_cr0(0x11, buf, sizeof buf);
	HCHECK_STR(buf, "PE ET");
	x86_decode_cr0(0x80010011, buf, sizeof buf);
	HCHECK_STR(buf, "PE ET WP PG");
	x86_decode_eflags(0x246, buf, sizeof buf);
	HCHECK_STR(buf, "PF ZF IF");
	x86_decode_eflags(0x2, buf, sizeof buf);   /* bit 1 is always 1 and unnamed */
	HCHECK_STR(buf, "");
}
