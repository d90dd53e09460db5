/*
 * drivers/block/virtio_blk.c - virtio-blk over the legacy interface
 * (virtio 1.0: 3.1 device initialisation, 5.2 "Block Device", 5.2.6.3
 * "Legacy Interface: Device Operation"). One virtqueue, one request in
 * flight per device; a request is a chain header -> data -> status byte.
 * Never panics on what the device does: errors and silence become -E_IO.
 */
#include "drivers/block/virtio_blk.h"
#include "drivers/virtio/virtqueue.h"
#include "kernel/arch.h"
#include "kernel/bench.h"
#include "lib/kprintf.h"
#include "kernel/proc.h"
#include "lib/string.h"
#include "kernel/timer.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

#define VBLK_SECTOR 512u

/* Feature bits (5.2.3) the driver understands; every other one offered
 * (ANY_LAYOUT, EVENT_IDX, indirect descriptors, ...) is refused, so the
 * device keeps to the plain layout below. */
#define VBLK_F_SIZE_MAX (1u << 1)   /* size_max: bytes per descriptor */
#define VBLK_F_SEG_MAX  (1u << 2)   /* seg_max: data descriptors per request */
#define VBLK_F_RO       (1u << 5)   /* read-only device */
#define VBLK_F_BLK_SIZE (1u << 6)   /* blk_size: the logical block size */
#define VBLK_F_FLUSH    (1u << 9)   /* the FLUSH command (needed for a write cache) */
#define VBLK_FEATURES (VBLK_F_SIZE_MAX | VBLK_F_SEG_MAX | VBLK_F_RO | VBLK_F_BLK_SIZE | VBLK_F_FLUSH)

/* Device configuration (5.2.4), at VIRTIO_LEG_CONFIG. */
#define VBLK_CFG_CAPACITY 0x00      /* u64, in 512-byte sectors whatever blk_size says */
#define VBLK_CFG_SIZE_MAX 0x08
#define VBLK_CFG_SEG_MAX  0x0C
#define VBLK_CFG_BLK_SIZE 0x14

/* Request types and status values (5.2.6). */
#define VBLK_T_IN    0u
#define VBLK_T_OUT   1u
#define VBLK_T_FLUSH 4u
#define VBLK_S_OK    0u

/* A request longer than this is split: keeps every byte count far from
 * overflowing 32 bits and one request's descriptors few. */
#define VBLK_MAX_REQUEST (4u * 1024 * 1024)
#define VBLK_TIMEOUT_TICKS (10u * TIMER_HZ)

/* The header the device reads first and the status byte it writes last:
 * in a frame of the driver's own, so both have one physical address. */
struct vblk_header {
	uint32_t type;
	uint32_t reserved;   /* "ioprio" in the legacy header; 0 */
	uint64_t sector;
};

struct vblk_dma {
	struct vblk_header hdr;
	volatile uint8_t status;
};

struct virtio_blk {
	struct block_device blk;          /* first: the block layer's handle */
	const struct virtio_legacy_io *io;
	struct virtqueue vq;
	struct vblk_dma *dma;
	paddr_t dma_pa;
	uint32_t features;                /* as negotiated */
	struct vq_limits lim;
	/* One request in flight. The kernel runs with interrupts off and
	 * is not preemptive, so test-and-set of busy is atomic on one CPU;
	 * waiters sleep on it. SMP: this becomes a spinlock around the
	 * test-and-set, still a sleeping lock for the request itself. */
	bool busy;
	bool dead;                        /* a reset failed: every request -E_IO */
	bool silence_next;                /* test hook: do not notify the next request */
	uint32_t timeout_ticks;
	volatile uint32_t irqs;
};

static const struct block_ops vblk_ops;

static uint32_t rd(struct virtio_blk *d, unsigned reg, unsigned width)
{
	return d->io->read(d->io, reg, width);
}

static void wr(struct virtio_blk *d, unsigned reg, unsigned width, uint32_t v)
{
	d->io->write(d->io, reg, width, v);
}

static void set_status(struct virtio_blk *d, uint8_t bits)
{
	wr(d, VIRTIO_LEG_STATUS, 1, bits);
}

/* The queue: the device fixes its size in the legacy interface (4.1.4.8:
 * QUEUE_SIZE is read only); the ring is allocated once and cleared when
 * the device is started again. */
