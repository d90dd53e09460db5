/*
 * mm/tlbcheck.h - the TLB-coherence checker of test builds (docs/testing.md).
 * The arch MMU code reports every change to a valid entry and every TLB
 * maintenance operation, modelled on what the instruction really drops; the
 * checker fails a test run when the kernel relies on a change the TLB may not
 * have seen. Outside MENDAX_TEST every hook is an empty macro: zero cost.
 *
 * Entries are kept per *tag*: the ARM ASID an entry was cached under, or on
 * x86 (no PCID) the single tag of whatever CR3 holds; TLBC_TAG_GLOBAL holds
 * global (kernel) entries, which no ASID or CR3 change drops.
 */
#ifndef MM_TLBCHECK_H
#define MM_TLBCHECK_H

#include "lib/types.h"

enum tlbc_change {
	TLBC_REMOVE,       /* valid -> invalid */
	TLBC_REPLACE,      /* another frame (or table) */
	TLBC_WEAKEN,       /* same frame, fewer rights */
	TLBC_STRENGTHEN,   /* same frame, more rights only */
	TLBC_ATTR,         /* same frame, other attributes or mixed rights */
};

#define TLBC_TAG_GLOBAL 0xffffu
#define TLBC_TAGS 256u   /* tags 0..255: ARM ASIDs; x86 uses tag 0 only */

/* Which mistake a test-only build injects (-DTLBCHECK_INJECT=<name>). */
#define TLBC_INJ_none 0
#define TLBC_INJ_skip_unmap_flush 1
#define TLBC_INJ_skip_weaken_flush 2
#define TLBC_INJ_same_asid 3
#define TLBC_INJ_free_before_flush 4
#define TLBC_INJ_CAT_(x) TLBC_INJ_##x
#define TLBC_INJ_CAT(x) TLBC_INJ_CAT_(x)
#ifdef TLBCHECK_INJECT
#define TLBC_INJECTED TLBC_INJ_CAT(TLBCHECK_INJECT)
#else
#define TLBC_INJECTED TLBC_INJ_none
#endif
/* True in the one build that injects mistake `name` (a constant: the
 * compiler drops the other branch). */
#define TLBC_INJECT(name) (TLBC_INJECTED == TLBC_INJ_##name)

/* The model (mm/tlbcheck.c). Call through the macros below. */
void tlbc_init(bool fault_repairs_strengthen, bool asids);
void tlbc_change(unsigned tag, uintptr_t va, uintptr_t span, paddr_t old_pa, enum tlbc_change kind,
		 const char *file, int line);
void tlbc_retire_va(unsigned tag, uintptr_t va);
void tlbc_retire_va_all_tags(uintptr_t va);
void tlbc_retire_tag(unsigned tag);
void tlbc_retire_nonglobal(void);
void tlbc_retire_all(void);
void tlbc_set_current(unsigned tag);
void tlbc_tag_new_generation(void);
void tlbc_tag_assign(unsigned tag, unsigned slot);
void tlbc_tag_release(unsigned tag);
void tlbc_point_run(unsigned slot, const char *point);
void tlbc_point_user(void);
void tlbc_point_frame(paddr_t pa);
enum tlbc_change tlbc_kind_of(paddr_t old_pa, unsigned old_prot, paddr_t new_pa, unsigned new_prot);
unsigned tlbc_failures(void);
void tlbc_summary(void);

#ifdef MENDAX_TEST
#define TLBC_ENABLED 1
#define TLBC_CHANGE(tag, va, span, pa, kind) tlbc_change((tag), (va), (span), (pa), (kind), __FILE__, __LINE__)
#define TLBC_INIT(repairs, asids) tlbc_init((repairs), (asids))
#define TLBC_FAILURES() tlbc_failures()
#define TLBC_RETIRE_VA(tag, va) tlbc_retire_va((tag), (va))
#define TLBC_RETIRE_VA_ALL_TAGS(va) tlbc_retire_va_all_tags(va)
#define TLBC_RETIRE_TAG(tag) tlbc_retire_tag(tag)
#define TLBC_RETIRE_NONGLOBAL() tlbc_retire_nonglobal()
#define TLBC_RETIRE_ALL() tlbc_retire_all()
#define TLBC_SET_CURRENT(tag) tlbc_set_current(tag)
#define TLBC_TAG_NEW_GENERATION() tlbc_tag_new_generation()
#define TLBC_TAG_ASSIGN(tag, slot) tlbc_tag_assign((tag), (slot))
#define TLBC_TAG_RELEASE(tag) tlbc_tag_release(tag)
#define TLBC_POINT_RUN(slot, point) tlbc_point_run((slot), (point))
#define TLBC_POINT_USER() tlbc_point_user()
#define TLBC_POINT_FRAME(pa) tlbc_point_frame(pa)
#define TLBC_SUMMARY() tlbc_summary()
#else
/* Arguments are named (never evaluated) so that no variable looks unused. */
static inline void tlbc_nop(int unused, ...) { (void)unused; }
#define TLBC_USE(...) ((void)sizeof((tlbc_nop(0, __VA_ARGS__), 0)))
#define TLBC_ENABLED 0
#define TLBC_CHANGE(tag, va, span, pa, kind) TLBC_USE(tag, va, span, pa, kind)
#define TLBC_INIT(repairs, asids) TLBC_USE(repairs, asids)
#define TLBC_FAILURES() 0u
#define TLBC_RETIRE_VA(tag, va) TLBC_USE(tag, va)
#define TLBC_RETIRE_VA_ALL_TAGS(va) TLBC_USE(va)
#define TLBC_RETIRE_TAG(tag) TLBC_USE(tag)
#define TLBC_RETIRE_NONGLOBAL() ((void)0)
#define TLBC_RETIRE_ALL() ((void)0)
#define TLBC_SET_CURRENT(tag) TLBC_USE(tag)
#define TLBC_TAG_NEW_GENERATION() ((void)0)
#define TLBC_TAG_ASSIGN(tag, slot) TLBC_USE(tag, slot)
#define TLBC_TAG_RELEASE(tag) TLBC_USE(tag)
#define TLBC_POINT_RUN(slot, point) TLBC_USE(slot, point)
#define TLBC_POINT_USER() ((void)0)
#define TLBC_POINT_FRAME(pa) TLBC_USE(pa)
#define TLBC_SUMMARY() ((void)0)
#endif

#endif
