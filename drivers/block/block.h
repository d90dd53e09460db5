/*
 * drivers/block/block.h - the block layer: what every block driver offers
 * (read, write and flush of whole sectors) and what everything above it
 * (partitions, the file system, swap) may call. A request either completes
 * entirely or returns a negative error (-E_IO, -E_INVAL): never a silent
 * short transfer, never a panic. Drivers sit above the heap and may use it.
 *
 * Completion: a driver may sleep the calling process until its interrupt
 * completes the request (sched_sleep on the request), or poll with a yield
 * where the hardware gives no interrupt; either way the caller just sees
 * the call return. Before processes exist (boot, the in-kernel tests) a
 * driver polls.
 *
 * SMP: the registry is written only at boot, before other CPUs run; a
 * driver serialises its own requests (one request in flight per device,
 * its own lock).
 */
#ifndef DRIVERS_BLOCK_BLOCK_H
#define DRIVERS_BLOCK_BLOCK_H

#include "lib/types.h"

#define BLOCK_NAME_MAX 12
#define BLOCK_MAX_DEVICES 16

struct block_device;

struct block_ops {
	/* count >= 1 sectors from lba; the range is already checked. */
	int (*read)(struct block_device *dev, uint32_t lba, uint32_t count, void *buf);
	int (*write)(struct block_device *dev, uint32_t lba, uint32_t count, const void *buf);
	/* Everything written so far is on the medium when this returns 0. */
	int (*flush)(struct block_device *dev);
};

struct block_device {
	char name[BLOCK_NAME_MAX];   /* "sd0", "vda", "vda1", ... */
	uint32_t sector_size;        /* bytes; 512 for every device mendax drives today */
	uint32_t sectors;            /* device size in sectors */
	const struct block_ops *ops;
	void *driver;                /* the driver's own state */
	struct block_device *whole;  /* a partition: the disk it is part of; else NULL */
	uint32_t first;              /* a partition: its first sector on the whole disk */
	uint8_t part_type;           /* a partition: its MBR type byte */
	/* arch_cycles() the driver spent waiting for the device, halts and
	 * sleeps included: a statistic benchmarks subtract to count the
	 * driver's own work. */
	uint64_t idle_cycles;
	/* Bench builds: arch_cycles() spent inside the driver's read, write
	 * and flush calls, less waits and interrupts (kernel/bench.h): the file
	 * benchmarks' driver share. Always 0 in other builds. */
	uint64_t busy_cycles;
};

/* Adds a device to the registry. Returns 0, -E_INVAL (no name, no sectors,
 * or the name is taken) or -E_NOMEM (registry full). */
int block_register(struct block_device *dev);

/* Removes disk and every partition of it from the registry (a medium that
 * went away); partition devices made by block_scan_partitions are freed.
 * The caller owns disk itself. Returns 0 or -E_NOENT. */
int block_unregister_disk(struct block_device *disk);

/* The registered device named name, or NULL; and the i-th one (i from 0). */
struct block_device *block_find(const char *name);
struct block_device *block_at(unsigned i);

/* Checked transfers: -E_INVAL for a range outside the device or count 0;
 * otherwise the driver's result. Partitions go to their disk with the
 * offset added, so they can never reach outside themselves. */
int block_read(struct block_device *dev, uint32_t lba, uint32_t count, void *buf);
int block_write(struct block_device *dev, uint32_t lba, uint32_t count, const void *buf);
int block_flush(struct block_device *dev);

/* Test builds: the next n writes to any disk fail with -E_IO without
 * reaching the driver (a write error, made to order). Nothing elsewhere. */
void block_test_fail_writes(uint32_t n);

/* Reads sector 0 of disk, validates its MBR (fs/part/mbr.h) and registers
 * each primary partition as "<disk><n>" (n = entry + 1; "<disk>p<n>" when
 * the disk's name ends in a digit: "sd0p1"). A table that is
 * refused is reported on the console and registers nothing. Returns the
 * number of partitions registered, or a negative error. */
int block_scan_partitions(struct block_device *disk);

#endif