static const char *setup_queue(struct virtio_blk *d)
{
	wr(d, VIRTIO_LEG_QUEUE_SELECT, 2, 0);
	uint16_t size = (uint16_t)rd(d, VIRTIO_LEG_QUEUE_SIZE, 2);
	if (size < 4 || (size & (size - 1)))
		return "queue 0 missing or of a bad size";
	if (!d->vq.frames && vq_alloc(&d->vq, size))
		return "no memory for the ring";
	if (size != d->vq.size)
		return "queue size changed";
	vq_clear(&d->vq);
	/* A 32-bit frame number reaches 16 TiB: every frame the PMM has. */
	wr(d, VIRTIO_LEG_QUEUE_PFN, 4, (uint32_t)(d->vq.pa >> PAGE_SHIFT));
	return NULL;
}

/* What the negotiated features let one request carry. The data must fit
 * in size - 2 descriptors (header and status take two). */
static const char *read_limits(struct virtio_blk *d)
{
	d->lim = (struct vq_limits){ .max_descs = d->vq.size - 2u, .seg_limit = VBLK_MAX_REQUEST,
				     .granule = VBLK_SECTOR };
	if (d->features & VBLK_F_SEG_MAX) {
		uint32_t seg_max = rd(d, VIRTIO_LEG_CONFIG + VBLK_CFG_SEG_MAX, 4);
		if (seg_max < d->lim.max_descs)
			d->lim.max_descs = seg_max;
	}
	if (d->features & VBLK_F_SIZE_MAX)
		d->lim.seg_limit = rd(d, VIRTIO_LEG_CONFIG + VBLK_CFG_SIZE_MAX, 4);
	if (d->features & VBLK_F_BLK_SIZE &&
	    rd(d, VIRTIO_LEG_CONFIG + VBLK_CFG_BLK_SIZE, 4) != VBLK_SECTOR)
		return "logical block size is not 512 bytes";
	/* A sector may straddle two pages of a heap buffer, so two data
	 * descriptors of a page each must be allowed. */
	if (d->lim.max_descs < 2 || d->lim.seg_limit < PAGE_SIZE)
		return "seg_max < 2 or size_max < 4096: not supported";
	return NULL;
}

/* 3.1.1 and 3.1.2 (legacy: no FEATURES_OK step): reset, ACKNOWLEDGE,
 * DRIVER, features, the queue, DRIVER_OK. Also how a device that stopped
 * answering is brought back: the reset makes it forget the old request. */
static const char *vblk_start(struct virtio_blk *d)
{
	set_status(d, 0);
	set_status(d, VIRTIO_STATUS_ACKNOWLEDGE);
	set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	d->features = rd(d, VIRTIO_LEG_HOST_FEATURES, 4) & VBLK_FEATURES;
	wr(d, VIRTIO_LEG_GUEST_FEATURES, 4, d->features);
	const char *why = setup_queue(d);
	if (!why)
		why = read_limits(d);
	if (why) {
		set_status(d, VIRTIO_STATUS_FAILED);
		return why;
	}
	set_status(d, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_DRIVER_OK);
	return NULL;
}

/* After a request went wrong on the device's side: reset it, so it drops
 * whatever it still holds of the ring, and start it again. */
static void vblk_restart(struct virtio_blk *d, const char *what)
{
	kprintf("virtio-blk: %s: %s: resetting the device\n", d->blk.name, what);
	const char *why = vblk_start(d);
	if (why) {
		kprintf("virtio-blk: %s: restart failed (%s): disk disabled\n", d->blk.name, why);
		d->dead = true;
	}
}

/* Waits for the used entry of the request in flight. A process sleeps
 * until the interrupt (or the timeout) wakes it. Without one (boot, the
 * in-kernel tests) the CPU halts until the next interrupt - the disk's or
 * the timer's - with the check made under interrupts off, so a completion
 * in between still ends the hlt (see arch_wait_for_interrupt). Called with
 * interrupts off, as all kernel code runs (x86 interrupt gates), so the
 * check and the sleep cannot miss the wakeup either. */
static int vblk_wait_used(struct virtio_blk *d)
{
	uint32_t start = timer_ticks();
	struct vring_used_elem e;
	while (!vq_take_used(&d->vq, &e)) {
		uint32_t waited = timer_ticks() - start;
		if (waited >= d->timeout_ticks) {
			vblk_restart(d, "no answer in time");
			return -E_IO;
		}
		if (sched_can_sleep()) {
			sched_sleep_timeout(d, d->timeout_ticks - waited);
		} else {
			arch_wait_for_interrupt();
		}
	}
	if (e.id != 0) {
		vblk_restart(d, "the device returned a descriptor never offered");
		return -E_IO;
	}
	return 0;
}

