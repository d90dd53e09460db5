/*
 * mm/swap.c - the swap area as the VMM sees it: its slot map (from the
 * PMM), the swap cache's object (the page cache with index = slot, whose
 * pager is the device), the slot references the arch backends report,
 * and the figures. The clock lives in mm/swap_out.c, the fault side in
 * mm/swap_in.c. See mm/swap.h for the reference rules.
 */
#include "mm/swap.h"
#include "mm/swap_area.h"
#include "mm/swap_slots.h"
#include "mm/pcache.h"
#include "mm/pmm.h"
#include "lib/string.h"
#include "lib/kprintf.h"

struct swap_area swap_area;

/* ---- the swap cache's pager: slot I/O through the device ---- */

static struct swap_device *dev_of(struct pcache_object *obj)
{
	return ((struct swap_area *)((char *)obj - offsetof(struct swap_area, obj)))->dev;
}

/* The cache takes its share of the slot as the page comes in (it gives it
 * back in swap_dropped, whatever becomes of the page). */
static int swap_read_page(struct pcache_object *obj, uint32_t index, void *kva)
{
	if (swap_slot_is_bad(&swap_area.slots, index) || swap_slot_ref(&swap_area.slots, index) < 0)
		return -E_IO;   /* a bad slot: its page is lost */
	int e = dev_of(obj)->read(dev_of(obj), index, kva);
	if (e) {
		/* The page is lost to whoever needed it (killed); an area that
		 * fails is not trusted with another page: no more swap-out. */
		kprintf("swap: reading slot %u failed (%d): the slot is marked bad, swap-out stops\n",
			index, e);
		swap_slot_unref(&swap_area.slots, index);
		swap_slot_mark_bad(&swap_area.slots, index);
		swap_area.failed = true;
		return -E_IO;
	}
	swap_area.ins++;
	return 0;
}

/* A write that fails leaves the page dirty in the cache (it still holds
 * the only copy) and stops all further swap-out: a bad area is not
 * written again. */
static int swap_write_page(struct pcache_object *obj, uint32_t index, const void *kva, uint32_t len)
{
	(void)len;
	if (swap_slot_refs(&swap_area.slots, index) <= 1)
		return 0;   /* no entry names the slot any more: nothing to keep */
	if (swap_area.failed)
		return -E_IO;
	int e = dev_of(obj)->write(dev_of(obj), index, kva);
	if (e) {
		kprintf("swap: writing slot %u failed (%d): swap-out stops\n", index, e);
		swap_slot_mark_bad(&swap_area.slots, index);
		swap_area.failed = true;
		return -E_IO;
	}
	swap_area.outs++;
	return 0;
}

static void swap_dropped(struct pcache_object *obj, uint32_t index)
{
	(void)obj;
	swap_slot_unref(&swap_area.slots, index);
}

static void swap_hold(struct pcache_object *obj) { (void)obj; }

/* Copies a NUL-terminated name into buf of len bytes, cut to fit. */
static void copy_name(char *buf, const char *name, uint32_t len)
{
	if (!len)
		return;
	size_t n = strnlen(name, len - 1);
	memcpy(buf, name, n);
	buf[n] = 0;
}

static void swap_name(struct pcache_object *obj, char *buf, uint32_t len)
{
	(void)obj;
	copy_name(buf, "[swap]", len);
}

static const struct pager_ops swap_pager = {
	.read_page = swap_read_page,
	.write_page = swap_write_page,
	.hold = swap_hold,
	.release = swap_hold,
	.name = swap_name,
	.dropped = swap_dropped,
};

/* ---- turning it on ---- */

int swap_enable(struct swap_device *dev)
{
	if (swap_area.dev)
		return -E_BUSY;
	/* Slot numbers must fit an entry, and the object's size 32 bits. */
	uint32_t n = dev->nslots > VMM_SWAP_SLOT_MAX ? VMM_SWAP_SLOT_MAX : dev->nslots;
	if (n < 2)
		return -E_INVAL;
	uint32_t frames = (uint32_t)(ALIGN_UP(swap_slots_bytes(n), PAGE_SIZE) / PAGE_SIZE);
	paddr_t pa;
	if (pmm_alloc_contig(frames, 1, &pa))
		return -E_NOMEM;
	swap_slots_init(&swap_area.slots, arch_vmm_phys_to_virt(pa), n);
	swap_area.obj = (struct pcache_object){ .ops = &swap_pager,
						.size = n * PAGE_SIZE };
	swap_area.map_frames = frames;
	swap_area.dev = dev;
	kprintf("swap: %s, %u KiB (%u slots), slot map %u frames\n", dev->name,
		(n - 1) * (PAGE_SIZE / 1024), n - 1, frames);
	return 0;
}

int swap_disable(void)
{
	if (!swap_area.dev)
		return -E_INVAL;
	pcache_object_drop(&swap_area.obj, 0, true);   /* only pages nobody's entry names */
	if (swap_area.slots.used || swap_area.obj.pages)
		return -E_BUSY;
	paddr_t map = arch_vmm_virt_to_phys(swap_area.slots.count);
	pmm_free_contig(map, swap_area.map_frames);
	kprintf("swap: %s off\n", swap_area.dev->name);
	swap_area = (struct swap_area){ .outs = swap_area.outs, .ins = swap_area.ins };
	return 0;
}

/* ---- slot references from the page tables ---- */

int vmm_swap_entry_dup(uint32_t swap_slot)
{
	swap_area.entry_dups++;
	int rc = swap_slot_ref(&swap_area.slots, swap_slot);
	return rc == -E_NOMEM ? -E_NOMEM : 0;
}

/* The last entry gone: a page the cache still holds is garbage now (no
 * one can ask for that slot again), so it goes at once and the slot with
 * it - unless it is being written, when reclaim frees both later. */
void vmm_swap_entry_drop(uint32_t swap_slot)
{
	swap_area.entry_drops++;
	int left = swap_slot_unref(&swap_area.slots, swap_slot);
	if (left == 1 && swap_area.dev)
		pcache_discard(&swap_area.obj, swap_slot);
}

void swap_get_stats(struct swap_stats *out)
{
	struct swap_slot_stats s = { 0 };
	if (swap_area.dev)
		swap_slots_get_stats(&swap_area.slots, &s);
	*out = (struct swap_stats){
		.enabled = swap_area.dev != NULL, .failed = swap_area.failed,
		.total = s.total, .used = s.used, .bad = s.bad,
		.cached = swap_area.obj.pages, .outs = swap_area.outs, .ins = swap_area.ins,
		.out_scans = swap_area.scans, .file_unmaps = swap_area.file_unmaps,
	};
	if (swap_area.dev)
		copy_name(out->name, swap_area.dev->name, sizeof out->name);
}

void vmm_swap_counts(unsigned slot, uint32_t *resident, uint32_t *swapped)
{
	*resident = *swapped = 0;
	vaddr_t end = arch_vmm_user_end;
	for (vaddr_t va = 0; (va = arch_vmm_next_mapped(slot, va, end)) < end; va += PAGE_SIZE) {
		struct vmm_page_info info;
		arch_vmm_query(slot, va, &info);
		if (info.kind == VMM_PAGE_ZERO_TABLE)   /* nothing of its own: skip the span */
			va = (va & ~(arch_vmm_table_span - 1)) + arch_vmm_table_span - PAGE_SIZE;
		*resident += info.kind == VMM_PAGE_MAPPED && info.pa != vmm_zero_page();
		*swapped += info.kind == VMM_PAGE_SWAPPED;
	}
}
