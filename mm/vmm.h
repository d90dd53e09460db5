/*
 * mm/vmm.h - the architecture-neutral VMM contract. Generic code (mm/,
 * kernel/) speaks only these types and calls; each port implements the
 * arch_vmm_* block in arch/<a>/mm under the same names. Descriptor formats
 * never leave arch/. Nothing declared here may call the kernel heap.
 */
#ifndef MM_VMM_H
#define MM_VMM_H

#include "kernel/types.h"

typedef uintptr_t vaddr_t;

/* Protection bits for a mapping. A mapping without VMM_USER is kernel-only. */
#define VMM_READ   0x01u
#define VMM_WRITE  0x02u
#define VMM_EXEC   0x04u
#define VMM_USER   0x08u
#define VMM_DEVICE 0x10u   /* device memory: uncached, strongly ordered / no speculation */

/* What a faulting access was (decoded by the arch fault handler). */
enum vmm_access { VMM_ACCESS_READ, VMM_ACCESS_WRITE, VMM_ACCESS_EXEC };

/* Address-space slots: slot i's top-level table lives permanently at
 * VMM_TOP_TABLE_REGION + i * 4096 (arch/<a>/include/arch/layout.h). */
#define VMM_SLOT_KERNEL 0   /* the boot/kernel-only space; never destroyed */

/* What one page of an address space currently is. */
enum vmm_page_kind {
	VMM_PAGE_UNMAPPED = 0,   /* no valid entry (and no table, or an empty one) */
	VMM_PAGE_MAPPED,         /* a valid entry in a private table */
	VMM_PAGE_ZERO_TABLE,     /* read-only zero page, through the shared zero table */
};

struct vmm_page_info {
	enum vmm_page_kind kind;
	paddr_t pa;              /* frame mapped (valid unless UNMAPPED) */
	unsigned prot;           /* VMM_* bits as the hardware entry grants them */
};

/* ------------------------------------------------------------------
 * The arch block: each port implements these (arch/<a>/mm/).
 * Unless stated otherwise: slot must be a created space, va page-aligned
 * and inside user space (below VMM_USER_END) or, for slot's kernel part,
 * the caller must use the vmm_kernel_* calls instead. All of them run with
 * no heap, in O(1) except where stated, and are safe to call for a slot
 * that is not the current one.
 * ------------------------------------------------------------------ */

/* Size of the range one second-level table covers (x86: 4 MiB; ARM: 1 MiB
 * per L1 entry). The zero-table lie works in units of this. */
extern const vaddr_t arch_vmm_table_span;

/* Highest user address + 1 (x86: 0xC0000000; ARM: TTBR0's 1 GiB minus its window). */
extern const vaddr_t arch_vmm_user_end;

/* Boot: turns paging on (if not yet), builds the kernel half shared by all
 * spaces, the permanent top-table region and the table windows, and makes
 * slot VMM_SLOT_KERNEL current. zero_page is a frame of zeros the backend
 * must use to fill the shared zero table. Panics on failure (boot only). */
void arch_vmm_init(paddr_t zero_page);

/* Allocates slot's top-level table (a frame mapped at its permanent place),
 * with an empty user part and the shared kernel part. Returns 0 or -E_NOMEM.
 * The slot number is chosen by the caller (mm/vmm.c owns the slot bitmap). */
int arch_vmm_space_create(unsigned slot);

/* Frees every user table of slot and its top table. Precondition: slot is
 * not current, and every user mapping's frame has been dealt with by the
 * caller (this does not touch the frames the entries point at). Flushes
 * whatever TLB entries the space may have left (ARM: its ASID). */
void arch_vmm_space_destroy(unsigned slot);

/* Makes slot the current address space (x86: CR3; ARM: TTBR0 + ASID). */
void arch_vmm_space_activate(unsigned slot);
unsigned arch_vmm_space_current(void);

/* Maps va -> pa with prot in slot, allocating a table if needed. If the
 * range is on the zero table it first gets a private table (as by
 * arch_vmm_table_make_private). Replacing a valid entry is allowed; the old
 * entry is gone from every TLB on return (break-before-make on ARM).
 * Returns 0, or -E_NOMEM when no frame is left for a table. */
int arch_vmm_map(unsigned slot, vaddr_t va, paddr_t pa, unsigned prot);

/* Removes the mapping at va; stores the frame it mapped in *old_pa (if not
 * NULL). The entry is gone from every TLB on return. Returns 0, or -E_NOENT
 * if nothing was mapped there (zero-table pages count as mapped: unmapping
 * one gives the range a private table first, so it can fail with -E_NOMEM). */
int arch_vmm_unmap(unsigned slot, vaddr_t va, paddr_t *old_pa);

/* Changes the protection of the existing mapping at va; TLB as for map.
 * Returns 0, -E_NOENT, or -E_PERM for a zero-table page (make it private first). */
int arch_vmm_protect(unsigned slot, vaddr_t va, unsigned prot);

/* Reads what va is in slot. Never fails; UNMAPPED when there is nothing. */
void arch_vmm_query(unsigned slot, vaddr_t va, struct vmm_page_info *out);

/* Points the whole table-span-aligned range at va at the shared zero table
 * (every page reads as zeros, read-only). Precondition: the range has no
 * table, or only a table with no valid entries, which is then freed.
 * Returns 0 or -E_INVAL (va not span-aligned, or the range has mappings). */
int arch_vmm_table_set_zero(unsigned slot, vaddr_t va);

/* True when the range holding va is on the shared zero table. */
bool arch_vmm_table_is_zero(unsigned slot, vaddr_t va);

/* Gives the range holding va a private table whose every entry maps the
 * zero page read-only (the same view as before, now editable). Returns 0,
 * -E_INVAL when the range is not on the zero table, or -E_NOMEM. */
int arch_vmm_table_make_private(unsigned slot, vaddr_t va);

/* Frees the range's private table if it holds no valid entry (after
 * unmapping everything in it). Returns true if a table was freed. */
bool arch_vmm_table_release_if_empty(unsigned slot, vaddr_t va);

/* Kernel half (shared by every space; never per slot): map/unmap one page
 * at a kernel virtual address inside the ranges the layout gives the heap.
 * Kernel tables are preallocated, so these never allocate and never fail
 * for addresses in those ranges (-E_INVAL otherwise). */
int arch_vmm_kernel_map(vaddr_t va, paddr_t pa, unsigned prot);
int arch_vmm_kernel_unmap(vaddr_t va, paddr_t *old_pa);

/* Kernel virtual address of a physical frame in the kernel's direct map,
 * or NULL when the frame lies outside it. */
void *arch_vmm_phys_to_virt(paddr_t pa);

/* ------------------------------------------------------------------
 * The generic layer (mm/vmm.c).
 * ------------------------------------------------------------------ */

/* Allocates a free slot and creates its space. Returns the slot (> 0),
 * -E_AGAIN when all MAX_PROCS slots are in use, or -E_NOMEM. */
int vmm_space_create(void);
void vmm_space_destroy(unsigned slot);

/* The kernel heap's page source: maps a fresh zeroed frame at va / unmaps it
 * and frees its frame. Return 0, -E_NOMEM, or -E_INVAL. */
int vmm_kernel_page_alloc(vaddr_t va);
int vmm_kernel_page_free(vaddr_t va);

#endif
