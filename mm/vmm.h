/*
 * mm/vmm.h - the architecture-neutral VMM contract. Generic code (mm/,
 * kernel/) speaks only these types and calls; each port implements the
 * arch_vmm_* block in arch/<a>/mm under the same names (chosen at link
 * time). Descriptor formats never leave arch/. Nothing declared here may
 * call the kernel heap: the heap is built on top of it.
 */
#ifndef MM_VMM_H
#define MM_VMM_H

#include "lib/types.h"
#include "lib/config.h"

typedef uintptr_t vaddr_t;

/* Protection bits for a mapping. Without VMM_USER a mapping is kernel-only. */
#define VMM_READ   0x01u
#define VMM_WRITE  0x02u
#define VMM_EXEC   0x04u
#define VMM_USER   0x08u
#define VMM_DEVICE 0x10u   /* device memory: uncached, no speculation */

/* What a faulting access was (decoded by the arch fault handler). */
enum vmm_access { VMM_ACCESS_READ, VMM_ACCESS_WRITE, VMM_ACCESS_EXEC };

/* Address-space slots. Slot i's top-level table lives permanently at
 * arch_vmm_top_table(i), i.e. REGION + i * 4096, so any space's top table
 * is reachable without mapping anything; the region's size is the hard
 * process limit CONFIG_MAX_PROCS. Slot 0 is the kernel's own space (the one
 * running at boot and when no process is current); it is never destroyed. */
#define VMM_SLOT_KERNEL 0u

/* What one user page currently is, as the hardware sees it. */
enum vmm_page_kind {
	VMM_PAGE_UNMAPPED = 0,   /* no valid entry */
	VMM_PAGE_MAPPED,         /* a valid entry in a private table */
	VMM_PAGE_ZERO_TABLE,     /* the zero page, read-only, through the shared zero table */
	VMM_PAGE_SWAPPED,        /* an entry invalid for the hardware that holds a swap
				    slot (info.swap_slot): the page is on the swap area */
};

/* What a table-sized range currently has (see arch_vmm_table_span). */
enum vmm_table_kind {
	VMM_TABLE_NONE = 0,      /* no table: every page unmapped */
	VMM_TABLE_ZERO,          /* the shared read-only zero table */
	VMM_TABLE_PRIVATE,       /* a table of its own */
};

struct vmm_page_info {
	enum vmm_page_kind kind;
	paddr_t pa;              /* frame mapped (unless UNMAPPED) */
	unsigned prot;           /* VMM_* bits the entry grants */
	uint32_t swap_slot;      /* SWAPPED only: the slot (1..VMM_SWAP_SLOT_MAX) */
};

/* The highest swap slot an entry can hold (both ports have room for at
 * least 20 bits in an invalid descriptor: 4 GiB of swap). */
#define VMM_SWAP_SLOT_MAX 0xFFFFFu

/* ==================================================================
 * The arch block (arch/<a>/mm/). Common rules, unless stated otherwise:
 *  - slot is a created space; va is page-aligned and below
 *    arch_vmm_user_end (user space) - kernel addresses use arch_vmm_kernel_*;
 *  - no call allocates from the kernel heap; tables come from the PMM;
 *  - every call works on any slot, current or not, in O(1) (a table's
 *    worth of entries at most), reaching the tables without mapping them;
 *  - TLB: on return no TLB holds an entry the call removed or weakened
 *    (the backend flushes: x86 invlpg when slot is current, ARM by MVA+ASID;
 *    strengthening a mapping may leave a stale entry that faults once and
 *    is resolved by the fault handler).
 *  - Swap entries (VMM_PAGE_SWAPPED) are the backend's encoding of a slot
 *    number in an invalid descriptor; generic code never sees the bits.
 *    They count as "not UNMAPPED" everywhere (next_mapped finds them, a
 *    table holding one is not empty). Every call that removes one
 *    (arch_vmm_unmap, table_unmap_release, space_destroy's remains) drops
 *    its slot reference through vmm_swap_entry_drop (mm/swap.h); fork's
 *    table_share_cow copies them into the child with vmm_swap_entry_dup.
 *    arch_vmm_map may replace one: its reference is then the caller's
 *    (the swap-in path drops it itself). protect and
 *    test_clear_accessed treat them as not mapped.
 * ================================================================== */

