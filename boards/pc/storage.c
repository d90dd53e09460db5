/*
 * boards/pc/storage.c - the PC's disks: virtio-blk PCI functions (QEMU's
 * -device virtio-blk-pci, transitional 1af4:1001), driven through their
 * legacy I/O BARs, registered as "vda", "vdb" in bus order with their
 * partitions (kernel/board.h board_storage_init). No disk is not an
 * error: a line says so.
 */
#include "board.h"
#include "boards/pc/pci.h"
#include "boards/pc/pic.h"
#include "arch/x86/io.h"
#include "drivers/block/virtio_blk.h"
#include "kernel/board.h"
#include "lib/kprintf.h"

/* Virtio PCI IDs (virtio 1.0, 4.1.2): vendor 0x1AF4, transitional
 * devices 0x1000-0x103F; 0x1001 is the block device (4.1.2.1). */
#define VIRTIO_PCI_VENDOR   0x1AF4
#define VIRTIO_PCI_BLK_LEGACY 0x1001
#define PC_DISKS 2u   /* the test harness attaches two: the test disk and a damaged one */

static const char *const disk_names[PC_DISKS] = { "vda", "vdb" };

static struct pc_disk {
	struct block_device *dev;
	struct virtio_legacy_io io;
	unsigned irq_line;           /* 0: none (completions polled) */
} disks[PC_DISKS];

static uint32_t port_read(const struct virtio_legacy_io *io, unsigned reg, unsigned width)
{
	uint16_t port = (uint16_t)(io->ctx + reg);
	if (width == 1)
		return x86_inb(port);
	return width == 2 ? x86_inw(port) : x86_inl(port);
}

static void port_write(const struct virtio_legacy_io *io, unsigned reg, unsigned width, uint32_t v)
{
	uint16_t port = (uint16_t)(io->ctx + reg);
	if (width == 1)
		x86_outb(port, (uint8_t)v);
	else if (width == 2)
		x86_outw(port, (uint16_t)v);
	else
		x86_outl(port, v);
}

/* INTx lines are shared (two disks may sit on one): every disk on the line
 * is asked; reading a quiet device's ISR changes nothing. */
static void disk_irq(unsigned line)
{
	for (unsigned i = 0; i < PC_DISKS; i++)
		if (disks[i].dev && disks[i].irq_line == line)
			virtio_blk_interrupt(disks[i].dev);
}

/* PCI INTx is level-triggered and active low, shared between functions:
 * the 8259 input must be set to level mode (ELCR) and the handler must
 * silence the device (reading its ISR) before the EOI. A line the
 * firmware left unset (0 or 0xFF) gets no handler: requests then complete
 * at the next timer tick instead. */
static void route_interrupt(struct pc_disk *d, const struct pci_function *f, const char *name)
{
	if (!f->irq_pin || f->irq_line == 0 || f->irq_line >= 16 || f->irq_line == PC_PIC_CASCADE_LINE) {
		kprintf("storage: %s: no usable interrupt line (%u): completions polled\n", name, f->irq_line);
		return;
	}
	d->irq_line = f->irq_line;
	pc_pic_set_level_triggered(f->irq_line);
	pc_pic_set_handler(f->irq_line, disk_irq);
}

static void probe_disk(unsigned i, const struct pci_function *f)
{
	struct pc_disk *d = &disks[i];
	if (!(f->bar[0] & PCI_BAR_IO) || !(f->bar[0] & PCI_BAR_IO_MASK)) {
		kprintf("storage: virtio-blk at 00:%02x.%u: BAR0 is not an assigned I/O BAR\n", f->dev, f->fn);
		return;
	}
	d->io = (struct virtio_legacy_io){ port_read, port_write, f->bar[0] & PCI_BAR_IO_MASK };
	uint16_t cmd = pci_enable(f, PCI_CMD_IO);
	kprintf("storage: virtio-blk at 00:%02x.%u, I/O 0x%04x, IRQ %u, command 0x%03x\n", f->dev,
		f->fn, (unsigned)d->io.ctx, f->irq_line, cmd);
	d->dev = virtio_blk_probe(&d->io, disk_names[i]);
	if (!d->dev)
		return;
	route_interrupt(d, f, disk_names[i]);
	block_scan_partitions(d->dev);
}

void board_storage_init(void)
{
	struct pci_function f;
	unsigned found = 0;
	while (found < PC_DISKS && pci_find_nth(VIRTIO_PCI_VENDOR, VIRTIO_PCI_BLK_LEGACY,
						VIRTIO_PCI_BLK_LEGACY, found, &f))
		probe_disk(found++, &f);
	if (!found)
		kprintf("storage: no virtio-blk disk (PCI 1af4:1001): running without a disk\n");
}
