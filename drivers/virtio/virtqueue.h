/*
 * drivers/virtio/virtqueue.h - one split virtqueue in the legacy layout
 * (virtio 1.0, 2.4 "Virtqueues", 2.4.2 "Legacy Interfaces: A Note on
 * Virtqueue Layout"): descriptor table, available ring, used ring, in one
 * physically contiguous, page-aligned run of frames from the PMM. Knows
 * nothing about what a request means; never sleeps or touches registers.
 */
#ifndef DRIVERS_VIRTIO_VIRTQUEUE_H
#define DRIVERS_VIRTIO_VIRTQUEUE_H

#include "lib/types.h"

/* Descriptor flags (2.4.5). */
#define VRING_DESC_F_NEXT  1   /* the chain continues at next */
#define VRING_DESC_F_WRITE 2   /* the device writes this buffer (else reads it) */

struct vring_desc {
	uint64_t addr;     /* guest physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring_avail {
	uint16_t flags;
	uint16_t idx;      /* where the driver puts the next entry (mod size) */
	uint16_t ring[];   /* descriptor chain heads */
};

struct vring_used_elem {
	uint32_t id;       /* head of the finished chain */
	uint32_t len;      /* bytes the device wrote into it */
};

struct vring_used {
	uint16_t flags;
	uint16_t idx;
	struct vring_used_elem ring[];
};

struct virtqueue {
	uint16_t size;               /* entries, from the device (a power of 2) */
	uint16_t last_used;          /* used->idx consumed so far */
	struct vring_desc *desc;
	struct vring_avail *avail;
	volatile struct vring_used *used;
	paddr_t pa;                  /* first frame: what QUEUE_PFN is given */
	uint32_t frames;
};

/* Bytes the legacy layout needs for size entries (2.4.2: the used ring
 * starts at the next 4096-byte boundary after the available ring). */
size_t vq_bytes(uint16_t size);

/* Takes the ring memory from the PMM (contiguous, page aligned, in the
 * direct map) and clears it. Returns 0, -E_INVAL (size 0 or not a power
 * of 2) or -E_NOMEM. */
int vq_alloc(struct virtqueue *vq, uint16_t size);
void vq_free(struct virtqueue *vq);

/* Clears the rings and indices (after a device reset, before the queue
 * is handed to the device again). */
void vq_clear(struct virtqueue *vq);

/* Fills descriptor i; next is used only with VRING_DESC_F_NEXT. */
void vq_set_desc(struct virtqueue *vq, uint16_t i, paddr_t pa, uint32_t len, uint16_t flags,
		 uint16_t next);

/* Offers the chain starting at head to the device (2.4.6; 3.2.1: the
 * entry must be visible before the index that publishes it). The caller
 * then notifies the device. */
void vq_publish(struct virtqueue *vq, uint16_t head);

/* Takes the next used entry if the device has returned one: true and
 * *out filled, or false (nothing yet). */
bool vq_take_used(struct virtqueue *vq, struct vring_used_elem *out);

/* The physical address of a kernel buffer byte (direct map, kernel image
 * or heap). False if va is not mapped. */
bool vq_dma_addr(const void *va, paddr_t *out);

/* How a buffer may be cut into descriptors (from the device's limits). */
struct vq_limits {
	unsigned max_descs;     /* descriptors one buffer may use */
	uint32_t seg_limit;     /* bytes one descriptor may carry (>= PAGE_SIZE) */
	uint32_t granule;       /* the length described is a multiple of this */
};

/* Describes [va, va + len) as device buffers in descriptors first,
 * first + 1, ..., splitting where the physical pages are not contiguous
 * (heap pages rarely are) and where a piece would exceed seg_limit, each
 * chained to the next and carrying flags. Returns the bytes described: a
 * multiple of granule, maybe less than len when max_descs ran out (at
 * least one granule when max_descs >= 2 and granule <= PAGE_SIZE), or 0
 * if a page is not mapped; *used is the number of descriptors filled. */
uint32_t vq_add_buffer(struct virtqueue *vq, uint16_t first, const struct vq_limits *lim,
		       const void *va, uint32_t len, uint16_t flags, unsigned *used);

#endif