/* Layout facts, fixed at build time by the port. */
extern const vaddr_t arch_vmm_user_end;     /* first address above user space */
extern const vaddr_t arch_vmm_table_span;   /* VA one second-level table covers */
extern const vaddr_t arch_vmm_heap_base;    /* the kernel heap's virtual range */
extern const vaddr_t arch_vmm_heap_end;
extern const paddr_t arch_vmm_direct_map_end;   /* RAM below this is in the direct map */

/* The VMM's own metadata (mm/vmm_region.c's records): slot i's window is
 * the VMM_META_SLOT_BYTES at arch_vmm_meta_base + i * VMM_META_SLOT_BYTES,
 * for every slot below CONFIG_MAX_PROCS. The port places the range in the
 * kernel half and preallocates its tables at boot, like the heap's, so
 * arch_vmm_kernel_map/unmap there never allocate and cannot fail. */
#define VMM_REGION_RECORD_BYTES 12u
#define VMM_META_SLOT_BYTES ALIGN_UP(CONFIG_MAX_REGIONS * VMM_REGION_RECORD_BYTES, PAGE_SIZE)
#define VMM_META_BYTES ((vaddr_t)CONFIG_MAX_PROCS * VMM_META_SLOT_BYTES)
extern const vaddr_t arch_vmm_meta_base;

/* Kernel stacks (mm/kstack.c): stack i is the page at arch_vmm_kstack_base
 * + i * VMM_KSTACK_STRIDE + PAGE_SIZE, for i below CONFIG_MAX_PROCS, and
 * the page below each is its guard. The port preallocates the range's
 * tables at boot; arch_vmm_kernel_map/unmap accept the stack pages there
 * and refuse the guard pages (-E_INVAL), which are never mapped. */
#define VMM_KSTACK_STRIDE (2u * PAGE_SIZE)
#define VMM_KSTACK_BYTES ((vaddr_t)CONFIG_MAX_PROCS * VMM_KSTACK_STRIDE)
extern const vaddr_t arch_vmm_kstack_base;

/* Boot: builds the final kernel half (shared by every space: direct map,
 * heap tables preallocated, the top-table region, the table windows),
 * drops the boot identity mapping, and makes slot 0 current. zero_page is
 * a zeroed frame; the backend builds the shared zero table from it.
 * Panics on failure (nothing could run without it). */
void arch_vmm_init(paddr_t zero_page);

/* Kernel virtual address of a frame in the direct map (valid from the
 * first C instruction on), or NULL for a frame outside it; and back. */
void *arch_vmm_phys_to_virt(paddr_t pa);
paddr_t arch_vmm_virt_to_phys(const void *kernel_va);

/* Allocates slot's top-level table at its permanent place with an empty
 * user part and the shared kernel part. Returns 0 or -E_NOMEM. The slot
 * number is the caller's choice (mm/vmm.c owns the slot bitmap). */
int arch_vmm_space_create(unsigned slot);

/* Frees every user table of slot and its top-level table. Precondition:
 * slot is not current and not 0. The frames the entries point at are the
 * caller's business (it must have released them first). Leaves no TLB
 * entry of the space behind (ARM: the ASID is retired or flushed). */
void arch_vmm_space_destroy(unsigned slot);

/* The space will not run again (its process is exiting): if it is
 * current, the kernel's space (slot 0) becomes current, and every
 * translation of slot a TLB may hold is dropped now, at once (x86: the CR3
 * load; ARM: TLBIASID, and the ASID is retired). Tearing the space down
 * afterwards then frees its frames with no TLB maintenance at all. The
 * tables stay until arch_vmm_space_destroy. */
void arch_vmm_space_retire(unsigned slot);

