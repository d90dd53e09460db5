/*
 * mm/kstack.c - kernel stacks in their own range (mm/kstack.h): stack i is
 * the page at arch_vmm_kstack_base + i * VMM_KSTACK_STRIDE + PAGE_SIZE, the
 * page below it its guard, never mapped. One page is enough for the
 * deepest kernel path, and the guard makes "enough" checkable: an
 * overflow is a fault at a known address, reported as such. A stack needs
 * no clearing, and its page tables exist from boot (like the heap's), so
 * taking one is a frame and one kernel mapping. Never calls the heap.
 *
 * No lock: stacks are taken by fork and given back by the reaping parent,
 * both in system calls, which one CPU runs one at a time. With SMP the
 * bitmap goes under a kstack lock.
 */
#include "mm/kstack.h"
#include "mm/pmm.h"
#include "lib/kprintf.h"

#define WORDS ((CONFIG_MAX_PROCS + 31) / 32)

static uint32_t used[WORDS];   /* bit i set: stack i is taken */
static unsigned in_use;

static vaddr_t stack_va(unsigned i)
{
	return arch_vmm_kstack_base + (vaddr_t)i * VMM_KSTACK_STRIDE + PAGE_SIZE;
}

/* The first free index, or CONFIG_MAX_PROCS: a word at a time. */
static unsigned free_index(void)
{
	for (unsigned w = 0; w < WORDS; w++) {
		if (used[w] == ~0u)
			continue;
		unsigned i = w * 32 + (unsigned)__builtin_ctz(~used[w]);
		return i < CONFIG_MAX_PROCS ? i : CONFIG_MAX_PROCS;
	}
	return CONFIG_MAX_PROCS;
}

void *kstack_alloc(void)
{
	unsigned i = free_index();
	paddr_t pa;
	if (i == CONFIG_MAX_PROCS || pmm_alloc_frame(&pa))
		return NULL;
	arch_vmm_kernel_map(stack_va(i), pa, VMM_READ | VMM_WRITE);   /* tables from boot: cannot fail */
	used[i / 32] |= 1u << (i % 32);
	in_use++;
	return (void *)stack_va(i);
}

int kstack_free(void *stack)
{
	vaddr_t off = (vaddr_t)stack - arch_vmm_kstack_base - PAGE_SIZE;   /* wraps below the base */
	unsigned i = (unsigned)(off / VMM_KSTACK_STRIDE);
	paddr_t pa;
	if (off % VMM_KSTACK_STRIDE || i >= CONFIG_MAX_PROCS || !(used[i / 32] >> (i % 32) & 1) ||
	    arch_vmm_kernel_unmap((vaddr_t)stack, &pa)) {
		kprintf("kstack_free(%p) from %p refused: not a kernel stack in use\n", stack,
			__builtin_return_address(0));
		return -E_INVAL;
	}
	pmm_free_frame(pa);
	used[i / 32] &= ~(1u << (i % 32));
	in_use--;
	return 0;
}

bool kstack_guard_hit(vaddr_t va, unsigned *index)
{
	vaddr_t off = va - arch_vmm_kstack_base;
	if (off >= VMM_KSTACK_BYTES || off % VMM_KSTACK_STRIDE >= PAGE_SIZE)
		return false;
	*index = (unsigned)(off / VMM_KSTACK_STRIDE);
	return true;
}

unsigned kstack_in_use(void)
{
	return in_use;
}
