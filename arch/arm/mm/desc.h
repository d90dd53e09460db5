/*
 * arch/arm/mm/desc.h - ARMv7 short-descriptor translation table formats
 * (ARM ARM B3.5.1), encoded and decoded in one place. Pure inline
 * functions over 32-bit words: host-tested, and no other file shifts or
 * masks descriptor bits. TEX remap is off (SCTLR.TRE = 0): TEX/C/B are
 * plain attributes. The access flag is on (SCTLR.AFE = 1, set by start.S
 * with the MMU; ARM ARM B3.7.3, B4.1.130): AP[0] is the access flag AF and
 * AP[2:1] give the permissions in the simplified model (B3.7.1). Swap
 * entries are this file's too: an invalid small-page word holding a slot.
 */
#ifndef ARCH_ARM_MM_DESC_H
#define ARCH_ARM_MM_DESC_H

#include "lib/types.h"
#include "mm/vmm.h"
#include "arch/arm/cpu_bits.h"

/* First level: bits [1:0] give the type. */
#define L1_TYPE_MASK   0x3u
#define L1_TYPE_FAULT  0x0u
#define L1_TYPE_TABLE  0x1u   /* points at a 1 KiB L2 table; domain 0 */
#define L1_TYPE_SECT   0x2u

/* Second level, small page (4 KiB). */
#define PTE_XN     (1u << 0)
#define PTE_SMALL  (1u << 1)
#define PTE_B      (1u << 2)
#define PTE_C      (1u << 3)
#define PTE_AF     (1u << 4)   /* AP[0] with SCTLR.AFE = 1: the access flag */
#define PTE_AP1    (1u << 5)
#define PTE_TEX0   (1u << 6)
#define PTE_AP2    (1u << 9)
#define PTE_S      (1u << 10)
#define PTE_NG     (1u << 11)
#define PTE_ADDR_MASK 0xfffff000u

_Static_assert((PTE_AF | PTE_AP1 | PTE_AP2) == 0x230u, "AP[2:0] sit at bits 9, 5, 4");

/* Sections (start.S builds them from cpu_bits.h): AP[0], the access flag,
 * is bit 10 and AP[2] bit 15. Every boot section must have AF = 1 (an
 * access-flag fault on the direct map, the image or a device could not be
 * resolved) and AP[2:1] = 00: PL1 read/write, no PL0 access (B3.7.1). */
#define L1_SECT_AF   (1u << 10)
#define L1_SECT_AP1  (1u << 11)
#define L1_SECT_AP2  (1u << 15)
_Static_assert((SECTION_KERNEL_RAM & (L1_SECT_AF | L1_SECT_AP1 | L1_SECT_AP2)) == L1_SECT_AF &&
	       (SECTION_DEVICE & (L1_SECT_AF | L1_SECT_AP1 | L1_SECT_AP2)) == L1_SECT_AF,
	       "boot sections: AF = 1, kernel read/write only");

#define L1_TABLE_PXN   (1u << 2)   /* privileged execute-never for the whole MiB */

/* A table descriptor of the kernel's own (TTBR1) table. */
static inline uint32_t l1_table_desc(paddr_t l2_table)
{
	return (l2_table & ~0x3ffu) | L1_TYPE_TABLE;
}

/* A table descriptor of a user (TTBR0) table: PXN set (B3.5.1; the
 * Cortex-A7 implements it, ID_MMFR0.VMSA = 5), so an instruction fetch at
 * PL1 from any user page is a permission fault - the kernel never runs
 * user code, whatever the page's own XN says. */
static inline uint32_t l1_user_table_desc(paddr_t l2_table)
{
	return l1_table_desc(l2_table) | L1_TABLE_PXN;
}

static inline bool l1_is_table(uint32_t e) { return (e & L1_TYPE_MASK) == L1_TYPE_TABLE; }
static inline paddr_t l1_table_addr(uint32_t e) { return e & ~0x3ffu; }

static inline bool pte_is_valid(uint32_t e) { return (e & PTE_SMALL) != 0; }
static inline paddr_t pte_addr(uint32_t e) { return e & PTE_ADDR_MASK; }
static inline bool pte_accessed(uint32_t e) { return (e & PTE_AF) != 0; }

