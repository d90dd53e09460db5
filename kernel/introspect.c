/*
 * kernel/introspect.c - the lies made visible: memory statistics, the
 * process list, and a page-by-page map of an address space that tells
 * apart unmapped pages, the zero page, the zero table, private frames,
 * copy-on-write shared frames (with their reference counts), and pages on
 * the swap area or in the swap cache (with their slots).
 */
#include "kernel/introspect.h"
#include "fs/cache/bcache.h"
#include "mm/pcache.h"
#include "kernel/usercopy.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vmm_region.h"
#include "mm/vmm_file.h"
#include "mm/swap.h"
#include "lib/string.h"

static void swap_meminfo(struct mendax_meminfo *m)
{
	struct swap_stats w;
	swap_get_stats(&w);
	m->swap_on = w.enabled;
	m->swap_failed = w.failed;
	m->swap_total = w.total;
	m->swap_used = w.used;
	m->swap_free = w.total - w.used - w.bad;
	m->swap_bad = w.bad;
	m->swap_cached = w.cached;
	m->swap_outs = w.outs;
	m->swap_ins = w.ins;
	memcpy(m->swap_name, w.name, sizeof m->swap_name);
}

/* The caches are shown, not dropped (drop_caches does that): page-cache
 * frames are reported apart from "used", which is what processes, the
 * kernel and its heap hold. Empty heap pages are trimmed first. */
void introspect_meminfo(struct mendax_meminfo *m)
{
	struct pmm_stats s;
	struct kheap_stats h;
	struct pcache_stats c;
	unsigned buffers, dirty_buffers;
	kheap_trim();
	pmm_get_stats(&s);
	kheap_get_stats(&h);
	pcache_get_stats(&c);
	bcache_counts(&buffers, &dirty_buffers);
	*m = (struct mendax_meminfo){ .total_frames = s.total, .free_frames = s.free,
		.used_frames = s.used - c.cached, .reserved_frames = s.reserved,
		.max_processes = CONFIG_MAX_PROCS - 1, .heap_pages = h.pages,
		.cache_buffers = buffers, .file_cached = c.cached, .file_dirty = c.dirty,
		.file_mapped = c.mapped, .cache_table_frames = c.table_frames,
		.file_reads = c.reads, .file_writes = c.writes };
	for (unsigned slot = 1; slot < proc_slot_bound(); slot++) {
		struct proc *p = proc_by_slot(slot);
		if (!p || p->state == P_ZOMBIE)
			continue;
		struct vmm_lie_stats st;
		vmm_lie_stats(slot, &st);
		m->zero_table_ranges += st.zero_table_ranges;
		m->zero_page_maps += st.zero_page_maps;
		m->shared_cow_pages += st.shared_frames;
		m->processes++;
	}
	swap_meminfo(m);
}

bool introspect_proc(unsigned slot, struct mendax_procinfo *info)
{
	struct proc *p = proc_by_slot(slot);
	if (!p)
		return false;
	struct vmm_lie_stats st = { 0 };
	uint32_t resident = 0, swapped = 0;
	if (p->state != P_ZOMBIE) {
		vmm_lie_stats(slot, &st);
		vmm_swap_counts(slot, &resident, &swapped);
	}
	*info = (struct mendax_procinfo){ p->pid, p->parent ? p->parent->pid : 0,
		p->state == P_ZOMBIE ? 'Z' : p->state == P_SLEEPING ? 'S' : 'R', { 0 },
		st.private_frames, st.shared_frames, st.zero_page_maps, st.zero_table_ranges,
		resident, swapped };
	for (int i = 0; i < PROC_NAME_MAX && p->name[i]; i++)
		info->name[i] = p->name[i];
	return true;
}

/* What a page is besides its kind: its frame's owners, its swap slot. */
struct vm_page {
	unsigned refs;
	uint32_t swap_slot;
};

/* A page on the swap area, or mapped from the swap cache (an anonymous
 * frame that is a page-cache frame can only be the swap cache's: its
 * index is the slot). Sets pg and returns the kind, or VM_UNMAPPED. */
static unsigned swap_kind(const struct vmm_page_info *info, struct vm_page *pg)
{
	struct pcache_object *obj;
	bool dirty;
	if (info->kind == VMM_PAGE_SWAPPED) {
		*pg = (struct vm_page){ 0, info->swap_slot };
		return VM_SWAPPED;
	}
	if (info->kind == VMM_PAGE_MAPPED && pcache_frame_info(info->pa, &obj, &pg->swap_slot, &dirty)) {
		pg->refs = pmm_refcount(info->pa);
		return VM_SWAP_CACHED;
	}
	pg->swap_slot = 0;
	return VM_UNMAPPED;
}

/* A page of a file region: a swapped private copy is shown as such, then
 * the page cache's view of it. */
static unsigned file_page_kind(unsigned slot, const struct vmm_region *r, vaddr_t va,
			       struct vm_page *pg)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	*pg = (struct vm_page){ 0, 0 };
	if (info.kind == VMM_PAGE_SWAPPED)
		return swap_kind(&info, pg);
	unsigned *refs = &pg->refs;
	*refs = info.kind == VMM_PAGE_MAPPED ? pmm_refcount(info.pa) : 0;
	switch (vmm_file_page_state(slot, r, va)) {
	case VMM_FILE_UNREAD: return VM_FILE_UNREAD;
	case VMM_FILE_CACHED: return VM_FILE_CACHED;
	case VMM_FILE_MAPPED: return VM_FILE_MAPPED;
	case VMM_FILE_DIRTY: return VM_FILE_DIRTY;
	default: return *refs > 1 ? VM_COW_SHARED : VM_FILE_PRIVATE;
	}
}

