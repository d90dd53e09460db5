/*
 * arch/arm/boot/start.S - the first instructions on every core. Parks
 * cores 1-3 (board_core_park), keeps the boot loader's r0-r2, leaves HYP mode, makes sure
 * the MMU and caches are off, clears .bss, builds the boot translation
 * table, turns the MMU and caches on, continues at the kernel's virtual
 * address (KERNEL_VIRT_BASE + physical), gives each exception mode a
 * stack, installs the vectors and calls arm_boot_main(r0, r1, r2, mode).
 * Until the MMU is on this code runs at its physical address (the image is
 * linked high): it uses only PC-relative branches and converts every
 * symbol address with KERNEL_VIRT_BASE by hand.
 * Entry can be: Secure SVC (QEMU ELF boot, all cores at once), Non-secure
 * SVC (QEMU uImage/raw boot), or Non-secure HYP (Pi firmware, U-Boot).
 */
#include "arch/arm/cpu_bits.h"
#include "arch/arm/hyp_vector_table.h"
#include "arch/arm/mm/layout.h"
#include "board.h"

#define STACK_SIZE      8192    /* SVC: the kernel stack */
#define EXC_STACK_SIZE  1024    /* IRQ, UND, FIQ: the entry stubs move to SVC at once */
#define ABT_STACK_SIZE  4096    /* ABT: the stubs use its SP as scratch; the stack is where a kernel
				   stack overflow is reported from (vectors.S, TPIDRPRW) */

	.arm
	.section .text.boot, "ax"
	.globl _start
_start:
	/* Interrupts off before anything else (they are on in no entry state
	 * we know, but nothing here could take one). */
	cpsid	aif

	/* Cores 1-3 wait for later SMP work. With an ELF boot all four cores
	 * arrive here at once; with the firmware or QEMU's stub only core 0,
	 * and arm_boot_main moves the others to the same place. The board's
	 * park sleeps in wfi until an IPI (a bare spin or a wfe loop burns a
	 * host core under QEMU and stalls -icount; platform-facts-2.md 4). */
	mrc	p15, 0, r4, c0, c0, 5           /* MPIDR */
	ands	r4, r4, #3
	bne	board_core_park

	mrs	r4, cpsr
	and	r4, r4, #PSR_MODE_MASK          /* r4: the mode we were entered in */
	cmp	r4, #PSR_MODE_HYP
	bleq	leave_hyp
	cps	#PSR_MODE_SVC

	mov	r6, #KERNEL_VIRT_BASE           /* setup_stacks: physical addresses for now */
	bl	setup_stacks
	bl	caches_and_mmu_off

	/* Clear .bss (physical addresses) before the tables in it are built. */
	ldr	r5, =__bss_start
	ldr	r6, =__bss_end
	sub	r5, r5, #KERNEL_VIRT_BASE
	sub	r6, r6, #KERNEL_VIRT_BASE
	mov	r7, #0
1:	cmp	r5, r6
	strlo	r7, [r5], #4
	blo	1b

	bl	actlr_smp_on                    /* before caches and MMU (A7 TRM 4.3.31) */
	bl	build_boot_table
	bl	mmu_on
	ldr	r5, =virtual_entry
	bx	r5                              /* from here on: virtual addresses */

virtual_entry:
	mov	r6, #0
	bl	setup_stacks
	/* Vectors: SCTLR.V = 0 selects VBAR (ARM ARM B4.1.156) rather than
	 * the fixed high vectors at 0xFFFF0000. */
	ldr	r5, =arm_vectors
	mcr	p15, 0, r5, c12, c0, 0          /* VBAR */
	mrc	p15, 0, r5, c1, c0, 0
	bic	r5, r5, #SCTLR_V
	mcr	p15, 0, r5, c1, c0, 0
	isb

	mov	r3, r4
	bl	arm_boot_main                   /* (r0, r1, r2 from the loader, entry mode) */
1:	wfi                                     /* (arm_boot_main never returns) */
	b	1b

/*
 * HYP -> SVC, as the firmware and U-Boot enter the kernel (ARM ARM B1.8,
 * "Hyp mode"). Before leaving: let PL1 use the physical counter and timer
 * (CNTHCTL.PL1PCTEN/PL1PCEN, B4.1.26) and zero the virtual offset
 * (CNTVOFF, writable only from HYP) so the virtual timer counts like the
 * physical one. Then exception-return into SVC with interrupts masked:
 * SPSR via msr spsr_cxsf and ELR_hyp via msr elr_hyp (the spsr_hyp form
 * hung under QEMU; platform-facts.md). Preserves r0-r4.
 */
