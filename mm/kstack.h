/*
 * mm/kstack.h - kernel stacks: one page each, in a kernel range of their
 * own where the page below every stack is never mapped, so running off the
 * bottom of a stack faults on that guard page instead of silently
 * overwriting whatever lies below. Frames from the PMM; never the heap.
 */
#ifndef MM_KSTACK_H
#define MM_KSTACK_H

#include "lib/types.h"
#include "mm/vmm.h"

#define KSTACK_BYTES PAGE_SIZE

/* A kernel stack: the lowest address of its KSTACK_BYTES, or NULL when
 * every one of the CONFIG_MAX_PROCS stacks is taken or no frame is left.
 * Its contents are whatever the frame held: the owner writes before it
 * reads. O(CONFIG_MAX_PROCS / 32). */
void *kstack_alloc(void);

/* Gives a stack from kstack_alloc back (its frame to the PMM). Anything
 * else is refused with a report, nothing changed: -E_INVAL. */
int kstack_free(void *stack);

/* Whether va lies in the guard page of a kernel stack (a fault there is
 * that stack's overflow); *index says which. */
bool kstack_guard_hit(vaddr_t va, unsigned *index);

/* Stacks in use, for the accounting tests. */
unsigned kstack_in_use(void);

#endif