/* The whole wait is the device's time, not the driver's: whether QEMU's
 * I/O thread finishes before the first check, and so whether the caller
 * sleeps at all, depends on the host. When it did not sleep, the
 * completion interrupt is pending: bench builds take it inside the wait. */
static int vblk_wait(struct virtio_blk *d)
{
	uint64_t t0 = arch_cycles();
	bench_exclude_begin();
	int rc = vblk_wait_used(d);
	if (sched_can_sleep())
		bench_take_pending_interrupt();
	bench_exclude_end();
	d->blk.idle_cycles += arch_cycles() - t0;
	return rc;
}

static void notify(struct virtio_blk *d)
{
	if (d->silence_next) {
		d->silence_next = false;
		return;
	}
	wr(d, VIRTIO_LEG_QUEUE_NOTIFY, 2, 0);
}

/* One request: descriptor 0 the header, 1..n the data, n+1 the status.
 * Returns 0 with *bytes transferred (maybe less than asked: the caller
 * goes on with the rest), -E_IO, or -E_INVAL for a buffer not mapped. */
static int vblk_request(struct virtio_blk *d, uint32_t type, uint32_t lba, uint32_t len,
			const void *buf, uint32_t *bytes)
{
	unsigned n = 0;
	*bytes = 0;
	if (len) {
		uint16_t flags = type == VBLK_T_IN ? VRING_DESC_F_WRITE : 0;
		*bytes = vq_add_buffer(&d->vq, 1, &d->lim, buf, len, flags, &n);
		if (!*bytes)
			return -E_INVAL;
	}
	d->dma->hdr = (struct vblk_header){ .type = type, .sector = lba };
	d->dma->status = 0xFF;   /* not a status the device can leave */
	vq_set_desc(&d->vq, 0, d->dma_pa, sizeof d->dma->hdr, VRING_DESC_F_NEXT, 1);
	vq_set_desc(&d->vq, (uint16_t)(1 + n), d->dma_pa + __builtin_offsetof(struct vblk_dma, status), 1,
		    VRING_DESC_F_WRITE, 0);
	vq_publish(&d->vq, 0);
	notify(d);
	int rc = vblk_wait(d);
	if (rc == 0 && d->dma->status != VBLK_S_OK) {
		kprintf("virtio-blk: %s: request type %u at sector %u: status %u\n", d->blk.name,
			type, lba, d->dma->status);
		rc = -E_IO;
	}
	d->timeout_ticks = VBLK_TIMEOUT_TICKS;   /* a test's shorter one was for this request */
	return rc;
}

static int vblk_lock(struct virtio_blk *d)
{
	while (d->busy) {
		if (!sched_can_sleep())
			return -E_AGAIN;   /* re-entered from the context holding it */
		sched_sleep(&d->busy);
	}
	d->busy = true;
	return 0;
}

static void vblk_unlock(struct virtio_blk *d)
{
	d->busy = false;
	sched_wakeup(&d->busy);
}

/* A transfer of count sectors, in as many requests as the limits need. */
static int vblk_transfer(struct block_device *dev, uint32_t type, uint32_t lba, uint32_t count,
			 const void *buf)
{
	struct virtio_blk *d = (struct virtio_blk *)dev;
	if (type == VBLK_T_OUT && d->features & VBLK_F_RO)
		return -E_PERM;
	int rc = vblk_lock(d);
	if (rc)
		return rc;
	const uint8_t *p = buf;
	for (uint64_t left = (uint64_t)count * VBLK_SECTOR; rc == 0 && left;) {
		uint32_t want = left < VBLK_MAX_REQUEST ? (uint32_t)left : VBLK_MAX_REQUEST, got;
		rc = d->dead ? -E_IO : vblk_request(d, type, lba, want, p, &got);
		p += got;
		lba += got / VBLK_SECTOR;
		left -= got;
	}
	vblk_unlock(d);
	return rc;
}

static int vblk_read(struct block_device *dev, uint32_t lba, uint32_t count, void *buf)
{
	return vblk_transfer(dev, VBLK_T_IN, lba, count, buf);
}

static int vblk_write(struct block_device *dev, uint32_t lba, uint32_t count, const void *buf)
{
	return vblk_transfer(dev, VBLK_T_OUT, lba, count, buf);
}