leave_hyp:
	mov	r7, lr
	/* A loader running in HYP (U-Boot) owns HYP's own MMU and caches
	 * (HSCTLR, B4.1.67). bootm turns them off before jumping; if they are
	 * still on, dirty lines would be lost once we run uncached in SVC, so
	 * clean the D-cache first (it needs the loader's HYP stack, which is
	 * valid whenever its caches are on), then turn HYP's MMU and caches
	 * off. caches_and_mmu_off deals with the PL1 side afterwards. */
	mrc	p15, 4, r5, c1, c0, 0           /* HSCTLR */
	tst	r5, #SCTLR_C
	blne	dcache_clean_invalidate_all
	mrc	p15, 4, r5, c1, c0, 0
	bic	r5, r5, #(SCTLR_M | SCTLR_C)
	bic	r5, r5, #SCTLR_I                /* (same bit positions in HSCTLR) */
	mcr	p15, 4, r5, c1, c0, 0
	isb
	mov	r5, #(CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN)
	mcr	p15, 4, r5, c14, c1, 0          /* CNTHCTL */
	mov	r5, #0
	mov	r6, #0
	mcrr	p15, 4, r5, r6, c14             /* CNTVOFF */
	mov	r5, #0
	mcr	p15, 4, r5, c1, c1, 0           /* HCR = 0: no traps to HYP */
	/* Whatever the loader left in the other trap registers (B1.8, B4.1.72
	 * HSTR: CP15 accesses by primary register; B4.1.74 HCPTR: coprocessor
	 * and trace accesses; B4.1.71 HDCR: PMU and debug accesses) would send
	 * a PL1 access to HYP, where nothing handles it. */
	mcr	p15, 4, r5, c1, c1, 3           /* HSTR = 0 */
	mrc	p15, 4, r5, c1, c1, 2
	ldr	r6, =HCPTR_TRAPS
	bic	r5, r5, r6                      /* (other bits: RAO for absent coprocessors) */
	mcr	p15, 4, r5, c1, c1, 2           /* HCPTR */
	mrc	p15, 0, r5, c9, c12, 0          /* PMCR: N, the event counters, in [15:11] */
	ubfx	r5, r5, #11, #5
	mcr	p15, 4, r5, c1, c1, 1           /* HDCR = HPMN: all counters to PL1, no traps */
	/* Anything that still reaches HYP is reported, not a silent hang: HYP
	 * runs with its MMU off, so HVBAR is physical (B4.1.83). */
	adr	r5, hyp_report_vectors          /* running at the physical address */
	mcr	p15, 4, r5, c12, c0, 0          /* HVBAR */
	isb
	mov	r5, #(PSR_MODE_SVC | PSR_A | PSR_I | PSR_F)
	msr	spsr_cxsf, r5
	msr	elr_hyp, r7
	eret

/*
 * ACTLR.SMP on, as the Cortex-A7 TRM (4.3.31) requires before caches and
 * MMU are enabled, where this core may: always in Secure state, in
 * Non-secure state only if NSACR.NS_SMP (B4.1.111) lets it; otherwise the
 * bit is read-only and a write is ignored or UNDEFINED (so, like Linux,
 * write only if it is clear). An UNDEFINED write lands in probe_vectors
 * (VBAR, physical: MMU off), which sets r12 and skips it. The outcome
 * goes to arm_boot_actlr_state for arm_boot_main to report. MMU and
 * caches off, .bss cleared; preserves r0-r4.
 */
actlr_smp_on:
	mrc	p15, 0, r5, c1, c0, 1           /* ACTLR */
	mov	r7, #ACTLR_STATE_WAS_SET
	tst	r5, #ACTLR_SMP
	bne	1f
	adr	r6, probe_vectors
	mcr	p15, 0, r6, c12, c0, 0          /* VBAR */
	isb
	mov	r12, #0
	orr	r5, r5, #ACTLR_SMP
	mcr	p15, 0, r5, c1, c0, 1
	isb
	mrc	p15, 0, r5, c1, c0, 1
	mov	r7, #ACTLR_STATE_SET
	tst	r5, #ACTLR_SMP
	moveq	r7, #ACTLR_STATE_IGNORED
	cmp	r12, #0
	movne	r7, #ACTLR_STATE_UNDEF