static unsigned page_kind(unsigned slot, vaddr_t va, struct vm_page *pg)
{
	struct vmm_page_info info;
	arch_vmm_query(slot, va, &info);
	*pg = (struct vm_page){ 0, 0 };
	if (info.kind == VMM_PAGE_ZERO_TABLE)
		return VM_ZERO_TABLE;
	if (info.kind == VMM_PAGE_UNMAPPED)
		return VM_UNMAPPED;
	if (info.kind == VMM_PAGE_MAPPED && info.pa == vmm_zero_page())
		return VM_ZERO_PAGE;
	unsigned kind = swap_kind(&info, pg);
	if (kind != VM_UNMAPPED)
		return kind;
	pg->refs = pmm_refcount(info.pa);
	return pg->refs > 1 ? VM_COW_SHARED : VM_PRIVATE;
}

/* Ranges are counted all the way through; only the first max are copied
 * out (like snprintf), so a caller learns how big a buffer it needs. */
struct vm_out {
	vaddr_t buf;
	uint32_t max, n;          /* n: ranges closed so far, copied or not */
	struct mendax_vmrange cur;
	bool open, fault;
};

static void close_range(struct vm_out *o)
{
	if (o->n < o->max && !o->fault &&
	    copy_to_user(o->buf + o->n * sizeof o->cur, &o->cur, sizeof o->cur))
		o->fault = true;
	o->n++;
}

/* What a range's pages have in common besides their kind. */
struct vm_file {
	unsigned map, file_page;
	char name[16];
};

static bool is_swap_kind(unsigned kind)
{
	return kind == VM_SWAPPED || kind == VM_SWAP_CACHED;
}

/* Does a page with these properties continue the open range? Pages on
 * swap continue it only in the next slot, so a range names its slots. */
static bool continues(const struct vm_out *o, vaddr_t start, unsigned kind,
		      const struct vm_page *pg, unsigned prot, const struct vm_file *f)
{
	const struct mendax_vmrange *c = &o->cur;
	uint32_t pages = (start - c->start) / PAGE_SIZE;
	if (!o->open || c->end != start || c->kind != kind || c->prot != prot || c->map != f->map)
		return false;
	if (f->map && (c->file_page + pages != f->file_page || strcmp(c->name, f->name)))
		return false;
	if (is_swap_kind(kind) && c->swap_slot + pages != pg->swap_slot)
		return false;
	return c->refcount == pg->refs || (kind != VM_COW_SHARED && kind != VM_FILE_MAPPED &&
					   kind != VM_FILE_DIRTY && kind != VM_SWAP_CACHED);
}

/* Extends the open range or closes it and starts a new one. */
static void emit(struct vm_out *o, vaddr_t start, vaddr_t end, unsigned kind,
		 const struct vm_page *pg, unsigned prot, const struct vm_file *f)
{
	if (continues(o, start, kind, pg, prot, f)) {
		o->cur.end = end;
		return;
	}
	if (o->open)
		close_range(o);
	o->cur = (struct mendax_vmrange){ start, end, kind, pg->refs, prot, f->map, f->file_page,
					  { 0 }, pg->swap_slot };
	memcpy(o->cur.name, f->name, sizeof o->cur.name);
	o->open = true;
}

/* The file of region r (map 0 when it is anonymous). */
static void file_of(unsigned slot, const struct vmm_region *r, struct vm_file *f)
{
	struct pcache_object *obj = vmm_file_object(slot, r);
	*f = (struct vm_file){ 0, 0, { 0 } };
	if (!obj)
		return;
	f->map = r->prot & VMM_RF_SHARED ? MAP_SHARED : MAP_PRIVATE;
	if (obj->ops->name)
		obj->ops->name(obj, f->name, sizeof f->name);
}

static unsigned user_prot(unsigned prot)
{
	return (prot & VMM_READ ? PROT_READ : 0) | (prot & VMM_WRITE ? PROT_WRITE : 0) |
	       (prot & VMM_EXEC ? PROT_EXEC : 0);
}

/* The region with the lowest start at or above from (regions are few). */
int introspect_vmmap(struct proc *p, vaddr_t buf, uint32_t max)
{
	struct vm_out o = { buf, max, 0, { 0 }, false, false };
	const struct vmm_region *r;
	/* vmm_region_at walks the records in address order (they are kept sorted). */
	for (unsigned i = 0; (r = vmm_region_at(p->slot, i)); i++) {
		struct vm_file f;
		file_of(p->slot, r, &f);
		for (vaddr_t va = r->start; va < r->end && !o.fault; va += PAGE_SIZE) {
			if (f.map)
				f.file_page = vmm_file_index(p->slot, r, va);
			struct vm_page pg;
			unsigned kind = f.map ? file_page_kind(p->slot, r, va, &pg)
					      : page_kind(p->slot, va, &pg);
			emit(&o, va, va + PAGE_SIZE, kind, &pg, user_prot(r->prot), &f);
		}
	}
	if (o.open)
		close_range(&o);
	return o.fault ? -E_FAULT : (int)o.n;
}
