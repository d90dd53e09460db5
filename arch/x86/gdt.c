/*
 * arch/x86/gdt.c - the global descriptor table: flat 4 GiB code and data
 * segments for ring 0 and ring 3 (segmentation is neutralised; paging will
 * do all protection) and one TSS slot for the ring-3 -> ring-0 stack switch.
 */
#include "arch/x86/gdt.h"
#include "kernel/arch.h"
#include "arch/x86/desc.h"
#include "arch/x86/segments.h"

static struct x86_seg_desc gdt[X86_GDT_ENTRIES] __attribute__((aligned(8)));
/* Global for one reader besides this file: the sysenter entry loads the
 * kernel stack from its esp0 (arch/x86/sysenter_entry.S, offset 4). */
struct x86_tss x86_tss __attribute__((aligned(16)));
_Static_assert(__builtin_offsetof(struct x86_tss, esp0) == 4, "sysenter_entry.S reads esp0 at x86_tss + 4");
static struct x86_tss df_tss __attribute__((aligned(16)));
static uint8_t df_stack[4096] __attribute__((aligned(16)));

/* The #DF task starts at x86_double_fault_task with interrupts off, on
 * df_stack, whatever state the faulting code left. */
static void df_tss_fill(void)
{
	uint32_t cr3;
	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	df_tss.cr3 = cr3;
	df_tss.eip = (uint32_t)(uintptr_t)x86_double_fault_task;
	df_tss.eflags = 0x2;   /* reserved bit 1; IF clear */
	df_tss.esp = (uint32_t)(uintptr_t)(df_stack + sizeof df_stack);
	df_tss.cs = X86_KERNEL_CS;
	df_tss.ss = df_tss.ds = df_tss.es = df_tss.fs = df_tss.gs = X86_KERNEL_DS;
	df_tss.iomap_base = sizeof df_tss;
	gdt[X86_GDT_DF_TSS] = x86_seg_desc_make((uint32_t)(uintptr_t)&df_tss, sizeof df_tss - 1,
						X86_ACC_PRESENT | X86_ACC_TSS32, 0);
}

const struct x86_tss *x86_interrupted_task(void)
{
	return &x86_tss;
}

static void gdt_fill(void)
{
	const uint8_t code = X86_ACC_PRESENT | X86_ACC_CODEDATA | X86_ACC_CODE_RX;
	const uint8_t data = X86_ACC_PRESENT | X86_ACC_CODEDATA | X86_ACC_DATA_RW;

	/* Slot 0 must be the null descriptor (SDM Vol. 3A 3.4.2). */
	gdt[X86_GDT_NULL] = x86_seg_desc_make(0, 0, 0, 0);
	gdt[X86_GDT_KERNEL_CODE] = x86_seg_desc_make(0, 0xfffff, code | X86_ACC_DPL(0), X86_FLAGS_4K_32);
	gdt[X86_GDT_KERNEL_DATA] = x86_seg_desc_make(0, 0xfffff, data | X86_ACC_DPL(0), X86_FLAGS_4K_32);
	gdt[X86_GDT_USER_CODE] = x86_seg_desc_make(0, 0xfffff, code | X86_ACC_DPL(3), X86_FLAGS_4K_32);
	gdt[X86_GDT_USER_DATA] = x86_seg_desc_make(0, 0xfffff, data | X86_ACC_DPL(3), X86_FLAGS_4K_32);

	/* An I/O-map base at or beyond the TSS limit means "no bitmap": every
	 * in/out from ring 3 faults (SDM Vol. 1 19.5.2). */
	x86_tss.ss0 = X86_KERNEL_DS;
	x86_tss.iomap_base = sizeof x86_tss;
	gdt[X86_GDT_TSS] = x86_seg_desc_make((uint32_t)(uintptr_t)&x86_tss, sizeof x86_tss - 1,
					     X86_ACC_PRESENT | X86_ACC_TSS32, 0);
	df_tss_fill();
}

/* A segment register keeps its hidden descriptor cache until reloaded
 * (SDM Vol. 3A 3.4.3), so after lgdt every one is reloaded, CS by a far
 * jump. */
static void gdt_load(void)
{
	struct x86_table_ptr p = { sizeof gdt - 1, (uint32_t)(uintptr_t)gdt };
	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "mov %2, %%ds\n\t"
			 "mov %2, %%es\n\t"
			 "mov %2, %%fs\n\t"
			 "mov %2, %%gs\n\t"
			 "mov %2, %%ss"
			 : : "m"(p), "i"(X86_KERNEL_CS), "r"((uint32_t)X86_KERNEL_DS) : "memory");
	/* ltr marks the descriptor busy; it is loaded once and never again. */
	__asm__ volatile("ltr %w0" : : "r"((uint32_t)X86_TSS_SEL));
}

void x86_gdt_init(void)
{
	gdt_fill();
	gdt_load();
}

void x86_tss_set_kernel_stack(uint32_t esp0)
{
	x86_tss.esp0 = esp0;
}

/* kernel/arch.h, at every context switch: written here, beside the TSS,
 * so the switch pays no call chain (the FPU's check in switch.S is paid
 * for). NULL (the idle process) keeps the last stack. */
void arch_set_kernel_stack(void *top)
{
	if (top)
		x86_tss.esp0 = (uint32_t)(uintptr_t)top;
}
