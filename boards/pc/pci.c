/*
 * boards/pc/pci.c - PCI configuration mechanism #1 (PCI Local Bus
 * Specification 3.0, 3.2.2.3.2): a dword address written to CONFIG_ADDRESS
 * (0xCF8) selects bus/device/function/register, CONFIG_DATA (0xCFC) then
 * reads or writes that dword. Only bus 0 is scanned: QEMU's i440FX/PIIX
 * machine puts every device there (no bridges).
 */
#include "boards/pc/pci.h"
#include "arch/x86/io.h"

#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA    0xCFC
#define PCI_ENABLE_BIT     0x80000000u
#define PCI_DEVICES        32
#define PCI_FUNCTIONS      8
#define PCI_MULTIFUNCTION  0x80      /* header type bit 7 */

static uint32_t config_address(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t reg)
{
	return PCI_ENABLE_BIT | (uint32_t)bus << 16 | (uint32_t)(dev & 31) << 11 |
	       (uint32_t)(fn & 7) << 8 | (reg & 0xFC);
}

/* Not SMP-safe as a pair of port accesses: the address/data sequence must
 * not interleave with another CPU's. Today only the boot CPU probes, at
 * boot; with SMP this needs a pci_config lock. */
uint32_t pci_config_read32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t reg)
{
	x86_outl(PCI_CONFIG_ADDRESS, config_address(bus, dev, fn, reg));
	return x86_inl(PCI_CONFIG_DATA);
}

void pci_config_write32(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t reg, uint32_t v)
{
	x86_outl(PCI_CONFIG_ADDRESS, config_address(bus, dev, fn, reg));
	x86_outl(PCI_CONFIG_DATA, v);
}

static void read_function(uint8_t dev, uint8_t fn, uint32_t id, struct pci_function *f)
{
	uint32_t class = pci_config_read32(0, dev, fn, PCI_CFG_CLASS);
	uint32_t irq = pci_config_read32(0, dev, fn, PCI_CFG_INTERRUPT);
	*f = (struct pci_function){ .bus = 0, .dev = dev, .fn = fn,
				    .vendor = id & 0xFFFF, .device = id >> 16,
				    .class_code = class >> 24, .subclass = (class >> 16) & 0xFF,
				    .irq_line = irq & 0xFF, .irq_pin = (irq >> 8) & 0xFF };
	for (unsigned i = 0; i < PCI_BARS; i++)
		f->bar[i] = pci_config_read32(0, dev, fn, (uint8_t)(PCI_CFG_BAR0 + 4 * i));
}

static bool matches(uint32_t id, uint16_t vendor, uint16_t lo, uint16_t hi)
{
	uint16_t device = id >> 16;
	return (id & 0xFFFF) == vendor && device >= lo && device <= hi;
}

/* Vendor 0xFFFF: nothing answers at that address (PCI 3.0, 6.2.1). */
bool pci_find_nth(uint16_t vendor, uint16_t device_lo, uint16_t device_hi, unsigned nth,
		  struct pci_function *out)
{
	for (uint8_t dev = 0; dev < PCI_DEVICES; dev++) {
		for (uint8_t fn = 0; fn < PCI_FUNCTIONS; fn++) {
			uint32_t id = pci_config_read32(0, dev, fn, PCI_CFG_VENDOR);
			if ((id & 0xFFFF) == 0xFFFF) {
				if (fn == 0)
					break;   /* no device: its other functions do not exist */
				continue;
			}
			if (matches(id, vendor, device_lo, device_hi) && nth-- == 0) {
				read_function(dev, fn, id, out);
				return true;
			}
			uint32_t hdr = pci_config_read32(0, dev, 0, PCI_CFG_HEADER & 0xFC);
			if (fn == 0 && !((hdr >> 16) & PCI_MULTIFUNCTION))
				break;
		}
	}
	return false;
}

bool pci_find(uint16_t vendor, uint16_t device_lo, uint16_t device_hi, struct pci_function *out)
{
	return pci_find_nth(vendor, device_lo, device_hi, 0, out);
}

uint16_t pci_enable(const struct pci_function *f, uint16_t spaces)
{
	uint32_t reg = pci_config_read32(f->bus, f->dev, f->fn, PCI_CFG_COMMAND);
	uint16_t cmd = (uint16_t)((reg | spaces | PCI_CMD_BUS_MASTER) & ~PCI_CMD_INTX_OFF);
	/* The upper half is the status register, whose error bits are cleared
	 * by writing 1: write 0 there so none is cleared by accident. */
	pci_config_write32(f->bus, f->dev, f->fn, PCI_CFG_COMMAND, cmd);
	return (uint16_t)pci_config_read32(f->bus, f->dev, f->fn, PCI_CFG_COMMAND);
}
