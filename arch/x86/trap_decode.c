/*
 * arch/x86/trap_decode.c - x86 exception names and error-code decoding for
 * the fault report. Pure: no inline assembly, no hardware access, so the
 * host unit tests link it unchanged.
 */
#include "arch/x86/trap_decode.h"
#include "lib/kprintf.h"

/* SDM Vol. 3A 6.15 "Exception and Interrupt Reference" and Table 6-1;
 * 29 and 30 are AMD's (APM Vol. 2 8.2). */
static const char *const vector_names[32] = {
	[0] = "#DE divide error",
	[1] = "#DB debug exception",
	[2] = "NMI non-maskable interrupt",
	[3] = "#BP breakpoint",
	[4] = "#OF overflow",
	[5] = "#BR BOUND range exceeded",
	[6] = "#UD invalid opcode (undefined instruction)",
	[7] = "#NM device not available (no math coprocessor)",
	[8] = "#DF double fault",
	[9] = "coprocessor segment overrun",
	[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",
	[12] = "#SS stack-segment fault",
	[13] = "#GP general protection fault",
	[14] = "#PF page fault",
	[16] = "#MF x87 floating-point error",
	[17] = "#AC alignment check",
	[18] = "#MC machine check",
	[19] = "#XM SIMD floating-point exception",
	[20] = "#VE virtualization exception",
	[21] = "#CP control protection exception",
	[28] = "#HV hypervisor injection exception",
	[29] = "#VC VMM communication exception",
	[30] = "#SX security exception",
};

const char *x86_vector_name(unsigned vector)
{
	if (vector >= 32)
		return "external interrupt";
	return vector_names[vector] ? vector_names[vector] : "reserved vector";
}

bool x86_vector_has_error_code(unsigned vector)
{
	switch (vector) {
	case 8: case 10: case 11: case 12: case 13: case 14: case 17: case 21: case 29: case 30:
		return true;
	default:
		return false;
	}
}

/* An output buffer that never overflows and always stays NUL-terminated;
 * len counts what would have been written, as snprintf does. */
struct sbuf {
	char *buf;
	size_t size;
	int len;
};

static void sbuf_put(char c, void *ctx)
{
	struct sbuf *s = ctx;
	if ((size_t)s->len + 1 < s->size) {
		s->buf[s->len] = c;
		s->buf[s->len + 1] = 0;
	}
	s->len++;
}

static void sbuf_add(struct sbuf *s, const char *text)
{
	while (*text)
		sbuf_put(*text++, s);
}

static struct sbuf sbuf_start(char *buf, size_t size)
{
	if (size)
		buf[0] = 0;
	return (struct sbuf){ buf, size, 0 };
}

/* Page-fault error code bits, SDM Vol. 3A 4.7. */
#define PF_P    (1u << 0)   /* 0: non-present page, 1: protection violation */
#define PF_W    (1u << 1)   /* write access (else read) */
#define PF_U    (1u << 2)   /* user-mode access (else supervisor) */
#define PF_RSVD (1u << 3)   /* a reserved bit set in a paging entry */
#define PF_ID   (1u << 4)   /* instruction fetch */
#define PF_PK   (1u << 5)   /* protection-key violation */
#define PF_SS   (1u << 6)   /* shadow-stack access */
#define PF_SGX  (1u << 15)  /* SGX access-control violation */

int x86_decode_pf_error(uint32_t err, char *buf, size_t size)
{
	struct sbuf s = sbuf_start(buf, size);
	sbuf_add(&s, err & PF_P ? "protection violation" : "page not present");
	sbuf_add(&s, err & PF_ID ? ", instruction fetch" : err & PF_W ? ", write" : ", read");
	sbuf_add(&s, err & PF_U ? ", user mode" : ", supervisor mode");
	if (err & PF_RSVD)
		sbuf_add(&s, ", reserved bit set in a paging entry");
	if (err & PF_PK)
		sbuf_add(&s, ", protection key");
	if (err & PF_SS)
		sbuf_add(&s, ", shadow stack");
	if (err & PF_SGX)
		sbuf_add(&s, ", SGX");
	return s.len;
}

/* Selector error code bits, SDM Vol. 3A 6.13. */
#define SEL_EXT (1u << 0)   /* caused by an event external to the program */
#define SEL_IDT (1u << 1)   /* index refers to an IDT gate */
#define SEL_TI  (1u << 2)   /* with IDT clear: 1 = LDT, 0 = GDT */

int x86_decode_selector_error(uint32_t err, char *buf, size_t size)
{
	struct sbuf s = sbuf_start(buf, size);
	uint32_t index = (err & 0xffff) >> 3;
	char num[48];

	if (err == 0) {
		sbuf_add(&s, "0 (not selector-related)");
		return s.len;
	}
	if (err & SEL_IDT)
		ksnprintf(num, sizeof num, "IDT vector %#x", (unsigned)index);
	else
		ksnprintf(num, sizeof num, "selector %#x: %s index %u", (unsigned)(err & 0xfff8),
			  err & SEL_TI ? "LDT" : "GDT", (unsigned)index);
	sbuf_add(&s, num);
	if (err & SEL_EXT)
		sbuf_add(&s, ", external event");
	return s.len;
}

/* #CP error codes, SDM Vol. 1 17.2 (CET) Table 17-7. */
static const char *cp_reason(uint32_t code)
{
	static const char *const reasons[] = {
		[1] = "near RET", [2] = "far RET/IRET", [3] = "missing ENDBRANCH",
		[4] = "RSTORSSP", [5] = "SETSSBSY",
	};
	return code < ARRAY_SIZE(reasons) && reasons[code] ? reasons[code] : "unknown";
}

int x86_decode_error(unsigned vector, uint32_t err, char *buf, size_t size)
{
	switch (vector) {
	case 10: case 11: case 12: case 13:
		return x86_decode_selector_error(err, buf, size);
	case 14:
		return x86_decode_pf_error(err, buf, size);
	case 8: case 17:
		/* Always 0 for #DF and #AC (SDM Vol. 3A 6.15). */
		return ksnprintf(buf, size, "%s", err ? "nonzero (unexpected)" : "always 0");
	case 21:
		return ksnprintf(buf, size, "%s%s", cp_reason(err & 0x7fff),
				 err & 0x8000 ? " in an enclave" : "");
	default:
		if (x86_vector_has_error_code(vector))
			return ksnprintf(buf, size, "%#x", (unsigned)err);
		return ksnprintf(buf, size, "%s", "");
	}
}

struct bit_name {
	uint32_t bit;
	const char *name;
};

static int decode_bits(uint32_t v, const struct bit_name *names, size_t n, char *buf, size_t size)
{
	struct sbuf s = sbuf_start(buf, size);
	for (size_t i = 0; i < n; i++) {
		if (!(v & names[i].bit))
			continue;
		if (s.len)
			sbuf_put(' ', &s);
		sbuf_add(&s, names[i].name);
	}
	return s.len;
}

int x86_decode_cr0(uint32_t cr0, char *buf, size_t size)
{
	static const struct bit_name names[] = {
		{ 1u << 0, "PE" }, { 1u << 1, "MP" }, { 1u << 2, "EM" }, { 1u << 3, "TS" },
		{ 1u << 4, "ET" }, { 1u << 5, "NE" }, { 1u << 16, "WP" }, { 1u << 18, "AM" },
		{ 1u << 29, "NW" }, { 1u << 30, "CD" }, { 1u << 31, "PG" },
	};
	return decode_bits(cr0, names, ARRAY_SIZE(names), buf, size);
}

int x86_decode_eflags(uint32_t eflags, char *buf, size_t size)
{
	static const struct bit_name names[] = {
		{ 1u << 0, "CF" }, { 1u << 2, "PF" }, { 1u << 4, "AF" }, { 1u << 6, "ZF" },
		{ 1u << 7, "SF" }, { 1u << 8, "TF" }, { 1u << 9, "IF" }, { 1u << 10, "DF" },
		{ 1u << 11, "OF" }, { 1u << 14, "NT" }, { 1u << 16, "RF" }, { 1u << 17, "VM" },
		{ 1u << 18, "AC" },
	};
	return decode_bits(eflags, names, ARRAY_SIZE(names), buf, size);
}
