/*
 * arch/x86/mm/share_cow.h - fork's per-entry loop (share_cow.S): one
 * occupancy group of a parent's page table copied into the child's with
 * write access removed in both and a reference taken on each frame.
 * Hand-written because it is fork's cost per page and i386 has too few
 * registers for GCC to keep the loop's values out of the stack (31
 * instructions an entry from C, 20.5 here; docs/benchmarks.md). The
 * offsets below are what the assembly reads; map.c checks them against
 * the C structures at compile time.
 */
#ifndef ARCH_X86_MM_SHARE_COW_H
#define ARCH_X86_MM_SHARE_COW_H

#define SHARE_SPAN_DB        0    /* struct pmm_span.db */
#define SHARE_SPAN_BASE_PFN  4    /* struct pmm_span.base_pfn */
#define SHARE_SPAN_NFRAMES   8    /* struct pmm_span.nframes */
#define SHARE_FRAME_REFCOUNT 8    /* struct pmm_frame.refcount (16 bits) */
#define SHARE_FRAME_WORDS    3    /* sizeof(struct pmm_frame) / 4 */
#define SHARE_GROUP_BYTES    128  /* 32 PTEs: one occupancy group */

#ifndef __ASSEMBLER__
#include "lib/types.h"
#include "mm/pmm.h"

/* ppt and cpt point at the same group (SHARE_GROUP_BYTES aligned) of the
 * parent's and the child's table; the child's entries there are zero.
 * Each present entry loses its write bit in both tables; its frame gets
 * one more reference when it is a frame in use in span and not frame
 * number skip_pfn (a frame that is not in use, or whose count is
 * saturated, is shared without one, as pmm_span_ref_if_used decides). */
void x86_share_cow_group(uint32_t *ppt, uint32_t *cpt, const struct pmm_span *span, uint32_t skip_pfn);
#endif

#endif
