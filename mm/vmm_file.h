/*
 * mm/vmm_file.h - regions backed by a file's pages in the page cache
 * (docs/mapped-files.md). A MAP_PRIVATE region maps the cache frame
 * read-only and copies it at the first write; a MAP_SHARED one maps the
 * cache frame itself, read-only while the page is clean, so the first write
 * faults and marks it dirty (the software scheme, alike on both ports: ARM
 * short descriptors have no dirty bit). The file is reached only through
 * its struct pcache_object and its pager: mm/ never sees fs/.
 */
#ifndef MM_VMM_FILE_H
#define MM_VMM_FILE_H

#include "mm/vmm.h"
#include "mm/vmm_region.h"

struct pcache_object;

/* Pages of a file mmap can reach (the page cache's 20-bit index). */
#define VMM_FILE_MAX_PAGES 0x100000u

/* Maps [start, start + len) (page aligned, free) of slot to obj's pages
 * from pgoff on, with the rights prot and kind VMM_RF_SHARED and/or
 * VMM_RF_NOWRITE (0: MAP_PRIVATE). No page is touched. Returns 0, -E_INVAL
 * (bad range, past the index), or -E_NOMEM (no backing entry or record). */
int vmm_map_file(unsigned slot, vaddr_t start, size_t len, unsigned prot,
		 struct pcache_object *obj, uint32_t pgoff, unsigned kind);

/* msync: writes back the files of every shared region in [start, end).
 * Returns 0, -E_NOMEM (a part of the range has no region), or the first
 * write error. */
int vmm_msync(unsigned slot, vaddr_t start, vaddr_t end);

/* Unmaps every file-backed region of slot (exit, while the process can
 * still sleep: the write-backs and releases may). */
void vmm_unmap_files(unsigned slot);

/* Called by the page cache (mm/pcache.c) for a mapped object: before a
 * write-back, every writable mapping of it loses write access (so a later
 * store faults and marks the page dirty again); before a truncation to
 * first pages, every mapping loses its pages from first on (cache frames
 * and private copies), so no stale frame stays mapped. No reverse map:
 * every slot's backings are scanned (both are rare). */
void vmm_file_write_protect(struct pcache_object *obj);
void vmm_file_cut(struct pcache_object *obj, uint32_t first);

/* The fault path's part (mm/vmm_file_fault.c), for an access the file
 * region at va (page aligned, region rights prot) allows: a page not
 * mapped yet comes from the page cache, a write to a clean shared page
 * marks it dirty; the rest is resolved as for anonymous memory
 * (vmm_fault_resolve_anon). Returns vmm_fault's codes, and -E_RANGE (the
 * page lies wholly past the end of the file: the process dies, SIGBUS-like)
 * or -E_IO (the pager failed). */
int vmm_file_fault(unsigned slot, vaddr_t va, enum vmm_access access, unsigned prot);

/* mm/vmm_fault.c's resolution of a page as anonymous memory, given its
 * entry (for the file path). */
int vmm_fault_resolve_anon(unsigned slot, vaddr_t va, enum vmm_access access,
			   const struct vmm_page_info *info, unsigned prot);

/* What page va of file region r is, for vmmap. */
enum vmm_file_page {
	VMM_FILE_UNREAD,     /* not mapped here and not in the cache */
	VMM_FILE_CACHED,     /* not mapped here, in the cache (a touch costs a mapping) */
	VMM_FILE_MAPPED,     /* the cache frame itself, clean */
	VMM_FILE_DIRTY,      /* the cache frame, changed since written back */
	VMM_FILE_PRIVATE,    /* a private copy (written in a MAP_PRIVATE region) */
};
enum vmm_file_page vmm_file_page_state(unsigned slot, const struct vmm_region *r, vaddr_t va);

/* The object behind file region r (NULL for anonymous memory), and the
 * file page of va in it. */
struct pcache_object *vmm_file_object(unsigned slot, const struct vmm_region *r);
uint32_t vmm_file_index(unsigned slot, const struct vmm_region *r, vaddr_t va);

#endif
