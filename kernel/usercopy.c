/*
 * kernel/usercopy.c - checked copies to and from user memory (see
 * usercopy.h). user_range_prepare() makes the pages present first, so the
 * copy normally does not fault. But a page can go between the prepare and
 * the copy: the process may sleep in the middle of a system call (a write
 * reading in the page it writes into) while another process truncates the
 * file the buffer maps; with SMP, threads of the space on other CPUs can
 * unmap it at any time. So the copies themselves tolerate faults: they go
 * through the arch's user-copy routines (kernel/usercopy_fixup.h), whose
 * loads/stores are listed in a fixup table; the trap handler, finding a
 * kernel fault at one of them that vmm_fault cannot resolve, resumes at
 * the fixup and the copy returns -E_FAULT.
 */
#include "kernel/usercopy.h"
#include "kernel/usercopy_fixup.h"
#include "mm/swap.h"
#include "lib/string.h"

/* What the access would be if the page were touched now: does it need the
 * fault path first? */
static bool page_ready(vaddr_t page, enum vmm_access access)
{
	struct vmm_page_info info;
	arch_vmm_query(arch_vmm_space_current(), page, &info);
	if (info.kind == VMM_PAGE_UNMAPPED || info.kind == VMM_PAGE_SWAPPED)
		return false;   /* (a swapped page is no more readable than a missing one) */
	return access != VMM_ACCESS_WRITE || (info.kind == VMM_PAGE_MAPPED && (info.prot & VMM_WRITE));
}

/* The same resolution a user access would get: a region must allow it;
 * the zero page, allocate-on-write, COW and swap-in apply. One fault may
 * not be enough (a swapped page shared with others comes back read-only,
 * and a write then copies it; a page that changed while the swap-in slept
 * is retried), so it repeats until the page is ready, a few times at most. */
static int prepare_page(vaddr_t page, enum vmm_access access)
{
	for (unsigned tries = 0; !page_ready(page, access); tries++) {
		int rc = tries < 4 ? vmm_fault(page, access, true) : -E_FAULT;
		if (rc)
			return rc == -E_NOMEM ? -E_NOMEM : -E_FAULT;
	}
	return 0;
}

/* Not NULL, below the user limit, and not wrapping or reaching past it. */
static bool in_user_space(vaddr_t va, size_t n)
{
	return va && va < arch_vmm_user_end && n <= arch_vmm_user_end - va;
}

int user_range_check(vaddr_t va, size_t n, enum vmm_access access)
{
	if (n == 0)
		return 0;
	if (!in_user_space(va, n))
		return -E_FAULT;
	/* The regions decide, not the entries: a PROT_NONE region refuses
	 * reads even where a page happens to be mapped. */
	return vmm_range_allows(arch_vmm_space_current(), va, n, access) ? -E_FAULT : 0;
}

/* Bounds only: a ready page needs no region lookup. That is sound because
 * the fault path maps a user page only as its region allows (readable only
 * in a readable region, writable only in a writable one, and a region that
 * may not be read is never on the zero table); every other page goes
 * through vmm_fault, which asks the region. */
int user_range_prepare(vaddr_t va, size_t n, enum vmm_access access)
{
	if (n == 0)
		return 0;
	if (!in_user_space(va, n))
		return -E_FAULT;
	/* A later page's fault may sleep (a read from the swap area or a
	 * file) and another process's reclaim run meanwhile: the pin keeps
	 * the pages already made ready here from being taken (mm/swap.h). */
	unsigned slot = arch_vmm_space_current();
	vmm_pin_range(slot, ALIGN_DOWN(va, PAGE_SIZE), va + n);
	for (vaddr_t page = ALIGN_DOWN(va, PAGE_SIZE); page < va + n; page += PAGE_SIZE) {
		int rc = prepare_page(page, access);
		if (rc) {
			vmm_unpin(slot);
			return rc;
		}
	}
	return 0;
}

int copy_from_user(void *dst, vaddr_t src, size_t n)
{
	int rc = user_range_prepare(src, n, VMM_ACCESS_READ);
	return rc ? rc : copy_from_user_prepared(dst, src, n);
}

int copy_from_user_prepared(void *dst, vaddr_t src, size_t n)
{
	int rc = arch_user_copy(dst, (const void *)src, n) ? -E_FAULT : 0;
	vmm_unpin(arch_vmm_space_current());
	return rc;
}

int copy_to_user(vaddr_t dst, const void *src, size_t n)
{
	int rc = user_range_prepare(dst, n, VMM_ACCESS_WRITE);
	if (rc)
		return rc;
	rc = arch_user_copy((void *)dst, src, n) ? -E_FAULT : 0;
	vmm_unpin(arch_vmm_space_current());
	return rc;
}

int copy_string_from_user(char *dst, vaddr_t src, size_t max)
{
	for (size_t i = 0; i < max;) {
		/* Each page is checked once, when the string reaches it. */
		size_t chunk = PAGE_SIZE - ((src + i) & (PAGE_SIZE - 1));
		if (chunk > max - i)
			chunk = max - i;
		int rc = user_range_prepare(src + i, 1, VMM_ACCESS_READ);
		if (rc)
			return rc;
		long got = arch_user_strncpy(dst + i, (const char *)(src + i), chunk);
		if (got < 0)
			return -E_FAULT;
		if ((size_t)got < chunk)
			return (int)(i + (size_t)got);
		i += chunk;
	}
	return -E_INVAL;
}