1:	ldr	r6, =arm_boot_actlr_state
	sub	r6, r6, #KERNEL_VIRT_BASE
	str	r7, [r6]
	str	r5, [r6, #4]                    /* the ACTLR value */
	bx	lr

/* Only the undefined-instruction slot is expected (the ACTLR write). */
	.p2align 5                              /* VBAR bits [4:0] are RES0 */
probe_vectors:
	b	probe_stop
	b	probe_undef
	b	probe_stop
	b	probe_stop
	b	probe_stop
	b	probe_stop
	b	probe_stop
	b	probe_stop
probe_undef:
	mov	r12, #1
	movs	pc, lr                          /* LR_und: the next instruction (B1.9.6) */
probe_stop:
	wfi
	b	probe_stop

/*
 * HVBAR once mendax has left HYP: mendax never uses HYP, so anything taken
 * there is a bug or a trap left on; it is reported by arm_hyp_exception()
 * (setup.c) in SVC mode, with the kernel's MMU, stack and console: the
 * exception return below leaves HYP (B1.9.10) with r0 = the vector offset
 * (B1.8.2: 0x04 undefined, 0x08 HVC, 0x0C/0x10 aborts, 0x14 Hyp trap,
 * 0x18 IRQ, 0x1C FIQ), r1 = HSR, r2 = ELR_hyp, r3 = SPSR_hyp.
 */
	HYP_VECTOR_TABLE hyp_report_vectors, r0, hyp_report
hyp_report:
	mrc	p15, 4, r1, c5, c2, 0           /* HSR (B4.1.80) */
	mrs	r2, elr_hyp
	mrs	r3, spsr
	ldr	r4, =arm_hyp_exception          /* virtual: the PL1 MMU is still on */
	msr	elr_hyp, r4
	mov	r4, #(PSR_MODE_SVC | PSR_A | PSR_I | PSR_F)
	msr	spsr_cxsf, r4
	eret

/*
 * MMU, caches and branch prediction off. The boot paths we know leave them
 * off, but U-Boot's "go" leaves them on. Turning the D-cache off with dirty
 * lines would lose data, so clean and invalidate it to the point of
 * coherency first (ARM ARM B2.2.7), then invalidate the I-cache, branch
 * predictor and TLBs, which may hold entries from the previous owner.
 * Needs a stack (the one setup_stacks gave SVC); preserves all registers.
 */
caches_and_mmu_off:
	push	{r0-r5, lr}
	mrc	p15, 0, r5, c1, c0, 0           /* SCTLR */
	tst	r5, #SCTLR_C
	blne	dcache_clean_invalidate_all
	mrc	p15, 0, r5, c1, c0, 0
	bic	r5, r5, #(SCTLR_M | SCTLR_C | SCTLR_A)
	bic	r5, r5, #(SCTLR_I | SCTLR_Z)
	bic	r5, r5, #SCTLR_V                /* ARM-state vectors at VBAR (actlr_smp_on) */
	bic	r5, r5, #SCTLR_TE
	mcr	p15, 0, r5, c1, c0, 0
	isb
	mov	r5, #0
	mcr	p15, 0, r5, c7, c5, 0           /* ICIALLU */
	mcr	p15, 0, r5, c7, c5, 6           /* BPIALL */
	mcr	p15, 0, r5, c8, c7, 0           /* TLBIALL */
	dsb
	isb
	pop	{r0-r5, pc}

/*
 * Clean and invalidate every data/unified cache level up to the level of
 * coherency, by set/way (CLIDR, CSSELR, CCSIDR; ARM ARM B4.1.20-B4.1.43 and
 * the maintenance loop described with B2.2.7). Preserves all registers.
 */
dcache_clean_invalidate_all:
	push	{r0-r12, lr}
	dmb
	mrc	p15, 1, r0, c0, c0, 1           /* r0: CLIDR */
	ubfx	r1, r0, #24, #3
	lsl	r1, r1, #1                      /* r1: LoC << 1 */
	mov	r2, #0                          /* r2: level << 1 (CSSELR format) */
1:	cmp	r2, r1
	bge	5f
	add	r3, r2, r2, lsr #1              /* 3 * level: this level's Ctype field */
	lsr	r3, r0, r3
	and	r3, r3, #7
	cmp	r3, #2                          /* 0 none, 1 I-cache only */
	blt	4f
	mcr	p15, 2, r2, c0, c0, 0           /* CSSELR */
	isb
	mrc	p15, 1, r3, c0, c0, 0           /* r3: CCSIDR */
	and	r4, r3, #7
	add	r4, r4, #4                      /* r4: log2(line bytes) = set shift */
	ubfx	r5, r3, #3, #10                 /* r5: ways - 1 */
	clz	r6, r5                          /* r6: way shift */
	ubfx	r7, r3, #13, #15                /* r7: sets - 1, counts down */
2:	mov	r8, r5                          /* r8: way, counts down */
3:	orr	r9, r2, r8, lsl r6
	orr	r9, r9, r7, lsl r4
	mcr	p15, 0, r9, c7, c14, 2          /* DCCISW */
	subs	r8, r8, #1
	bge	3b
	subs	r7, r7, #1
	bge	2b
4:	add	r2, r2, #2
	b	1b
5:	mov	r2, #0
	mcr	p15, 2, r2, c0, c0, 0           /* CSSELR back to level 1 */
	dsb
	isb
	pop	{r0-r12, pc}

/* One stack per exception mode (each lies in .bss, inside the kernel
 * image the PMM reserves), at their link address minus r6 (KERNEL_VIRT_BASE
 * before the MMU is on, 0 after). Preserves r0-r5. */
setup_stacks:
	cps	#PSR_MODE_IRQ
	ldr	sp, =irq_stack_top
	sub	sp, sp, r6
	cps	#PSR_MODE_ABT
	ldr	sp, =abt_stack_top
	sub	sp, sp, r6
	mcr	p15, 0, sp, c13, c0, 4          /* TPIDRPRW: the overflow stack (vectors.S) */
	cps	#PSR_MODE_UND
	ldr	sp, =und_stack_top
	sub	sp, sp, r6
	cps	#PSR_MODE_FIQ
	ldr	sp, =fiq_stack_top
	sub	sp, sp, r6
	cps	#PSR_MODE_SVC
	ldr	sp, =svc_stack_top
	sub	sp, sp, r6
	bx	lr

/*
 * The boot translation table: one 16 KiB short-descriptor L1 table of
 * 1 MiB sections (ARM ARM B3.5.1), written at its physical address.
 *  - RAM 0 .. DIRECT_MAP_PHYS_END at KERNEL_VIRT_BASE: the direct map,
 *    Normal memory, write-back write-allocate, global, kernel-only;
 *  - the sections that hold the image (__kernel_start .. __kernel_end,
 *    wherever it was linked) also at their physical address, so the
 *    instructions that turn the MMU on, and the stack they use, keep
 *    working (the linker script keeps the image below 1 GiB, inside the
 *    range arch_vmm_init hands to TTBR0, which drops this identity map);
 *  - the board's devices (board.h) as Device memory, execute-never.
 * Preserves r0-r4.
 */
build_boot_table:
	mov	r11, lr
	ldr	r5, =arm_kernel_l1
	sub	r5, r5, #KERNEL_VIRT_BASE       /* r5: the table, physical */
	ldr	r6, =__kernel_start             /* identity: the image's sections */
	sub	r6, r6, #KERNEL_VIRT_BASE
	lsr	r6, r6, #L1_SECTION_SHIFT       /* r6: first section */
	ldr	r9, =__kernel_end
	sub	r9, r9, #KERNEL_VIRT_BASE
	sub	r9, r9, #1
	lsr	r9, r9, #L1_SECTION_SHIFT
	sub	r9, r9, r6
	add	r9, r9, #1                      /* r9: sections to map */
	ldr	r7, =SECTION_KERNEL_RAM
	orr	r7, r7, r6, lsl #L1_SECTION_SHIFT
	add	r8, r5, r6, lsl #2
	bl	map_device_sections             /* (same loop: consecutive sections) */
	ldr	r7, =SECTION_KERNEL_RAM
	add	r8, r5, #((KERNEL_VIRT_BASE >> L1_SECTION_SHIFT) * 4)
	mov	r9, #0
1:	orr	r10, r7, r9, lsl #L1_SECTION_SHIFT
	str	r10, [r8], #4
	add	r9, r9, #1
	cmp	r9, #(DIRECT_MAP_PHYS_END >> L1_SECTION_SHIFT)
	blo	1b
	ldr	r7, =(BOARD_DEV0_PHYS | SECTION_DEVICE)
	add	r8, r5, #((BOARD_DEV0_VIRT >> L1_SECTION_SHIFT) * 4)
	mov	r9, #BOARD_DEV0_MIB
	bl	map_device_sections
	ldr	r7, =(BOARD_DEV1_PHYS | SECTION_DEVICE)
	add	r8, r5, #((BOARD_DEV1_VIRT >> L1_SECTION_SHIFT) * 4)
	mov	r9, #BOARD_DEV1_MIB
	mov	lr, r11
	b	map_device_sections             /* tail call: returns to our caller */

/* r7 first section descriptor, r8 first L1 slot, r9 count (> 0). */
map_device_sections:
	str	r7, [r8], #4
	add	r7, r7, #(1 << L1_SECTION_SHIFT)
	subs	r9, r9, #1
	bne	map_device_sections
	bx	lr

/*
 * MMU on (ARM ARM B3.1, B4.1.130 SCTLR; sequence as in B3.10.1 - TLBs and
 * caches invalidated before enabling, ISB after). TTBCR.N = 0 for now: one
 * table for everything; arch_vmm_init switches to N = 2 with a TTBR0 table
 * per address space. Table walks are cacheable (TTBR0.IRGN/RGN write-back
 * write-allocate), so the walker sees what the D-cache holds. Domain 0 is
 * "client": the AP bits of each entry are checked. Preserves r0-r4.
 */
mmu_on:
	push	{lr}
	bl	dcache_clean_invalidate_all     /* no stale line may shadow the new table */
	mov	r5, #0
	mcr	p15, 0, r5, c2, c0, 2           /* TTBCR = 0 */
	ldr	r5, =arm_kernel_l1
	sub	r5, r5, #KERNEL_VIRT_BASE
	orr	r5, r5, #TTBR_WALK_WBWA
	mcr	p15, 0, r5, c2, c0, 0           /* TTBR0 */
	mcr	p15, 0, r5, c2, c0, 1           /* TTBR1 (not used while N = 0) */
	mov	r5, #DACR_D0_CLIENT
	mcr	p15, 0, r5, c3, c0, 0           /* DACR */
	mov	r5, #0
	mcr	p15, 0, r5, c13, c0, 1          /* CONTEXTIDR: ASID 0, reserved for switches */
	mcr	p15, 0, r5, c8, c7, 0           /* TLBIALL */
	mcr	p15, 0, r5, c7, c5, 0           /* ICIALLU */
	mcr	p15, 0, r5, c7, c5, 6           /* BPIALL */
	dsb
	isb
	/* SCTLR.AFE = 1 with the MMU (B3.7.3, B4.1.130): AP[0] becomes the
	 * access flag and AP[2:1] the permissions (simplified model, B3.7.1).
	 * Every boot section has AF = 1 (cpu_bits.h). Whether a TLB caches
	 * the effect of AFE is UNPREDICTABLE (B3.7.3 "Changing the Access flag
	 * enable"): AFE changes only here, with the TLBs just invalidated and
	 * the MMU off until this write, so no entry predates it. */
	mrc	p15, 0, r5, c1, c0, 0
	orr	r5, r5, #(SCTLR_M | SCTLR_C)
	orr	r5, r5, #(SCTLR_I | SCTLR_Z)
	bic	r5, r5, #SCTLR_TRE
	orr	r5, r5, #SCTLR_AFE
	mcr	p15, 0, r5, c1, c0, 0
	isb
	pop	{pc}

	.ltorg

	.section .bss
	.p2align 2
	.globl arm_boot_actlr_state
arm_boot_actlr_state:	.skip 8         /* ACTLR_STATE_*, then the ACTLR value */
	/* TTBR1's table must be 16 KiB aligned (ARM ARM B4.1.155). */
	.p2align 14
	.globl arm_kernel_l1
arm_kernel_l1:	.skip KERNEL_L1_BYTES
	.p2align 3
	.globl svc_stack_top
svc_stack:	.skip STACK_SIZE
svc_stack_top:
irq_stack:	.skip EXC_STACK_SIZE
irq_stack_top:
abt_stack:	.skip ABT_STACK_SIZE
abt_stack_top:
und_stack:	.skip EXC_STACK_SIZE
und_stack_top:
fiq_stack:	.skip EXC_STACK_SIZE
fiq_stack_top:
