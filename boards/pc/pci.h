/*
 * boards/pc/pci.h - PCI configuration space through configuration
 * mechanism #1 (ports 0xCF8/0xCFC): finding bus 0's functions, reading
 * their identity, BARs and interrupt line, and enabling them. Owns no
 * device: drivers take what pci_find returns. Never assigns BARs (the
 * firmware has, on every PC mendax boots on).
 */
#ifndef BOARDS_PC_PCI_H
#define BOARDS_PC_PCI_H

#include "lib/types.h"

#define PCI_BARS 6

struct pci_function {
	uint8_t bus, dev, fn;
	uint16_t vendor, device;
	uint8_t class_code, subclass;
	uint32_t bar[PCI_BARS];      /* raw BAR registers (bit 0 set: an I/O BAR) */
	uint8_t irq_line;            /* interrupt line register (the 8259 input) */
	uint8_t irq_pin;             /* 1-4 = INTA#-INTD#, 0 = no interrupt */
};

/* Configuration registers (PCI Local Bus Specification 3.0, 6.1). */
#define PCI_CFG_VENDOR    0x00
#define PCI_CFG_COMMAND   0x04
#define PCI_CFG_CLASS     0x08   /* revision, prog-if, subclass, class */
#define PCI_CFG_HEADER    0x0E
#define PCI_CFG_BAR0      0x10
#define PCI_CFG_INTERRUPT 0x3C   /* line, pin */

#define PCI_CMD_IO          0x0001
#define PCI_CMD_MEMORY      0x0002
#define PCI_CMD_BUS_MASTER  0x0004
#define PCI_CMD_INTX_OFF    0x0400

#define PCI_BAR_IO          0x1u
#define PCI_BAR_IO_MASK     0xFFFFFFFCu

uint32_t pci_config_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t reg);
void pci_config_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t reg, uint32_t v);

/* Finds the first function on bus 0 with this vendor and a device ID in
 * [device_lo, device_hi]; fills *out. Returns true if found. */
bool pci_find(uint16_t vendor, uint16_t device_lo, uint16_t device_hi, struct pci_function *out);
/* The same for the nth such function (0 = the first), in bus order. */
bool pci_find_nth(uint16_t vendor, uint16_t device_lo, uint16_t device_hi, unsigned nth,
		  struct pci_function *out);

/* Turns on decoding of the given spaces (PCI_CMD_IO / PCI_CMD_MEMORY) and
 * bus mastering (a device that does DMA needs it: PCI 3.0 6.2.2), and
 * allows INTx. Returns the command register as read back. */
uint16_t pci_enable(const struct pci_function *f, uint16_t spaces);

#endif
