/*
 * drivers/virtio/virtio_legacy.h - the legacy ("transitional") virtio
 * register block (virtio 1.0, 4.1.4.8 "Legacy Interfaces: A Note on PCI
 * Device Layout") and the way a board hands it to a driver: a pair of
 * accessors, so drivers/ never does port I/O itself and the same driver
 * could sit on another transport. Owns no device state.
 */
#ifndef DRIVERS_VIRTIO_VIRTIO_LEGACY_H
#define DRIVERS_VIRTIO_VIRTIO_LEGACY_H

#include "lib/types.h"

/* Offsets in the legacy register block (4.1.4.8), MSI-X disabled, so the
 * device-specific configuration starts at 0x14. */
#define VIRTIO_LEG_HOST_FEATURES  0x00   /* 32 bits, read only */
#define VIRTIO_LEG_GUEST_FEATURES 0x04   /* 32 bits */
#define VIRTIO_LEG_QUEUE_PFN      0x08   /* 32 bits: ring address >> 12 */
#define VIRTIO_LEG_QUEUE_SIZE     0x0C   /* 16 bits, read only in legacy */
#define VIRTIO_LEG_QUEUE_SELECT   0x0E   /* 16 bits */
#define VIRTIO_LEG_QUEUE_NOTIFY   0x10   /* 16 bits: the queue index */
#define VIRTIO_LEG_STATUS         0x12   /* 8 bits; writing 0 resets */
#define VIRTIO_LEG_ISR            0x13   /* 8 bits; reading clears it and INTx */
#define VIRTIO_LEG_CONFIG         0x14   /* device-specific configuration */

/* Device status bits (2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE 0x01
#define VIRTIO_STATUS_DRIVER      0x02
#define VIRTIO_STATUS_DRIVER_OK   0x04
#define VIRTIO_STATUS_FAILED      0x80

#define VIRTIO_ISR_QUEUE          0x01   /* a used buffer was added */

/* The board's accessors for one device's register block; width is 1, 2
 * or 4 bytes. ctx is the board's (e.g. the I/O port base). */
struct virtio_legacy_io {
	uint32_t (*read)(const struct virtio_legacy_io *io, unsigned reg, unsigned width);
	void (*write)(const struct virtio_legacy_io *io, unsigned reg, unsigned width, uint32_t v);
	uintptr_t ctx;
};

#endif
