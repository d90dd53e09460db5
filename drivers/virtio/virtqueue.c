/*
 * drivers/virtio/virtqueue.c - a split virtqueue in the legacy layout
 * (virtio 1.0, 2.4 "Virtqueues"): its memory, publishing a descriptor
 * chain and taking used entries, and turning a kernel buffer into
 * descriptors of physical addresses. Ring memory comes from the PMM; the
 * caller serialises access (one queue, one owner).
 */
#include "drivers/virtio/virtqueue.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "mm/vmm.h"

#define VQ_ALIGN 4096u   /* 2.4.2: QUEUE_ALIGN of the legacy interface */

/* The device reads what the driver wrote, and the driver what the device
 * wrote, in a defined order (3.2.1.3, 2.4.8.1): a full fence. On x86 this
 * orders stores to cacheable RAM with each other anyway (SDM Vol. 3A
 * 8.2.2); the fence also stops the compiler moving accesses across it. */
static inline void vq_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static size_t avail_end(uint16_t size)
{
	/* descriptors, then avail flags, idx, ring[size], used_event */
	return sizeof(struct vring_desc) * size + sizeof(uint16_t) * (3u + size);
}

size_t vq_bytes(uint16_t size)
{
	size_t used = sizeof(uint16_t) * 3u + sizeof(struct vring_used_elem) * size;
	return ALIGN_UP(avail_end(size), VQ_ALIGN) + ALIGN_UP(used, VQ_ALIGN);
}

int vq_alloc(struct virtqueue *vq, uint16_t size)
{
	if (!size || (size & (size - 1)))
		return -E_INVAL;
	uint32_t frames = (uint32_t)(vq_bytes(size) / PAGE_SIZE);
	paddr_t pa;
	if (pmm_alloc_contig(frames, 1, &pa))
		return -E_NOMEM;
	uint8_t *va = arch_vmm_phys_to_virt(pa);
	if (!va) {
		pmm_free_contig(pa, frames);
		return -E_NOMEM;
	}
	*vq = (struct virtqueue){ .size = size, .pa = pa, .frames = frames,
				  .desc = (struct vring_desc *)va,
				  .avail = (struct vring_avail *)(va + sizeof(struct vring_desc) * size),
				  .used = (struct vring_used *)(va + ALIGN_UP(avail_end(size), VQ_ALIGN)) };
	vq_clear(vq);
	return 0;
}

void vq_free(struct virtqueue *vq)
{
	if (vq->frames)
		pmm_free_contig(vq->pa, vq->frames);
	*vq = (struct virtqueue){ 0 };
}

void vq_clear(struct virtqueue *vq)
{
	memset(vq->desc, 0, vq->frames * PAGE_SIZE);
	vq->last_used = 0;
}

void vq_set_desc(struct virtqueue *vq, uint16_t i, paddr_t pa, uint32_t len, uint16_t flags,
		 uint16_t next)
{
	vq->desc[i] = (struct vring_desc){ .addr = pa, .len = len, .flags = flags, .next = next };
}

/* 2.4.6: ring[idx % size] = head, then idx + 1 (free-running, wraps at
 * 65536); the device may read the entry as soon as it sees the index. */
void vq_publish(struct virtqueue *vq, uint16_t head)
{
	uint16_t idx = vq->avail->idx;
	vq->avail->ring[idx & (vq->size - 1)] = head;
	vq_mb();
	vq->avail->idx = (uint16_t)(idx + 1);
	vq_mb();   /* the index before the notify that follows */
}

/* 2.4.8: the device writes the element, then advances used->idx; read
 * the index first and the element after it. */
bool vq_take_used(struct virtqueue *vq, struct vring_used_elem *out)
{
	if (vq->used->idx == vq->last_used)
		return false;
	vq_mb();
	const volatile struct vring_used_elem *e = &vq->used->ring[vq->last_used & (vq->size - 1)];
	out->id = e->id;
	out->len = e->len;
	vq->last_used++;
	return true;
}

/* Heap pages and kernel stacks (a buffer on the stack) are mapped one by
 * one from scattered frames: ask the page table (the kernel half is the
 * same in every space). Everything else the kernel addresses (image, the
 * boot stack, the direct map) is the direct map, a fixed offset from
 * physical memory. */
bool vq_dma_addr(const void *va, paddr_t *out)
{
	vaddr_t v = (vaddr_t)va;
	if ((v >= arch_vmm_heap_base && v < arch_vmm_heap_end) ||
	    v - arch_vmm_kstack_base < VMM_KSTACK_BYTES) {
		uint32_t raw;
		struct vmm_page_info info;
		if (!arch_vmm_window_entry(v & ~(vaddr_t)(PAGE_SIZE - 1), &raw))
			return false;
		arch_vmm_entry_decode(raw, &info);
		if (info.kind != VMM_PAGE_MAPPED)
			return false;
		*out = info.pa + (v & (PAGE_SIZE - 1));
		return true;
	}
	paddr_t pa = arch_vmm_virt_to_phys(va);
	if (arch_vmm_phys_to_virt(pa) != va)
		return false;
	*out = pa;
	return true;
}

/* Drops the tail of a chain so its length is a multiple of granule. */
static uint32_t trim_chain(struct virtqueue *vq, uint16_t first, unsigned *n, uint32_t bytes,
			   uint32_t granule)
{
	uint32_t excess = bytes % granule;
	bytes -= excess;
	while (excess && *n) {
		struct vring_desc *d = &vq->desc[first + *n - 1];
		uint32_t cut = excess < d->len ? excess : d->len;
		d->len -= cut;
		excess -= cut;
		if (!d->len)
			(*n)--;
	}
	return bytes;
}

uint32_t vq_add_buffer(struct virtqueue *vq, uint16_t first, const struct vq_limits *lim,
		       const void *va, uint32_t len, uint16_t flags, unsigned *used)
{
	const uint8_t *p = va;
	uint32_t bytes = 0;
	unsigned n = 0;
	paddr_t next_pa = 0;
	while (bytes < len) {
		paddr_t pa;
		if (!vq_dma_addr(p, &pa))
			return *used = 0, 0;
		uint32_t piece = PAGE_SIZE - ((vaddr_t)p & (PAGE_SIZE - 1));
		if (piece > len - bytes)
			piece = len - bytes;
		struct vring_desc *last = n ? &vq->desc[first + n - 1] : NULL;
		if (last && pa == next_pa && last->len + piece <= lim->seg_limit) {
			last->len += piece;       /* physically contiguous: one piece */
		} else {
			if (n == lim->max_descs)
				break;
			vq_set_desc(vq, (uint16_t)(first + n), pa, piece, flags | VRING_DESC_F_NEXT,
				    (uint16_t)(first + n + 1));
			n++;
		}
		next_pa = pa + piece;
		p += piece;
		bytes += piece;
	}
	bytes = trim_chain(vq, first, &n, bytes, lim->granule);
	*used = n;
	return bytes;
}
