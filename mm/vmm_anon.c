/*
 * mm/vmm_anon.c - anonymous memory as the first lie: reserving it costs
 * no RAM (whole table-sized ranges share the zero table, partial ones stay
 * unmapped until the fault path maps the zero page), and giving it back
 * returns every frame and table it ended up with.
 */
#include "mm/vmm.h"
#include "mm/vmm_region.h"
#include "mm/pmm.h"

static vaddr_t span_base(vaddr_t va) { return va & ~(arch_vmm_table_span - 1); }

int vmm_map_anon(unsigned slot, vaddr_t start, size_t len, unsigned prot)
{
	vaddr_t end = start + len;
	if (end < start)
		return -E_INVAL;
	int rc = vmm_region_add(slot, start, end, prot);
	if (rc)
		return rc;
	/* Whole spans with no table yet go on the zero table; a span that
	 * already has a table (a neighbour lives there) keeps it. Memory that
	 * may not be read (PROT_NONE) stays unmapped: the zero table is readable. */
	if (!(prot & VMM_READ))
		return 0;
	for (vaddr_t va = ALIGN_UP(start, arch_vmm_table_span);
	     va >= start && va + arch_vmm_table_span <= end && va + arch_vmm_table_span > va;
	     va += arch_vmm_table_span)
		if (arch_vmm_table_kind(slot, va) == VMM_TABLE_NONE)
			arch_vmm_table_set_zero(slot, va);
	return 0;
}

/* Unmaps [from, to) inside one span; a span still on the zero table is
 * whole here (prepare_ends made the partial ones private), so this never
 * fails. */
static void unmap_in_span(unsigned slot, vaddr_t from, vaddr_t to)
{
	vaddr_t base = span_base(from);
	enum vmm_table_kind kind = arch_vmm_table_kind(slot, base);
	if (kind == VMM_TABLE_NONE)
		return;
	/* Every entry gone and every frame's reference dropped, in one pass
	 * (as release_frame would: never the zero page). */
	if (kind == VMM_TABLE_PRIVATE)
		arch_vmm_table_unmap_release(slot, from, to, vmm_zero_page());
	arch_vmm_table_release_if_empty(slot, base);
}

/* The span holding va needs a private table for a partial unmap when it
 * is on the zero table and [start, end) does not cover it whole. */
static bool needs_private(unsigned slot, vaddr_t va, vaddr_t start, vaddr_t end)
{
	vaddr_t base = span_base(va);
	bool whole = base >= start && end - base >= arch_vmm_table_span;
	return !whole && arch_vmm_table_kind(slot, base) == VMM_TABLE_ZERO;
}

/* Puts a span made private by prepare_ends back on the zero table: the
 * same view as before, and the table's frame back to the PMM. */
static void undo_private(unsigned slot, vaddr_t base)
{
	arch_vmm_table_unmap_release(slot, base, base + arch_vmm_table_span, vmm_zero_page());
	arch_vmm_table_set_zero(slot, base);
}

/* Only the first and last spans of a range can be partial: their zero
 * tables become private before anything is removed, so the only step of
 * an unmap that needs a frame comes first and is undone on failure. */
static int prepare_ends(unsigned slot, vaddr_t start, vaddr_t end, vaddr_t made[2], unsigned *n)
{
	vaddr_t ends[2] = { span_base(start), span_base(end - 1) };
	*n = 0;
	for (unsigned i = 0; i < 2; i++) {
		if ((i && ends[1] == ends[0]) || !needs_private(slot, ends[i], start, end))
			continue;
		if (arch_vmm_table_make_private(slot, ends[i])) {
			while (*n)
				undo_private(slot, made[--*n]);
			return -E_NOMEM;
		}
		made[(*n)++] = ends[i];
	}
	return 0;
}

int vmm_unmap_range(unsigned slot, vaddr_t start, size_t len)
{
	vaddr_t end = start + len;
	if ((start | end) & (PAGE_SIZE - 1) || end <= start || end > arch_vmm_user_end)
		return -E_INVAL;
	/* Everything that can fail first: the private tables of partial ends,
	 * then room for the region records (a split may need it); only then
	 * do pages go, which cannot fail, and then the records (a file's
	 * backing may let its object go only once no page maps it). */
	vaddr_t made[2];
	unsigned n;
	if (prepare_ends(slot, start, end, made, &n))
		return -E_NOMEM;
	if (vmm_region_remove_prepare(slot, start, end)) {
		while (n)
			undo_private(slot, made[--n]);
		return -E_NOMEM;
	}
	vmm_unmap_pages(slot, start, end);
	vmm_region_remove(slot, start, end);   /* room is there: cannot fail */
	return 0;
}

void vmm_unmap_pages(unsigned slot, vaddr_t start, vaddr_t end)
{
	for (vaddr_t va = start; (va = arch_vmm_next_mapped(slot, va, end)) < end;) {
		/* next_mapped found the span's first mapped page: the work in
		 * that span starts at the span's base or the range's start. */
		vaddr_t from = span_base(va) > start ? span_base(va) : start;
		vaddr_t next = span_base(va) + arch_vmm_table_span;
		vaddr_t to = next < end && next > va ? next : end;
		unmap_in_span(slot, from, to);
		va = to;
	}
}

int vmm_protect_range(unsigned slot, vaddr_t start, size_t len, unsigned prot)
{
	int rc = vmm_region_set_prot(slot, start, start + len, prot);
	if (rc)
		return rc;
	for (vaddr_t va = start; va - start < len; va += PAGE_SIZE) {
		struct vmm_page_info info;
		arch_vmm_query(slot, va, &info);
		if (info.kind != VMM_PAGE_MAPPED)
			continue;
		unsigned p = prot | VMM_USER;
		if (info.pa == vmm_zero_page() || pmm_refcount(info.pa) > 1)
			p &= ~VMM_WRITE;   /* still a lie: the next write resolves it */
		arch_vmm_protect(slot, va, p);
	}
	return 0;
}

void vmm_lie_stats(unsigned slot, struct vmm_lie_stats *out)
{
	*out = (struct vmm_lie_stats){ 0 };
	vaddr_t top = arch_vmm_user_end;
	for (vaddr_t va = 0; (va = arch_vmm_next_mapped(slot, va, top)) < top;) {
		vaddr_t base = span_base(va);
		va = base + arch_vmm_table_span;
		enum vmm_table_kind kind = arch_vmm_table_kind(slot, base);
		if (kind == VMM_TABLE_ZERO)
			out->zero_table_ranges++;
		if (kind != VMM_TABLE_PRIVATE)
			continue;
		vaddr_t end = base + arch_vmm_table_span;
		for (vaddr_t va = base; (va = arch_vmm_next_mapped(slot, va, end)) < end; va += PAGE_SIZE) {
			struct vmm_page_info info;
			arch_vmm_query(slot, va, &info);
			if (info.kind != VMM_PAGE_MAPPED)
				continue;
			if (info.pa == vmm_zero_page())
				out->zero_page_maps++;
			else if (pmm_refcount(info.pa) > 1)
				out->shared_frames++;
			else
				out->private_frames++;
		}
	}
}
