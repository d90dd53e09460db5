/*
 * kernel/syscall_mm.c - mmap of files (and anonymous memory at a chosen
 * address), mprotect and msync. mmap takes six arguments and system calls
 * carry five words on both ports, so prot and the MAP_* flags share one
 * word (their bits are disjoint, kernel/syscall_nr.h): the trap frames and
 * the entry paths stay as they are. The VMM does the work (mm/vmm_file.h);
 * this layer turns a descriptor into the file's page-cache object and
 * checks what the descriptor allows.
 */
#include "kernel/syscall_mm.h"
#include "kernel/syscall_nr.h"
#include "kernel/syscall_fs.h"
#include "kernel/file.h"
#include "kernel/proc.h"
#include "fs/vfs/vfs.h"
#include "mm/vmm_file.h"

#define MAP_KNOWN (PROT_READ | PROT_WRITE | PROT_EXEC | MAP_SHARED | MAP_PRIVATE | MAP_FIXED | \
		   MAP_ANONYMOUS)

unsigned mm_prot_from_user(uint32_t prot)
{
	return (prot & PROT_READ ? VMM_READ : 0) | (prot & PROT_WRITE ? VMM_WRITE | VMM_READ : 0) |
	       (prot & PROT_EXEC ? VMM_EXEC | VMM_READ : 0);
}

/* Where mmap puts mappings: above the sbrk heap's limit, below the stack
 * and the 2 MiB it may grow into. MAP_FIXED must stay inside too, so it
 * can never land on the program, its heap or its stack. */
static vaddr_t area_lo(void) { return arch_vmm_user_end / 2; }
static vaddr_t area_hi(void) { return arch_vmm_user_end - (2u << 20) - PAGE_SIZE; }

/* The page-cache object behind fd, and the region kind the descriptor
 * allows: a regular file open for reading; a shared writable mapping
 * needs it open for writing too (and a shared read-only one may never be
 * made writable by mprotect). */
static int file_object(int fd, uint32_t flags, struct pcache_object **obj, unsigned *kind)
{
	struct file *f = fd_file(fd);
	struct vfs_node *n = f ? file_node(f) : NULL;
	if (!n)
		return -E_INVAL;   /* not open, or the console or a pipe */
	if (n->type == VFS_DIR)
		return -E_ISDIR;
	uint32_t mode = file_flags(f) & VFS_O_ACCMODE;
	if (mode == VFS_O_WRONLY)
		return -E_PERM;
	*kind = flags & MAP_SHARED ? VMM_RF_SHARED : 0;
	if ((flags & MAP_SHARED) && mode == VFS_O_RDONLY) {
		if (flags & PROT_WRITE)
			return -E_PERM;
		*kind |= VMM_RF_NOWRITE;
	}
	*obj = &n->pages;
	return 0;
}

/* The address: the first fit in the area, or MAP_FIXED's, whose range is
 * emptied first (POSIX: the new mapping replaces what was there). */
static int place(unsigned slot, vaddr_t want, vaddr_t len, bool fixed, vaddr_t *at)
{
	vaddr_t lo = area_lo(), hi = area_hi();
	if (!fixed) {
		vaddr_t align = len >= arch_vmm_table_span ? arch_vmm_table_span : PAGE_SIZE;
		*at = vmm_region_find_free(slot, lo, hi, len, align, PAGE_SIZE);
		return *at ? 0 : -E_NOMEM;
	}
	if ((want & (PAGE_SIZE - 1)) || want < lo || want > hi || len > hi - want)
		return -E_INVAL;
	*at = want;
	return vmm_unmap_range(slot, want, len);
}

/* mmapx(addr, length, prot | flags, fd, offset) -> address. */
int sys_mmapx(const uint32_t a[5])
{
	uint32_t flags = a[2], type = flags & (MAP_SHARED | MAP_PRIVATE);
	vaddr_t len = ALIGN_UP(a[1], PAGE_SIZE);
	bool anon = flags & MAP_ANONYMOUS;
	if (!a[1] || len < a[1] || (flags & ~MAP_KNOWN) || (type != MAP_SHARED && type != MAP_PRIVATE) ||
	    (a[4] & (PAGE_SIZE - 1)) || (anon && type == MAP_SHARED))
		return -E_INVAL;
	struct pcache_object *obj = NULL;
	unsigned kind = 0, slot = proc_current()->slot;
	if (!anon && a[4] / PAGE_SIZE + len / PAGE_SIZE > VMM_FILE_MAX_PAGES)
		return -E_INVAL;   /* past the 4 GiB a file can have */
	int rc = anon ? 0 : file_object((int)a[3], flags, &obj, &kind);
	vaddr_t at = 0;
	if (!rc)
		rc = place(slot, a[0], len, flags & MAP_FIXED, &at);
	if (rc)
		return rc;
	unsigned prot = mm_prot_from_user(flags);
	rc = anon ? vmm_map_anon(slot, at, len, prot)
		  : vmm_map_file(slot, at, len, prot, obj, a[4] / PAGE_SIZE, kind);
	if (rc)
		return rc == -E_INVAL ? -E_NOMEM : rc;
	return (int)at;
}

static bool user_range_ok(uint32_t addr, uint32_t len)
{
	return !(addr & (PAGE_SIZE - 1)) && len && addr < arch_vmm_user_end &&
	       len <= arch_vmm_user_end - addr;
}

/* mprotect(addr, length, prot): the range must lie inside one mapping; a
 * shared mapping of a file opened read-only never becomes writable. */
int sys_mprotect(const uint32_t a[5])
{
	unsigned slot = proc_current()->slot;
	if (!user_range_ok(a[0], a[1]) || (a[2] & ~(uint32_t)(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -E_INVAL;
	const struct vmm_region *r = vmm_region_find(slot, a[0]);
	if (r && (r->prot & VMM_RF_NOWRITE) && (a[2] & PROT_WRITE))
		return -E_PERM;
	return vmm_protect_range(slot, a[0], ALIGN_UP(a[1], PAGE_SIZE), mm_prot_from_user(a[2]));
}

/* msync(addr, length): the shared file mappings there are written back. */
int sys_msync(const uint32_t a[5])
{
	if (!user_range_ok(a[0], a[1]))
		return -E_INVAL;
	return vmm_msync(proc_current()->slot, a[0], a[0] + ALIGN_UP(a[1], PAGE_SIZE));
}
