/*
 * mm/vmm_region.c - the per-slot region tables: CONFIG_MAX_PROCS x
 * VMM_MAX_REGIONS entries of 12 bytes in .bss (192 KiB for 1024 slots).
 */
#include "mm/vmm_region.h"

static struct vmm_region regions[CONFIG_MAX_PROCS][VMM_MAX_REGIONS];
static uint8_t last_hit[CONFIG_MAX_PROCS];   /* faults come in runs: try the last region first */

const struct vmm_region *vmm_region_find(unsigned slot, vaddr_t va)
{
	const struct vmm_region *r = &regions[slot][last_hit[slot]];
	if (va >= r->start && va < r->end)
		return r;
	for (unsigned i = 0; i < VMM_MAX_REGIONS; i++) {
		r = &regions[slot][i];
		if (va >= r->start && va < r->end) {
			last_hit[slot] = (uint8_t)i;
			return r;
		}
	}
	return NULL;
}

static struct vmm_region *free_entry(unsigned slot)
{
	for (unsigned i = 0; i < VMM_MAX_REGIONS; i++)
		if (regions[slot][i].start == regions[slot][i].end)
			return &regions[slot][i];
	return NULL;
}

int vmm_region_add(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot)
{
	if ((start | end) & (PAGE_SIZE - 1) || start >= end || end > arch_vmm_user_end)
		return -E_INVAL;
	for (unsigned i = 0; i < VMM_MAX_REGIONS; i++) {
		const struct vmm_region *r = &regions[slot][i];
		if (r->start < r->end && start < r->end && r->start < end)
			return -E_INVAL;
	}
	struct vmm_region *e = free_entry(slot);
	if (!e)
		return -E_NOMEM;
	*e = (struct vmm_region){ start, end, prot | VMM_USER };
	return 0;
}

int vmm_region_remove(unsigned slot, vaddr_t start, vaddr_t end)
{
	for (unsigned i = 0; i < VMM_MAX_REGIONS; i++) {
		struct vmm_region *r = &regions[slot][i];
		if (r->start >= r->end || end <= r->start || start >= r->end)
			continue;
		if (start > r->start && end < r->end) {   /* a hole in the middle: split */
			struct vmm_region *tail = free_entry(slot);
			if (!tail)
				return -E_NOMEM;
			*tail = (struct vmm_region){ end, r->end, r->prot };
			r->end = start;
		} else if (start <= r->start && end >= r->end) {
			r->start = r->end = 0;
		} else if (start <= r->start) {
			r->start = end;
		} else {
			r->end = start;
		}
	}
	return 0;
}

int vmm_region_set_prot(unsigned slot, vaddr_t start, vaddr_t end, unsigned prot)
{
	for (unsigned i = 0; i < VMM_MAX_REGIONS; i++) {
		struct vmm_region *r = &regions[slot][i];
		if (r->start == start && r->end == end && start < end) {
			r->prot = prot | VMM_USER;
			return 0;
		}
	}
	return -E_INVAL;
}

void vmm_region_clear(unsigned slot)
{
	for (unsigned i = 0; i < VMM_MAX_REGIONS; i++)
		regions[slot][i] = (struct vmm_region){ 0, 0, 0 };
}

void vmm_region_copy(unsigned to, unsigned from)
{
	for (unsigned i = 0; i < VMM_MAX_REGIONS; i++)
		regions[to][i] = regions[from][i];
}

const struct vmm_region *vmm_region_at(unsigned slot, unsigned i)
{
	for (unsigned k = 0; k < VMM_MAX_REGIONS; k++) {
		const struct vmm_region *r = &regions[slot][k];
		if (r->start < r->end && i-- == 0)
			return r;
	}
	return NULL;
}
