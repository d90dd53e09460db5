/*
 * boards/rpi2/cores.c - moving cores 1-3 from wherever the loader keeps
 * them (QEMU's stub, the firmware's or the stand-in's mailbox-3 loop)
 * into board_core_park (core_park.S), where they sleep in wfi. Boot-only,
 * core 0; it never starts work on the other cores.
 */
#include "board.h"
#include "mmio.h"
#include "arch/arm/arm_board.h"
#include "lib/kprintf.h"
#include "mm/vmm.h"

#define PING_SPIN_BOUND 20000000   /* mailbox polls: seconds under QEMU, far more than a core needs */

void board_park_other_cores(void)
{
	/* The loaders wait for an entry address in mailbox 3 (Quad A7 4.7:
	 * write-set at 0x8C + 0x10 n); they run with the MMU off, so the
	 * physical one. Under an ELF boot the cores are parked already and
	 * never read it. sev: the firmware and the stand-in wait in wfe. */
	uint32_t entry = arch_vmm_virt_to_phys((const void *)board_core_park);
	for (uint32_t core = 1; core < RPI2_CORES; core++)
		mmio_write(RPI2_LOCAL_BASE + LOCAL_MBOX_SET(core, 3), entry);
	__asm__ volatile("dsb; sev" ::: "memory");
}

/* Sends each parked core an IPI to board_core_ping and waits (bounded)
 * for its answer: proof that the core sleeps in board_core_park and that
 * the interrupt wakes it. Returns how many answered. */
static unsigned ping_other_cores(void)
{
	uint32_t entry = arch_vmm_virt_to_phys((const void *)board_core_ping);
	for (uint32_t core = 1; core < RPI2_CORES; core++)
		mmio_write(RPI2_LOCAL_BASE + LOCAL_MBOX_SET(core, 0), entry);
	mmio_barrier();
	unsigned answered = 0, pending = (1u << RPI2_CORES) - 2;
	for (int i = 0; i < PING_SPIN_BOUND && pending; i++) {
		uint32_t core = 1 + (uint32_t)i % (RPI2_CORES - 1);
		uint32_t reg = RPI2_LOCAL_BASE + LOCAL_MBOX_RDCLR(core, 1);
		if (!(pending & (1u << core)) || mmio_read(reg) != CORE_PING_ANSWER) {
			mmio_poll_pause();
			continue;
		}
		mmio_write(reg, CORE_PING_ANSWER);   /* write-1-to-clear */
		pending &= ~(1u << core);
		answered++;
	}
	return answered;
}

void board_report_other_cores(void)
{
	unsigned n = ping_other_cores();
	if (n == RPI2_CORES - 1)
		kprintf("cores: %u other cores parked in wfi, each woke for an IPI and answered\n", n);
	else
		kprintf("warning: only %u of %u other cores answered an IPI: the rest may still "
			"spin where the loader left them\n", n, RPI2_CORES - 1);
}
