/*
 * kernel/exec_map.c - demand-paged exec (see exec_map.h). Nothing of the
 * program is read here but the tail of its writable data: every other page
 * comes from the page cache at its first touch, through the fault path.
 */
#include "kernel/exec_map.h"
#include "kernel/usercopy.h"
#include "fs/vfs/vfs.h"
#include "mm/pcache.h"
#include "mm/vmm_file.h"

/* Bytes [off, off + len) of n, inside one page, to user address va:
 * from the page cache (no I/O when the program is there already). */
static int copy_file_to_user(struct vfs_node *n, uint32_t off, vaddr_t va, uint32_t len)
{
	paddr_t pa;
	int rc = pcache_get(&n->pages, off / PAGE_SIZE, &pa);
	if (rc)
		return rc;
	rc = copy_to_user(va, (const char *)arch_vmm_phys_to_virt(pa) + off % PAGE_SIZE, len);
	pcache_put(pa);
	return rc == -E_FAULT ? -E_BADFMT : rc;
}

static int region_error(int rc)
{
	return rc == -E_INVAL ? -E_BADFMT : rc;
}

int exec_map_segment(unsigned slot, struct vfs_node *n, const struct elf_segment *s)
{
	if ((s->vaddr - s->offset) % PAGE_SIZE)
		return -E_BADFMT;
	bool writable = s->prot & VMM_WRITE;
	vaddr_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE), end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
	vaddr_t file_end = s->vaddr + s->filesz;
	vaddr_t mapped_end = writable ? ALIGN_DOWN(file_end, PAGE_SIZE) : ALIGN_UP(file_end, PAGE_SIZE);
	int rc = 0;
	if (mapped_end > start)
		rc = region_error(vmm_map_file(slot, start, mapped_end - start, s->prot, &n->pages,
					       (s->offset - (s->vaddr - start)) / PAGE_SIZE, 0));
	if (rc || end <= mapped_end)
		return rc;
	if (mapped_end < start)
		mapped_end = start;
	rc = region_error(vmm_map_anon(slot, mapped_end, end - mapped_end, s->prot));
	vaddr_t from = mapped_end > s->vaddr ? mapped_end : s->vaddr;
	if (!rc && writable && file_end > from)
		rc = copy_file_to_user(n, s->offset + (uint32_t)(from - s->vaddr), from,
				       (uint32_t)(file_end - from));
	return rc;
}
