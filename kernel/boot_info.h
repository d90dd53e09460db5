/*
 * kernel/boot_info.h - what a port hands to kernel_main(): the memory map it
 * discovered and a few facts about how the machine was entered.
 */
#ifndef KERNEL_BOOT_INFO_H
#define KERNEL_BOOT_INFO_H

#include "lib/memmap.h"

struct boot_info {
	struct memmap map;          /* RAM and reservations, not yet normalized */
	const char *memory_source;  /* e.g. "device tree", "ATAGs", "mailbox", "multiboot" */
	const char *entry_state;    /* e.g. "HYP -> SVC", "Secure SVC", "protected mode" */
	const char *cmdline;        /* kernel command line, "" when none */
};

/* The generic kernel's entry point; each port calls it once, on the boot CPU,
 * with the console up, exceptions installed and interrupts off. */
NORETURN void kernel_main(struct boot_info *bi);

/* Prints the mendax banner; ports call it right after the console is up so
 * warnings from memory discovery appear after it. */
void kernel_print_banner(void);

#endif