/* Makes slot the current address space (x86: CR3; ARM: TTBR0 + ASID). */
void arch_vmm_space_activate(unsigned slot);
unsigned arch_vmm_space_current(void);

/* Maps va -> pa with prot in slot, allocating a table from the PMM if the
 * range has none; a range on the zero table first gets a private copy
 * (as arch_vmm_table_make_private). Replacing a valid entry is allowed
 * (ARM: break-before-make). Returns 0, or -E_NOMEM when no frame is left
 * for a table (nothing changed then). */
int arch_vmm_map(unsigned slot, vaddr_t va, paddr_t pa, unsigned prot);

/* Removes the mapping at va and stores the frame it mapped in *old_pa
 * (may be NULL). Returns 0, -E_NOENT when nothing is mapped, or -E_PERM
 * when va is on the zero table (make the table private first). The table
 * stays, even if now empty (see arch_vmm_table_release_if_empty). */
int arch_vmm_unmap(unsigned slot, vaddr_t va, paddr_t *old_pa);

/* Swap-out: replaces the valid entry at va by a swap entry holding
 * swap_slot (1..VMM_SWAP_SLOT_MAX), so any access faults and query
 * reports SWAPPED. The frame it mapped goes to *old_pa with its reference
 * (the caller's now: nothing is dropped here). The TLB entry is removed
 * before return. Returns 0, -E_NOENT (no valid entry), -E_PERM (the zero
 * table), -E_INVAL (a slot out of range). */
int arch_vmm_set_swapped(unsigned slot, vaddr_t va, uint32_t swap_slot, paddr_t *old_pa);

/* The accessed bit of the valid entry at va (the clock's second chance):
 * whether the page was read, written or fetched since it was mapped or
 * since the last call, and clears it, the TLB entry removed so the next
 * access sets it again (a fresh mapping may count as accessed: ARM maps
 * with the flag set). x86: PTE.A (set by the walker, SDM 4.8). ARM:
 * the access flag AP[0] with SCTLR.AFE = 1 (ARM ARM B3.7.3); the
 * Cortex-A7 has no hardware management of it, so the access-flag fault
 * sets it (arch/arm/trap.c). false for anything but a valid entry. */
bool arch_vmm_test_clear_accessed(unsigned slot, vaddr_t va);

/* Sets the protection of the existing mapping at va. Returns 0, -E_NOENT,
 * or -E_PERM for a zero-table page. */
int arch_vmm_protect(unsigned slot, vaddr_t va, unsigned prot);

/* Reads what va is in slot. Never fails: UNMAPPED when there is nothing. */
void arch_vmm_query(unsigned slot, vaddr_t va, struct vmm_page_info *out);

/* The lowest page address in [va, end) that is not UNMAPPED in slot (a
 * zero-table page counts), or end. Ranges without a table are skipped a
 * table at a time and empty entries a word at a time: what teardown, fork
 * and statistics use instead of querying every page. va page aligned. */
vaddr_t arch_vmm_next_mapped(unsigned slot, vaddr_t va, vaddr_t end);

/* fork's fast path, one table at a time: gives child a private table for
 * the range holding va with the same valid entries as parent's, write
 * permission removed in both, and one more reference (pmm_ref_frame) on
 * every RAM frame mapped there except skip (the zero page); swap entries
 * are copied with vmm_swap_entry_dup. Precondition: parent has a private
 * table there, child has none. The parent's weakened entries leave its
 * TLB. Returns 0 or -E_NOMEM (no table, or a slot count that would
 * overflow): the child has no table there and every count is as before;
 * parent entries may stay read-only (a write fault gives the right back:
 * sole owner, no copy). */
int arch_vmm_table_share_cow(unsigned parent, unsigned child, vaddr_t va, paddr_t skip);

/* exit's and munmap's fast path: removes every valid entry of [va, end)
 * (inside one table) and drops one reference (pmm_unref_frame) on every RAM
 * frame they mapped except skip. The entries leave the TLB; the table stays
 * (see arch_vmm_table_release_if_empty). */
