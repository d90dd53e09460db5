/*
 * kernel/exec_map.c - demand-paged exec (see exec_map.h). Nothing of the
 * program is read here but the page where a segment's file bytes end and
 * its zeros (or its writable data) begin: every other page comes from the
 * page cache at its first touch, through the fault path.
 */
#include "kernel/exec_map.h"
#include "kernel/usercopy.h"
#include "kernel/arch.h"
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

/* The page that holds the segment's last file bytes and its first zeros
 * (memsz > filesz): anonymous, its file part copied in, so the zeros are
 * zeros and not the file's next bytes. A read-only segment's is written
 * through a writable mapping first and then given its own rights. */
static int map_tail(unsigned slot, struct vfs_node *n, const struct elf_segment *s,
		    vaddr_t from, vaddr_t end)
{
	bool writable = s->prot & VMM_WRITE;
	int rc = region_error(vmm_map_anon(slot, from, end - from, s->prot | VMM_WRITE));
	vaddr_t file_end = s->vaddr + s->filesz, at = from > s->vaddr ? from : s->vaddr;
	if (!rc && file_end > at)
		rc = copy_file_to_user(n, s->offset + (uint32_t)(at - s->vaddr), at,
				       (uint32_t)(file_end - at));
	if (!rc && file_end > at && (s->prot & VMM_EXEC))
		arch_sync_icache((const void *)at, file_end - at);
	if (!rc && !writable)
		rc = region_error(vmm_protect_range(slot, from, end - from, s->prot));
	return rc;
}

int exec_map_segment(unsigned slot, struct vfs_node *n, const struct elf_segment *s)
{
	if ((s->vaddr - s->offset) % PAGE_SIZE)
		return -E_BADFMT;
	vaddr_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE), end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
	vaddr_t file_end = s->vaddr + s->filesz;
	/* Whole file pages are mapped; the last partial one too when nothing
	 * follows the file's bytes in the segment (read-only, memsz ==
	 * filesz: what lies past them in that page is the file's, as mmap). */
	bool tail = (s->prot & VMM_WRITE) || s->memsz > s->filesz;
	vaddr_t mapped_end = tail ? ALIGN_DOWN(file_end, PAGE_SIZE) : ALIGN_UP(file_end, PAGE_SIZE);
	int rc = 0;
	if (mapped_end > start)
		rc = region_error(vmm_map_file(slot, start, mapped_end - start, s->prot, &n->pages,
					       (s->offset - (s->vaddr - start)) / PAGE_SIZE, 0));
	if (rc || end <= mapped_end)
		return rc;
	return map_tail(slot, n, s, mapped_end < start ? start : mapped_end, end);
}