/* Without VIRTIO_BLK_F_FLUSH the device has no cache to flush: it
 * completes a write only once it is durable (5.2.6.2). */
static int vblk_flush(struct block_device *dev)
{
	struct virtio_blk *d = (struct virtio_blk *)dev;
	if (!(d->features & VBLK_F_FLUSH))
		return 0;
	int rc = vblk_lock(d);
	if (rc)
		return rc;
	uint32_t got;
	rc = d->dead ? -E_IO : vblk_request(d, VBLK_T_FLUSH, 0, 0, NULL, &got);
	vblk_unlock(d);
	return rc;
}

static const struct block_ops vblk_ops = { vblk_read, vblk_write, vblk_flush };

void virtio_blk_interrupt(struct block_device *dev)
{
	struct virtio_blk *d = (struct virtio_blk *)dev;
	uint8_t isr = (uint8_t)rd(d, VIRTIO_LEG_ISR, 1);   /* reading acknowledges */
	if (isr & VIRTIO_ISR_QUEUE) {
		d->irqs++;
		sched_wakeup(d);
	}
}

static uint32_t capacity_sectors(struct virtio_blk *d)
{
	uint32_t lo = rd(d, VIRTIO_LEG_CONFIG + VBLK_CFG_CAPACITY, 4);
	uint32_t hi = rd(d, VIRTIO_LEG_CONFIG + VBLK_CFG_CAPACITY + 4, 4);
	if (hi) {
		kprintf("virtio-blk: more than 2 TiB: only the first 2 TiB are used\n");
		return 0xFFFFFFFFu;
	}
	return lo;
}

static void vblk_destroy(struct virtio_blk *d)
{
	set_status(d, VIRTIO_STATUS_FAILED);
	vq_free(&d->vq);
	if (d->dma)
		pmm_free_frame(d->dma_pa);
	kfree(d);
}

static const char *vblk_init(struct virtio_blk *d, const char *name)
{
	if (pmm_alloc_frame(&d->dma_pa) || !(d->dma = arch_vmm_phys_to_virt(d->dma_pa)))
		return "no memory for the request header";
	const char *why = vblk_start(d);
	if (why)
		return why;
	d->blk = (struct block_device){ .sector_size = VBLK_SECTOR, .sectors = capacity_sectors(d),
					.ops = &vblk_ops, .driver = d };
	size_t len = strlen(name);
	memcpy(d->blk.name, name, len < BLOCK_NAME_MAX ? len : BLOCK_NAME_MAX - 1);
	if (block_register(&d->blk))
		return "the block layer refused it (no sectors, or the name is taken)";
	return NULL;
}

struct block_device *virtio_blk_probe(const struct virtio_legacy_io *io, const char *name)
{
	struct virtio_blk *d = kmalloc(sizeof *d);
	if (!d) {
		kprintf("virtio-blk: no memory for the driver\n");
		return NULL;
	}
	*d = (struct virtio_blk){ .io = io, .timeout_ticks = VBLK_TIMEOUT_TICKS };
	const char *why = vblk_init(d, name);
	if (why) {
		kprintf("virtio-blk: %s: %s\n", name, why);
		vblk_destroy(d);
		return NULL;
	}
	kprintf("virtio-blk: %s: %u sectors (%u MiB), features 0x%08x%s, %u descriptors, "
		"%u per request\n", name, d->blk.sectors, d->blk.sectors / 2048, d->features,
		d->features & VBLK_F_FLUSH ? " (flush)" : "", d->vq.size, d->lim.max_descs);
	return &d->blk;
}

static struct virtio_blk *as_vblk(struct block_device *dev)
{
	return dev && dev->ops == &vblk_ops ? (struct virtio_blk *)dev : NULL;
}

int virtio_blk_test_irq_count(struct block_device *dev)
{
	struct virtio_blk *d = as_vblk(dev);
	return d ? (int)d->irqs : -E_INVAL;
}

int virtio_blk_test_ring_idle(struct block_device *dev)
{
	struct virtio_blk *d = as_vblk(dev);
	if (!d)
		return -E_INVAL;
	return d->vq.avail->idx == d->vq.used->idx && d->vq.used->idx == d->vq.last_used;
}

int virtio_blk_test_silence_next(struct block_device *dev, uint32_t ticks)
{
	struct virtio_blk *d = as_vblk(dev);
	if (!d)
		return -E_INVAL;
	d->silence_next = true;
	d->timeout_ticks = ticks ? ticks : VBLK_TIMEOUT_TICKS;
	return 0;
}
