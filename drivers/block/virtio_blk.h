/*
 * drivers/block/virtio_blk.h - the virtio block device over the legacy
 * register block (virtio 1.0, 5.2 "Block Device"), as a block_device.
 * The board finds the device, gives the driver its registers and routes
 * its interrupt to virtio_blk_interrupt(); the driver does the rest.
 */
#ifndef DRIVERS_BLOCK_VIRTIO_BLK_H
#define DRIVERS_BLOCK_VIRTIO_BLK_H

#include "drivers/block/block.h"
#include "drivers/virtio/virtio_legacy.h"

/* Resets and initialises the device behind io (which must stay valid),
 * then registers it with the block layer as name. Returns the device, or
 * NULL with the reason on the console (the device is left FAILED). */
struct block_device *virtio_blk_probe(const struct virtio_legacy_io *io, const char *name);

/* The device's interrupt (from the board's IRQ handler, interrupts off):
 * acknowledges it and wakes the waiting request. */
void virtio_blk_interrupt(struct block_device *dev);

/* Test hooks: interrupts taken so far; whether the ring is idle (1: every
 * request published was returned by the device and taken by the driver,
 * none is left over); and make the device look dead to the next request
 * (it is published but the device is not notified) with a timeout of
 * ticks, to exercise the timeout and the reset after it. -E_INVAL if dev
 * is not a virtio-blk disk. */
int virtio_blk_test_irq_count(struct block_device *dev);
int virtio_blk_test_ring_idle(struct block_device *dev);
int virtio_blk_test_silence_next(struct block_device *dev, uint32_t ticks);

#endif
