/*
 * tests/kernel/test_boot.c - what boot must have set up: the kernel image
 * and boot data protected from the PMM, and a ticking timer interrupt.
 */
#include "tests/kernel/ktest.h"
#include "kernel/arch.h"
#include "kernel/board.h"
#include "kernel/boot_info.h"
#include "kernel/timer.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

static int bss_marker;
static const int rodata_marker = 1;

static void kernel_image_is_reserved(void)
{
	KCHECK_EQ(pmm_frame_state(arch_vmm_virt_to_phys((const void *)&kernel_main)), FRAME_RESERVED);
	KCHECK_EQ(pmm_frame_state(arch_vmm_virt_to_phys(&rodata_marker)), FRAME_RESERVED);
	KCHECK_EQ(pmm_frame_state(arch_vmm_virt_to_phys(&bss_marker)), FRAME_RESERVED);
	/* The stack we run on lies in the image too. */
	int local;
	KCHECK_EQ(pmm_frame_state(arch_vmm_virt_to_phys(&local)), FRAME_RESERVED);
}

static void reserved_frames_cannot_be_freed(void)
{
	struct pmm_stats before, after;
	pmm_get_stats(&before);
	paddr_t image = ALIGN_DOWN(arch_vmm_virt_to_phys((const void *)&kernel_main), PAGE_SIZE);
	KCHECK_EQ(pmm_free_frame(image), -E_PERM);
	KCHECK_EQ(pmm_ref_frame(image), -E_PERM);
	pmm_get_stats(&after);
	KCHECK_EQ(after.free, before.free);
	KCHECK_EQ(after.reserved, before.reserved);
}

static void memory_stats_are_consistent(void)
{
	struct pmm_stats s;
	pmm_get_stats(&s);
	KCHECK(s.free > 1024);   /* both test machines have far more than 4 MiB */
	KCHECK_EQ(s.total, s.free + s.used + s.reserved);
}

/* The board timer, the interrupt controller and the arch IRQ path together. */
static void timer_interrupts_arrive(void)
{
	board_timer_start(TIMER_HZ);
	uint32_t start = timer_ticks();
	arch_irq_enable();
	for (int i = 0; i < 10000 && timer_ticks() - start < 5; i++)
		arch_wait_for_interrupt();
	arch_irq_disable();
	KCHECK(timer_ticks() - start >= 5);
}

const struct ktest ktests_boot[] = {
	{ kernel_image_is_reserved, "kernel image and stack are reserved frames" },
	{ reserved_frames_cannot_be_freed, "reserved frames cannot be freed" },
	{ memory_stats_are_consistent, "memory statistics add up" },
	{ timer_interrupts_arrive, "periodic timer interrupts arrive" },
	{ NULL, NULL },
};
