/*
 * arch/x86/mm/layout.h - the x86 port's virtual address space (two-level
 * 32-bit paging, 4 KiB pages, no PAE; docs/memory-layout.md has the map).
 * Constants only: assembly includes this file.
 */
#ifndef ARCH_X86_MM_LAYOUT_H
#define ARCH_X86_MM_LAYOUT_H

#define KERNEL_VIRT_BASE    0xC0000000u   /* VA of physical 0: the direct map */
#define DIRECT_MAP_PHYS_END 0x38000000u   /* 896 MiB of RAM, mapped with 4 MiB global pages */
#define USER_END            0xC0000000u   /* user space: 0 .. 3 GiB */

#define KHEAP_BASE          0xF8000000u   /* kernel heap: 64 MiB, page tables preallocated */
#define KHEAP_END           0xFC000000u
#define PD_REGION           0xFC000000u   /* slot i's page directory at PD_REGION + i * 4096 */
#define PD_REGION_END       0xFF800000u

#define ALT_PDE             1022u         /* alternate recursive slot: another space's tables */
#define ALT_PT_BASE         0xFF800000u   /*   its page tables; its directory at ALT_PD */
#define ALT_PD              0xFFBFE000u
#define SELF_PDE            1023u         /* recursive slot: the current space's tables */
#define SELF_PT_BASE        0xFFC00000u   /*   PTE of va at SELF_PT_BASE + (va >> 12) * 4 */
#define SELF_PD             0xFFFFF000u   /*   PDE of va at SELF_PD + (va >> 22) * 4 */

#define BOOT_IDENTITY_BYTES 0x00400000u   /* identity-mapped only while paging is turned on */

#endif