void arch_vmm_table_unmap_release(unsigned slot, vaddr_t va, vaddr_t end, paddr_t skip);

/* What the table-span-aligned range holding va has. */
enum vmm_table_kind arch_vmm_table_kind(unsigned slot, vaddr_t va);

/* Points the range starting at va (which must be table-span aligned:
 * -E_INVAL otherwise) at the shared zero table: every page then reads as
 * zeros and faults on write. Precondition: the range has no table,
 * or a private table with no valid entry (which is then freed). Returns 0,
 * or -E_INVAL if the range still has mappings. */
int arch_vmm_table_set_zero(unsigned slot, vaddr_t va);

/* Gives the range holding va, now on the zero table, a private table whose
 * every entry maps the zero page read-only: the same view, now editable.
 * Returns 0, -E_INVAL when the range is not on the zero table, or -E_NOMEM. */
int arch_vmm_table_make_private(unsigned slot, vaddr_t va);

/* Removes the range's table when it holds nothing of its own: a private
 * table with no valid entry (freed), or the shared zero table (the range
 * becomes unmapped). Returns true if a table was removed. */
bool arch_vmm_table_release_if_empty(unsigned slot, vaddr_t va);

/* Kernel half, shared by every space. Only for addresses in the heap
 * range, the top-table region, the metadata range and the kernel stacks'
 * pages, whose tables exist
 * from boot: these never allocate a table and cannot fail for such
 * addresses (-E_INVAL otherwise; kernel_unmap also -E_NOENT). Mappings are global: the TLB entry is flushed on unmap. */
int arch_vmm_kernel_map(vaddr_t va, paddr_t pa, unsigned prot);
int arch_vmm_kernel_unmap(vaddr_t va, paddr_t *old_pa);

/* Drops the TLB entry of va / every TLB entry of slot's user half (x86:
 * invlpg or a CR3 reload when slot is current, nothing otherwise; ARM: by
 * MVA+ASID / by ASID). For faults that find the entry already right. */
void arch_vmm_flush_page(unsigned slot, vaddr_t va);
void arch_vmm_flush_space(unsigned slot);

/* Test and inspection hooks: the raw descriptor of va in the *current*
 * space, read through the port's table window (x86: the recursive mapping
 * at 0xFFC00000; ARM: the L2 window), and its decoding. Return false when
 * the range has no private table there (none, or the shared zero table,
 * whose entries belong to no space). */
bool arch_vmm_window_entry(vaddr_t va, uint32_t *raw);
void arch_vmm_entry_decode(uint32_t raw, struct vmm_page_info *out);

/* ==================================================================
 * The generic layer (mm/vmm.c).
 * ================================================================== */

/* Boot: allocates the zero page and starts the backend. */
void vmm_init(void);

/* The shared zero page (a frame of zeros, mapped read-only everywhere). */
extern paddr_t vmm_zero_page_pa;   /* vmm.c's, set once at boot */
static inline paddr_t vmm_zero_page(void) { return vmm_zero_page_pa; }

/* Takes a free slot and creates its space. Returns the slot (> 0),
 * -E_AGAIN when all CONFIG_MAX_PROCS slots are in use, or -E_NOMEM. */
int vmm_space_create(void);

/* Releases every user page of slot (dropping one reference on each frame;
 * the zero page is never touched) and the space itself. slot must not be
 * current. Returns 0 or -E_INVAL for a bad or free slot. */
int vmm_space_destroy(unsigned slot);

/* Number of slots in use (slot 0 included). */
unsigned vmm_slots_in_use(void);

/* Whether slot holds a created space (reclaim's clock walks them). */
bool vmm_slot_live(unsigned slot);

/* ---- The lies (mm/vmm_anon.c, mm/vmm_fault.c, mm/vmm_fork.c) ---- */

/* Fresh anonymous memory at [start, start + len) (page aligned) in slot,
 * with prot: a region, and no RAM at all - whole table-sized ranges point at
 * the shared zero table, the rest stays unmapped until touched (a read then
 * maps the zero page). Returns 0, or the errors of vmm_region_add. */
