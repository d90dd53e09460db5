/*
 * arch/x86/mm/layout.h - the x86 port's virtual address space (two-level
 * 32-bit paging, 4 KiB pages, no PAE; docs/memory-layout.md has the map).
 * Constants only: entry.S includes this file (kernel.ld repeats
 * KERNEL_VIRT_BASE and KERNEL_LOAD_PHYS); init.c asserts they fit together.
 *
 *   0x00000000 - 0xBFFFFFFF  user space (PDEs 0-767, one set per space)
 *   0xC0000000 - 0xF7FFFFFF  direct map of RAM 0 - DIRECT_MAP_PHYS_END
 *   0xF8000000 - 0xFB7FFFFF  kernel heap                     } PDEs 768-1021:
 *   0xFB800000 - 0xFBFFFFFF  kernel stacks + guard pages     }
 *   0xFC000000 - 0xFC3FFFFF  page-directory region (slots)   } shared, never change
 *   0xFC400000 - 0xFF7FFFFF  VMM metadata windows (slots)    }
 *   0xFF800000 - 0xFFBFFFFF  alternate window (PDE 1022, per directory)
 *   0xFFC00000 - 0xFFFFFFFF  recursive window (PDE 1023 = the directory itself)
 */
#ifndef ARCH_X86_MM_LAYOUT_H
#define ARCH_X86_MM_LAYOUT_H

/* Kernel image: linked at KERNEL_VIRT_BASE + KERNEL_LOAD_PHYS, loaded at
 * KERNEL_LOAD_PHYS; the direct map shows it at its link address. */
#define KERNEL_VIRT_BASE    0xC0000000u   /* VA of physical 0: the direct map starts here */
#define KERNEL_LOAD_PHYS    0x00100000u   /* 1 MiB: above the real-mode area and ISA hole */

/* RAM below this is mapped at KERNEL_VIRT_BASE + pa with 4 MiB global
 * pages from entry.S on (896 MiB, as Linux's lowmem: what is left of the
 * top GiB after heap, region and windows). RAM above is not given to the
 * PMM (mm/boot_mem.c clips to arch_vmm_direct_map_end). Multiple of 4 MiB. */
#define DIRECT_MAP_PHYS_END 0x38000000u
#define USER_END            0xC0000000u   /* user space: 0 .. 3 GiB (PDEs 0-767) */
#define TABLE_SPAN          0x00400000u   /* VA one page table (one PDE) covers */

/* Kernel heap: 56 MiB, its 14 page tables preallocated at boot so every
 * directory shares them (kernel mappings never need syncing). */
#define KHEAP_BASE          0xF8000000u
#define KHEAP_END           0xFB800000u

/* Kernel stacks (mm/kstack.c): 8 KiB a slot, a guard page below each
 * stack page; tables preallocated as the heap's. */
#define KSTACK_REGION       0xFB800000u
#define KSTACK_REGION_END   0xFC000000u

/* Slot i's page directory, mapped for good at PD_REGION + i * 4096 (one
 * preallocated page table per 1024 slots, the most it holds); init.c
 * asserts CONFIG_MAX_PROCS fits. */
#define PD_REGION           0xFC000000u
#define PD_REGION_END       0xFC400000u

/* Slot i's region records (mm/vmm_region.c) at META_REGION + i *
 * VMM_META_SLOT_BYTES (48 KiB for 4096 regions: 48 MiB for 1024 slots),
 * page tables preallocated for the part CONFIG_MAX_PROCS uses. */
#define META_REGION         0xFC400000u
#define META_REGION_END     0xFF800000u

/* The alternate recursive slot: PDE 1022 of the *current* directory may
 * point at another space's directory, whose page tables then appear at
 * ALT_PT_BASE (the PTE of va at ALT_PT_BASE + (va >> 12) * 4). Its
 * directory shows where that directory's own PDE 1023 (self) leads:
 * ALT_PD = ALT_PT_BASE + 1023 * 4096 (and also at 0xFFFFE000, the current
 * space's PDE 1022 seen through the recursive window). */
#define ALT_PDE             1022u
#define ALT_PT_BASE         0xFF800000u
#define ALT_PD              0xFFBFF000u

/* The recursive slot: PDE 1023 of every directory points at itself, so
 * the current space's page tables appear at SELF_PT_BASE (PTE of va at
 * SELF_PT_BASE + (va >> 12) * 4) and its directory at SELF_PD (PDE of va at
 * SELF_PD + (va >> 22) * 4). */
#define SELF_PDE            1023u
#define SELF_PT_BASE        0xFFC00000u
#define SELF_PD             0xFFFFF000u

/* Identity-mapped only while entry.S turns paging on (the instructions
 * right after the CR0 write still run at their physical address);
 * arch_vmm_init removes it. kernel.ld checks the image ends below it. */
#define BOOT_IDENTITY_BYTES 0x00400000u

#endif