/* Swap entries. A small-page word with bits[1:0] = 00 is a translation
 * fault and the walker ignores its other bits (B3.5.1), so a swap entry is
 * the slot in bits [31:12] over a marker in bits [11:0] whose bits[1:0]
 * are 00. The only other invalid word the backend writes is 0, which the
 * marker tells apart (and slots start at 1), so every non-zero word of a
 * user table is in use: a valid entry or a swap entry (PTE_IN_USE, the
 * mask occupancy searches use). */
#define PTE_SWAP_MARK  0x5a4u
#define PTE_SWAP_SHIFT 12
#define PTE_IN_USE     0xffffffffu
_Static_assert((PTE_SWAP_MARK & 0x3u) == 0, "a swap entry must be a translation fault");
_Static_assert(VMM_SWAP_SLOT_MAX <= (0xffffffffu >> PTE_SWAP_SHIFT), "slots fit bits [31:12]");

static inline uint32_t pte_swap_encode(uint32_t slot) { return slot << PTE_SWAP_SHIFT | PTE_SWAP_MARK; }
static inline bool pte_is_swap(uint32_t e) { return (e & 0xfffu) == PTE_SWAP_MARK; }
static inline uint32_t pte_swap_slot(uint32_t e) { return e >> PTE_SWAP_SHIFT; }

/* AP[2:1] in the simplified model (B3.7.1, table B3-9): 00 PL1 RW;
 * 01 PL1 RW + PL0 RW; 10 PL1 RO; 11 PL1 RO + PL0 RO - the same rights the
 * AFE = 0 encodings 001/011/101/111 gave, now with AP[0] = AF. A read-only
 * user page is read-only for the kernel too, so kernel writes break
 * copy-on-write like user ones. */
static inline uint32_t pte_ap_bits(unsigned prot)
{
	uint32_t ap = 0;
	if (prot & VMM_USER)
		ap |= PTE_AP1;
	if (!(prot & VMM_WRITE))
		ap |= PTE_AP2;
	return ap;
}

/* Memory type (B3.8.2, table B3-10): Normal write-back write-allocate is
 * TEX=001 C=1 B=1; Shareable Device is TEX=000 C=0 B=1. */
static inline uint32_t pte_type_bits(unsigned prot)
{
	return (prot & VMM_DEVICE) ? PTE_B : (PTE_TEX0 | PTE_C | PTE_B);
}

/* A small-page descriptor. global: a kernel mapping shared by every ASID;
 * user and per-space mappings are non-global (nG), tagged with the ASID.
 * AF = 1: a kernel page must never take an access-flag fault, and a user
 * page is mapped because it is being used (a fault, exec, fork's copy). */
static inline uint32_t pte_encode(paddr_t pa, unsigned prot, bool global)
{
	uint32_t e = (pa & PTE_ADDR_MASK) | PTE_SMALL | PTE_AF | pte_ap_bits(prot) | pte_type_bits(prot);
	if (!(prot & VMM_EXEC) || (prot & VMM_DEVICE))
		e |= PTE_XN;
	if (!global)
		e |= PTE_NG;
	return e;
}

/* The access flag is no right: a valid entry decodes the same with AF = 0. */
static inline void pte_decode(uint32_t e, struct vmm_page_info *out)
{
	if (!pte_is_valid(e)) {
		bool swap = pte_is_swap(e);
		*out = (struct vmm_page_info){ swap ? VMM_PAGE_SWAPPED : VMM_PAGE_UNMAPPED, 0, 0,
					       swap ? pte_swap_slot(e) : 0 };
		return;
	}
	out->kind = VMM_PAGE_MAPPED;
	out->pa = pte_addr(e);
	out->swap_slot = 0;
	out->prot = VMM_READ;
	if (e & PTE_AP1)
		out->prot |= VMM_USER;
	if (!(e & PTE_AP2))
		out->prot |= VMM_WRITE;
	if (!(e & PTE_XN))
		out->prot |= VMM_EXEC;
	if (!(e & (PTE_TEX0 | PTE_C)))
		out->prot |= VMM_DEVICE;
}

#endif
