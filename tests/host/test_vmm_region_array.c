/*
 * tests/host/test_vmm_region_array.c - the sorted region array of
 * mm/vmm_region_array.c against a page-by-page model: random adds,
 * removes and rights changes must leave the array sorted, disjoint,
 * merged where it can be, and saying exactly what the model says.
 */
#include "htest.h"
#include "mm/vmm_region_array.h"
#include <stdlib.h>

#define PAGES 256
#define PG 4096u
#define CAP (PAGES + 2)

static struct vmm_region a[CAP];
static unsigned n;
static unsigned model[PAGES];   /* 0: no region, else prot */

static unsigned model_at(uintptr_t va) { return model[va / PG]; }

/* Sorted, disjoint, non-empty, fully merged, and the model page for page. */
static int consistent(void)
{
	for (unsigned i = 0; i < n; i++) {
		if (a[i].start >= a[i].end)
			return 0;
		if (i && (a[i - 1].end > a[i].start ||
			  (a[i - 1].end == a[i].start && a[i - 1].prot == a[i].prot)))
			return 0;
	}
	for (uintptr_t va = 0; va < PAGES * PG; va += PG) {
		int i = vmm_rarray_find(a, n, va);
		unsigned got = i < 0 ? 0 : a[i].prot;
		if (got != model_at(va))
			return 0;
	}
	return 1;
}

static void set_model(uintptr_t s, uintptr_t e, unsigned prot)
{
	for (uintptr_t va = s; va < e; va += PG)
		model[va / PG] = prot;
}

static int model_free(uintptr_t s, uintptr_t e)
{
	for (uintptr_t va = s; va < e; va += PG)
		if (model_at(va))
			return 0;
	return 1;
}

HTEST(region_array_random_against_a_model)
{
	srand(9);
	n = 0;
	memset(model, 0, sizeof model);
	for (int step = 0; step < 200000; step++) {
		uintptr_t s = (uintptr_t)(rand() % PAGES) * PG, len = (uintptr_t)(1 + rand() % 8) * PG;
		uintptr_t e = s + len > PAGES * PG ? PAGES * PG : s + len;
		unsigned prot = 1 + (unsigned)(rand() % 2);
		int op = rand() % 3;
		if (op == 0) {
			int overlaps = vmm_rarray_overlaps(a, n, s, e);
			HCHECK_EQ(overlaps, !model_free(s, e));
			if (overlaps)
				continue;
			int delta = vmm_rarray_add_delta(a, n, s, e, prot);
			unsigned was = n;
			n = vmm_rarray_add(a, n, s, e, prot);
			HCHECK_EQ((int)n - (int)was, delta);
			set_model(s, e, prot);
		} else if (op == 1) {
			int splits = vmm_rarray_remove_splits(a, n, s, e);
			unsigned was = n;
			n = vmm_rarray_remove(a, n, s, e);
			HCHECK(n <= was + (unsigned)splits);
			HCHECK(!splits || n == was + 1);
			set_model(s, e, 0);
		} else {
			if (!vmm_rarray_within_one(a, n, s, e))
				continue;
			n = vmm_rarray_set_prot(a, n, s, e, prot);
			set_model(s, e, prot);
		}
		HCHECK(n <= CAP - 2);
		HCHECK(consistent());
	}
}

HTEST(region_array_first_fit)
{
	n = 0;
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x10000, 0x100000, PG, PG, PG), 0x10000);
	n = vmm_rarray_add(a, n, 0x10000, 0x12000, 1);
	n = vmm_rarray_add(a, n, 0x15000, 0x16000, 1);
	n = vmm_rarray_add(a, n, 0x40000, 0x50000, 1);
	/* A page between the two first records: 0x13000 (guards 0x12000, 0x14000). */
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x10000, 0x100000, PG, PG, PG), 0x13000);
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x10000, 0x100000, 2 * PG, PG, PG), 0x17000);
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x10000, 0x100000, 0x10000, 0x10000, PG), 0x20000);
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x10000, 0x100000, 0x30000, PG, PG), 0x51000);
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x10000, 0x80000, 0x30000, PG, PG), 0);
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x41000, 0x80000, PG, PG, PG), 0x51000);
	HCHECK_EQ(vmm_rarray_find_gap(a, n, 0x10000, 0x100000, 0, PG, PG), 0);
}

/* The kind bits above VMM_RKIND_SHIFT (a file backing, shared or not):
 * records of different kinds never merge, a rights change keeps the kind,
 * and pieces cut from a record keep it too. */
HTEST(region_array_kinds_never_merge_and_survive_rights_changes)
{
	unsigned file = 0x10000u | 0x100u;
	n = 0;
	n = vmm_rarray_add(a, n, 0x10000, 0x12000, 3);
	n = vmm_rarray_add(a, n, 0x12000, 0x14000, 3 | file);
	HCHECK_EQ(n, 2);
	n = vmm_rarray_add(a, n, 0x14000, 0x15000, 3 | file);
	HCHECK_EQ(n, 2);   /* the same kind: merged */
	n = vmm_rarray_set_prot(a, n, 0x13000, 0x14000, 1);
	HCHECK_EQ(n, 4);
	HCHECK_EQ(a[2].prot, 1 | file);
	HCHECK_EQ(a[1].prot, 3 | file);
	HCHECK_EQ(a[3].prot, 3 | file);
	n = vmm_rarray_remove(a, n, 0x12000, 0x13000);
	HCHECK_EQ(n, 3);
	HCHECK_EQ(a[1].start, 0x13000);
	HCHECK_EQ(a[1].prot, 1 | file);
	n = vmm_rarray_set_prot(a, n, 0x13000, 0x14000, 3);
	HCHECK_EQ(n, 2);   /* the same kind and rights again: merged */
	HCHECK_EQ(a[1].prot, 3 | file);
	HCHECK_EQ(a[1].end, 0x15000);
	n = vmm_rarray_remove(a, n, 0x14000, 0x15000);
	n = vmm_rarray_add(a, n, 0x14000, 0x15000, 3);
	HCHECK_EQ(n, 3);   /* anonymous next to the file: apart */
	n = vmm_rarray_remove(a, n, 0x13000, 0x14000);
	n = vmm_rarray_add(a, n, 0x12000, 0x14000, 3);
	HCHECK_EQ(n, 1);   /* now all anonymous: one record */
}
