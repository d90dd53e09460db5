/*
 * arch/arm/mm/layout.h - the ARM port's virtual address space (see
 * docs/memory-layout.md for the map). TTBCR.N = 2 splits it: TTBR0 walks
 * 0-1 GiB (user, one 4 KiB L1 table per address space), TTBR1 walks the
 * rest (the kernel, one 16 KiB L1 table shared by every space).
 * Constants only: assembly includes this file.
 */
#ifndef ARCH_ARM_MM_LAYOUT_H
#define ARCH_ARM_MM_LAYOUT_H

#define KERNEL_VIRT_BASE   0x80000000u   /* VA of physical 0: the direct map */
#define DIRECT_MAP_PHYS_END 0x3C000000u  /* RAM below the VideoCore's share (960 MiB) */

/* User space: 0 .. 1022 MiB. The tables of MiB 1020-1022 are slots 0-2
 * of the window page (region 255's page, whose slot 3 is the window table
 * itself), so the stack at the top of user space (MiB 1020-1021) costs no
 * page of L2 tables of its own. */
#define USER_END           0x3FE00000u
#define TTBR0_SPAN         0x40000000u   /* TTBCR.N = 2: TTBR0 covers 1 GiB */
#define L2_WINDOW          0x3FF00000u   /* the current space's PTE of va: L2_WINDOW + (va >> 12) * 4 */
#define L2_WINDOW_L1_INDEX 1023u         /* the L1 entry (of TTBR0's table) that maps the window */

#define KHEAP_BASE         0xC0000000u   /* kernel heap: 64 MiB, L2 tables preallocated */
#define KHEAP_END          0xC4000000u
#define L1_REGION          0xC4000000u   /* slot i's TTBR0 table at L1_REGION + i * 4096 */
#define L1_REGION_END      0xC4400000u   /* room for 1024 slots; CONFIG_MAX_PROCS uses its share */
#define META_REGION        0xC4400000u   /* slot i's region records at META_REGION + i * VMM_META_SLOT_BYTES */
#define META_REGION_END    0xEF800000u   /* 692 MiB; CONFIG_MAX_PROCS uses its share (48 MiB for 1024) */
#define KSTACK_REGION      0xEF800000u   /* kernel stacks (mm/kstack.c): 8 KiB a slot, guard page below each */
#define KSTACK_REGION_END  0xF0000000u
#define KSTACK_SLOT_GUARD  0x1000u       /* offset bit in a slot: clear in its lower page, the guard */

#define DEVICE_VIRT        0xF0000000u   /* board devices, mapped as Device memory by sections */

#define L1_SECTION_SHIFT   20
#define L2_TABLE_BYTES     1024u         /* 256 entries of 4 bytes, covering 1 MiB */
#define USER_L1_BYTES      4096u         /* 1024 entries: TTBR0 table with N = 2 */
#define KERNEL_L1_BYTES    16384u        /* 4096 entries: the full TTBR1 table */

#endif