int vmm_map_anon(unsigned slot, vaddr_t start, size_t len, unsigned prot);

/* Removes [start, start + len): every frame mapped there loses a
 * reference, tables left empty are freed, the region goes (a range with no
 * region: nothing to do). Returns 0, -E_INVAL (unaligned, or len 0), or
 * -E_NOMEM (splitting a region or a zero table found no room); on an error
 * nothing has changed. */
int vmm_unmap_range(unsigned slot, vaddr_t start, size_t len);

/* Removes every page mapped in [start, end) (page aligned, no span of it
 * partly on the zero table), dropping the frames' references; the regions
 * stay (truncation of a mapped file). Cannot fail. */
void vmm_unmap_pages(unsigned slot, vaddr_t start, vaddr_t end);

/* Sets the protection of [start, start + len), which must lie inside one
 * region of slot: the region's rights and every page mapped there (a page
 * still on the zero page stays read-only). Returns 0, -E_INVAL, or
 * -E_NOMEM (cutting the region found no room; nothing changed). */
int vmm_protect_range(unsigned slot, vaddr_t start, size_t len, unsigned prot);

/* The one fault path of both ports: the arch handler decodes the hardware
 * report into (addr, access, from user mode) and calls this for addresses
 * below arch_vmm_user_end, in the current space. Resolves the lies:
 * read of fresh memory -> zero page; write to the zero page or zero table
 * -> a zeroed frame of its own (allocate-on-write); write to a shared
 * copy-on-write frame -> a copy, or the frame itself made writable when
 * this space is its only owner; fetch from fresh memory in an executable
 * region -> the zero page, executable. Returns 0 (retry the access),
 * -E_FAULT (no region there), -E_PERM (the region forbids the access:
 * reads of a region without VMM_READ too), -E_NOMEM (no frame left: the
 * caller kills the faulting process), or -E_AGAIN (the same fault a third
 * time in a row with nothing left to change, even after a full TLB flush:
 * a livelock refused, the caller kills the process). A file region
 * (mm/vmm_file.h) gets its pages from the page cache and may also return
 * -E_RANGE (a page wholly past the end of the file: the process is killed,
 * SIGBUS-like) or -E_IO (the file could not be read). */
int vmm_fault(vaddr_t addr, enum vmm_access access, bool user);

/* Forgets slot's record of repeated stale-TLB faults (a new space). */
void vmm_fault_forget(unsigned slot);

/* Whether regions of slot cover all of [va, va + n) and allow access there,
 * without touching a page: 0, -E_FAULT (a hole) or -E_PERM. The range must
 * not wrap (the caller checks bounds). O(regions crossed). */
int vmm_range_allows(unsigned slot, vaddr_t va, size_t n, enum vmm_access access);

/* A copy of slot's address space for fork(): tables are copied, frames
 * shared read-only with one more reference each (writable ones become
 * read-only in the parent too), zero-page and zero-table mappings stay
 * shared. Returns the child's slot, -E_AGAIN (no slot), or -E_NOMEM. */
int vmm_space_fork(unsigned parent);

/* What the lies currently save, for inspection (meminfo, tests). */
struct vmm_lie_stats {
	uint32_t zero_table_ranges;   /* table-sized ranges on the shared zero table */
	uint32_t zero_page_maps;      /* pages mapping the zero page from a private table */
	uint32_t private_frames;      /* pages mapping a frame with one owner */
	uint32_t shared_frames;       /* pages mapping a frame with more than one owner (COW) */
};
void vmm_lie_stats(unsigned slot, struct vmm_lie_stats *out);

/* The kernel heap's page source: maps a fresh zeroed frame at va, or
 * unmaps va and frees its frame. Return 0, -E_NOMEM, or -E_INVAL. */
int vmm_kernel_page_alloc(vaddr_t va);
int vmm_kernel_page_free(vaddr_t va);

#endif
