/*
 * kernel/swap_ram.c - the RAM swap device of kernel/swap_ram.h: what the
 * swap core (mm/swap*.c) calls through struct swap_device's pointers, and
 * turning it on and off in place of the boot area.
 */
#include "kernel/swap_ram.h"
#include "kernel/arch.h"
#include "mm/swap_area.h"

static struct swap_ram *ram_of(struct swap_device *d)
{
	return (struct swap_ram *)d;   /* dev is the first member */
}

static int ram_read(struct swap_device *d, uint32_t slot, void *kva)
{
	struct swap_ram *r = ram_of(d);
	if (r->fail_reads || slot >= d->nslots)
		return -E_IO;
	arch_page_copy(kva, arch_vmm_phys_to_virt(r->frame[slot]));
	r->reads++;
	return 0;
}

static int ram_write(struct swap_device *d, uint32_t slot, const void *kva)
{
	struct swap_ram *r = ram_of(d);
	if (r->fail_writes || slot >= d->nslots)
		return -E_IO;
	arch_page_copy(arch_vmm_phys_to_virt(r->frame[slot]), kva);
	r->writes++;
	return 0;
}

static void free_frames(paddr_t *frames, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		pmm_free_frame(frames[i]);
}

static int alloc_frames(paddr_t *frames, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (pmm_alloc_frame(&frames[i])) {
			free_frames(frames, i);
			return -E_NOMEM;
		}
	return 0;
}

int swap_ram_on(struct swap_ram *r, paddr_t *frames, uint32_t nslots)
{
	*r = (struct swap_ram){ .dev = { ram_read, ram_write, nslots, "ramswap" }, .frame = frames };
	r->set_aside = swap_area.dev;
	if (r->set_aside && swap_disable())
		return -E_BUSY;
	int rc = alloc_frames(frames, nslots);
	if (rc == 0 && (rc = swap_enable(&r->dev)) != 0)
		free_frames(frames, nslots);
	if (rc && r->set_aside)
		swap_enable(r->set_aside);   /* a failed turn-on changes nothing */
	return rc;
}

int swap_ram_off(struct swap_ram *r)
{
	int rc = swap_disable();
	if (rc)
		return rc;
	free_frames(r->frame, r->dev.nslots);
	if (r->set_aside)
		swap_enable(r->set_aside);
	return 0;
}
