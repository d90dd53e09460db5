/*
 * mm/kheap.h - the kernel heap. It sits above the VMM: it owns a range of
 * kernel virtual addresses and asks the VMM for a page whenever it needs
 * one. The VMM, the PMM and the arch MMU code never call it.
 */
#ifndef MM_KHEAP_H
#define MM_KHEAP_H

#include "lib/types.h"
#include "mm/vmm.h"

/* Gives the heap [base, end) (page-aligned) to manage. Maps nothing yet. */
void kheap_init(vaddr_t base, vaddr_t end);

/* Returns 16-byte-aligned memory for size bytes, or NULL (size 0, or no
 * memory or address space left). Objects up to KHEAP_MAX_SMALL come from
 * size-class pages; larger ones from a run of whole pages. */
void *kmalloc(size_t size);

/* Frees what kmalloc returned; NULL is ignored. An invalid or double free is
 * reported with the caller's address and changes nothing. */
void kfree(void *p);

/* Returns the cached empty size-class pages (one per class is kept to avoid
 * map/unmap ping-pong) to the VMM. Returns the number of pages released. */
unsigned kheap_trim(void);

struct kheap_stats {
	uint32_t pages;        /* heap pages currently mapped */
	uint32_t live_objects; /* kmalloc'd and not yet freed */
	uint32_t errors;       /* invalid/double frees and red-zone hits reported */
};
void kheap_get_stats(struct kheap_stats *s);

#define KHEAP_MAX_SMALL 1024

#endif
