/*
 * mm/vmm_backing.c - each slot's table of file backings (mm/vmm_backing.h).
 * An entry holds its object (the pager's hold, and obj->maps counts the
 * address spaces that map it) for as long as a region record names it.
 *
 * No lock: a slot's entries change with its regions (its own syscalls, its
 * fork, its teardown), under the same rule as mm/vmm_region.c. obj->maps
 * would need the page cache's lock with SMP.
 */
#include "mm/vmm_backing.h"
#include "mm/pcache.h"

struct vmm_backing vmm_backings[CONFIG_MAX_PROCS][VMM_BACKINGS];
static uint8_t in_use[CONFIG_MAX_PROCS];   /* entries taken: most slots have none */

static void hold(struct pcache_object *obj)
{
	obj->maps++;
	obj->ops->hold(obj);
}

static void let_go(unsigned slot, struct vmm_backing *b)
{
	struct pcache_object *obj = b->obj;
	bool shared = b->shared;
	*b = (struct vmm_backing){ 0 };
	in_use[slot]--;
	if (shared)
		pcache_object_sync(obj);   /* exit and munmap write dirty pages back */
	obj->maps--;
	obj->ops->release(obj);
}

int vmm_backing_get(unsigned slot, struct pcache_object *obj, uint32_t file_base, bool shared)
{
	int free_id = -E_NOMEM;
	for (unsigned i = 0; i < VMM_BACKINGS; i++) {
		struct vmm_backing *b = &vmm_backings[slot][i];
		if (b->obj == obj && b->file_base == file_base) {
			b->shared |= shared;
			return (int)i + 1;
		}
		if (!b->obj && free_id < 0)
			free_id = (int)i + 1;
	}
	if (free_id > 0) {
		vmm_backings[slot][free_id - 1] = (struct vmm_backing){ obj, file_base, 0, shared };
		in_use[slot]++;
		hold(obj);
	}
	return free_id;
}

void vmm_backing_adjust(unsigned slot, unsigned id, int delta)
{
	struct vmm_backing *b = vmm_backing_at(slot, id);
	if (!b)
		return;
	b->records += (uint32_t)delta;
	if (b->records == 0)
		let_go(slot, b);
}

void vmm_backing_copy(unsigned to, unsigned from)
{
	if (!in_use[from])
		return;
	for (unsigned i = 0; i < VMM_BACKINGS; i++) {
		vmm_backings[to][i] = vmm_backings[from][i];
		if (vmm_backings[to][i].obj)
			hold(vmm_backings[to][i].obj);
	}
	in_use[to] = in_use[from];
}

void vmm_backing_clear(unsigned slot)
{
	for (unsigned i = 0; i < VMM_BACKINGS && in_use[slot]; i++)
		if (vmm_backings[slot][i].obj)
			let_go(slot, &vmm_backings[slot][i]);
}

bool vmm_backing_any(unsigned slot)
{
	return in_use[slot] != 0;
}

void vmm_backing_each(struct pcache_object *obj, void (*fn)(unsigned slot, unsigned id, void *arg),
		      void *arg)
{
	for (unsigned s = 1; s < CONFIG_MAX_PROCS; s++)
		for (unsigned i = 0; i < VMM_BACKINGS && in_use[s]; i++)
			if (vmm_backings[s][i].obj == obj)
				fn(s, i + 1, arg);
}
