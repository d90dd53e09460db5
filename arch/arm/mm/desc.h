/*
 * arch/arm/mm/desc.h - ARMv7 short-descriptor translation table formats
 * (ARM ARM B3.5.1), encoded and decoded in one place. Pure inline
 * functions over 32-bit words: host-tested, and no other file shifts or
 * masks descriptor bits. TEX remap and the access flag are off (SCTLR.TRE
 * = AFE = 0): AP[2:0] are plain permissions and TEX/C/B plain attributes.
 */
#ifndef ARCH_ARM_MM_DESC_H
#define ARCH_ARM_MM_DESC_H

#include "lib/types.h"
#include "mm/vmm.h"

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
#define PTE_AP0    (1u << 4)
#define PTE_AP1    (1u << 5)
#define PTE_TEX0   (1u << 6)
#define PTE_AP2    (1u << 9)
#define PTE_S      (1u << 10)
#define PTE_NG     (1u << 11)
#define PTE_ADDR_MASK 0xfffff000u

_Static_assert((PTE_AP0 | PTE_AP1 | PTE_AP2) == 0x230u, "AP[2:0] sit at bits 9, 5, 4");

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

/* AP[2:0] (B3.7.1, table B3-8): 001 PL1 RW; 011 PL1 RW + PL0 RW;
 * 101 PL1 RO; 111 PL1 RO + PL0 RO. A read-only user page is read-only for
 * the kernel too, so kernel writes break copy-on-write like user ones. */
static inline uint32_t pte_ap_bits(unsigned prot)
{
	uint32_t ap = PTE_AP0;
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
 * user and per-space mappings are non-global (nG), tagged with the ASID. */
static inline uint32_t pte_encode(paddr_t pa, unsigned prot, bool global)
{
	uint32_t e = (pa & PTE_ADDR_MASK) | PTE_SMALL | pte_ap_bits(prot) | pte_type_bits(prot);
	if (!(prot & VMM_EXEC) || (prot & VMM_DEVICE))
		e |= PTE_XN;
	if (!global)
		e |= PTE_NG;
	return e;
}

static inline void pte_decode(uint32_t e, struct vmm_page_info *out)
{
	out->kind = pte_is_valid(e) ? VMM_PAGE_MAPPED : VMM_PAGE_UNMAPPED;
	out->pa = pte_is_valid(e) ? pte_addr(e) : 0;
	out->prot = 0;
	if (!pte_is_valid(e))
		return;
	out->prot = VMM_READ;
	if (e & PTE_AP1)
		out->prot |= VMM_USER;
	if (!(e & PTE_AP2) && (e & PTE_AP0))
		out->prot |= VMM_WRITE;
	if (!(e & PTE_XN))
		out->prot |= VMM_EXEC;
	if (!(e & (PTE_TEX0 | PTE_C)))
		out->prot |= VMM_DEVICE;
}

#endif
