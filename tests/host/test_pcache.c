/*
 * tests/host/test_pcache.c - the page cache's index, references, write-back
 * and reclaim (mm/pcache.c) over the real PMM on a made-up map whose
 * "physical" memory is a host buffer, with a pager that serves a file held
 * in a host array and counts its calls.
 */
#include "htest.h"
#include "mm/pcache.h"
#include "mm/pmm.h"
#include <stdlib.h>

#define RAM_BYTES 0x400000u           /* 4 MiB: frames 0x100..0x3ff usable */
static unsigned char *ram;
static struct memmap map;
static void *db, *tables;

void *arch_vmm_phys_to_virt(paddr_t pa) { return ram + pa; }
bool sched_can_sleep(void) { return false; }
void sched_sleep_unkillable(const void *chan) { (void)chan; }
/* A sleep runs what the test says happens meanwhile (htest.h). */
void (*host_sleep_hook)(const void *chan);
void sched_sleep(const void *chan)
{
	if (host_sleep_hook)
		host_sleep_hook(chan);
}
void sched_wakeup(const void *chan) { (void)chan; }

/* The VMM's side of mapped objects (mm/vmm_file.c): counted, and what
 * they were asked. */
static int protects, cuts;
static uint32_t cut_first;
void vmm_file_write_protect(struct pcache_object *o) { (void)o; protects++; }
void vmm_file_cut(struct pcache_object *o, uint32_t first) { (void)o; cuts++; cut_first = first; }

/* The "file": 64 KiB whose byte i is (i * 7) & 0xff, and what was written. */
static unsigned char file[65536];
static int reads, writes, fail_read, fail_write;

static int fake_read(struct pcache_object *o, uint32_t index, void *kva)
{
	reads++;
	if (fail_read)
		return -E_IO;
	uint32_t off = index * PAGE_SIZE;
	for (uint32_t b = 0; b < PAGE_SIZE; b++)
		((unsigned char *)kva)[b] = off + b < o->size ? file[off + b] : 0;
	return 0;
}

/* A store through a mapping while a write-back sleeps: the frame this
 * write-back dirties (a write fault elsewhere in the file), or 0. */
static paddr_t dirty_during_write;

static int fake_write(struct pcache_object *o, uint32_t index, const void *kva, uint32_t len)
{
	(void)o;
	writes++;
	if (dirty_during_write) {
		pcache_mark_dirty(dirty_during_write);
		dirty_during_write = 0;
	}
	if (fail_write)
		return -E_IO;
	memcpy(file + index * PAGE_SIZE, kva, len);
	return 0;
}

static const struct pager_ops fake_ops = { fake_read, fake_write, NULL, NULL, NULL, NULL };
static struct pcache_object obj;

static uint32_t free_frames(void)
{
	struct pmm_stats s;
	pmm_get_stats(&s);
	return s.free;
}

static void setup(void)
{
	if (!ram)
		ram = calloc(1, RAM_BYTES);
	memset(&map, 0, sizeof map);
	memmap_add(&map, 0, 0x100000, MEM_RESERVED, "low");
	memmap_add(&map, 0x100000, RAM_BYTES - 0x100000, MEM_USABLE, "ram");
	memmap_normalize(&map);
	free(db);
	free(tables);
	db = malloc(pmm_db_bytes(&map));
	if (pmm_init(&map, db, pmm_db_bytes(&map)))
		abort();
	size_t bytes = pcache_table_bytes(RAM_BYTES / PAGE_SIZE);
	tables = malloc(bytes);
	pcache_init(tables, bytes);
	for (unsigned i = 0; i < sizeof file; i++)
		file[i] = (unsigned char)(i * 7);
	reads = writes = fail_read = fail_write = 0;
	obj = (struct pcache_object){ &fake_ops, 40000, 0, 0, 0 };
	protects = cuts = 0;
	dirty_during_write = 0;
}

void htest_pcache_setup(void)
{
	setup();
}

HTEST(pcache_get_reads_once_and_shares_the_frame)
{
	setup();
	paddr_t a, b;
	HCHECK_EQ(pcache_get(&obj, 2, &a), 0);
	HCHECK_EQ(pcache_get(&obj, 2, &b), 0);
	HCHECK_EQ(a, b);
	HCHECK_EQ(reads, 1);
	HCHECK_EQ(pmm_refcount(a), 3);   /* the cache's own and two callers' */
	HCHECK_EQ(ram[a + 5], (unsigned char)((2 * PAGE_SIZE + 5) * 7));
	HCHECK_EQ(obj.pages, 1);
	pcache_put(a);
	pcache_put(b);
	HCHECK_EQ(pmm_refcount(a), 1);
}

/* The fault path's lookup takes its reference inline (mm/pcache.c): one
 * more owner on a hit, and at a saturated count a refusal that leaves the
 * count as it was (never a wrap to 0, never a mapping without a reference). */
HTEST(pcache_lookup_references_and_refuses_a_saturated_count)
{
	setup();
	paddr_t a, b;
	HCHECK_EQ(pcache_get(&obj, 3, &a), 0);
	pcache_put(a);
	HCHECK_EQ(pcache_lookup(&obj, 3, &b), 0);
	HCHECK_EQ(b, a);
	HCHECK_EQ(pmm_refcount(a), 2);
	pcache_put(b);
	struct pmm_frame *f = pmm_used_record(a);
	f->refcount = UINT16_MAX;
	HCHECK_EQ(pcache_lookup(&obj, 3, &b), -E_NOMEM);
	HCHECK_EQ(pmm_refcount(a), UINT16_MAX);
	f->refcount = 1;
	HCHECK_EQ(reads, 1);
}

HTEST(pcache_partial_last_page_reads_zeros_past_the_end)
{
	setup();
	paddr_t a;
	HCHECK_EQ(pcache_get(&obj, 9, &a), 0);   /* 40000 = 9 pages + 3136 bytes */
	HCHECK_EQ(ram[a + 3135], (unsigned char)((9 * PAGE_SIZE + 3135) * 7));
	HCHECK_EQ(ram[a + 3136], 0);
	HCHECK_EQ(ram[a + 4095], 0);
	pcache_put(a);
}

HTEST(pcache_read_error_caches_nothing_and_loses_no_frame)
{
	setup();
	uint32_t before = free_frames();
	fail_read = 1;
	paddr_t a;
	HCHECK_EQ(pcache_get(&obj, 1, &a), -E_IO);
	HCHECK_EQ(obj.pages, 0);
	HCHECK_EQ(free_frames(), before);
	HCHECK_EQ(pcache_lookup(&obj, 1, &a), -E_NOENT);
	fail_read = 0;
	HCHECK_EQ(pcache_get(&obj, 1, &a), 0);
	HCHECK_EQ(reads, 2);
	pcache_put(a);
}

HTEST(pcache_get_new_zeroes_without_reading)
{
	setup();
	paddr_t a;
	HCHECK_EQ(pcache_get_new(&obj, 12, &a), 0);
	HCHECK_EQ(reads, 0);
	HCHECK_EQ(ram[a], 0);
	HCHECK_EQ(ram[a + 4095], 0);
	pcache_put(a);
}

HTEST(pcache_sync_writes_dirty_pages_only_inside_the_object)
{
	setup();
	paddr_t a, b;
	HCHECK_EQ(pcache_get(&obj, 0, &a), 0);
	HCHECK_EQ(pcache_get(&obj, 9, &b), 0);
	ram[a] = 0xaa;
	ram[b + 100] = 0xbb;
	pcache_mark_dirty(a);
	pcache_mark_dirty(b);
	struct pcache_stats s;
	pcache_get_stats(&s);
	HCHECK_EQ(s.dirty, 2);
	HCHECK_EQ(pcache_object_sync(&obj), 0);
	HCHECK_EQ(writes, 2);
	HCHECK_EQ(file[0], 0xaa);
	HCHECK_EQ(file[9 * PAGE_SIZE + 100], 0xbb);
	HCHECK_EQ(file[40000], (unsigned char)(40000 * 7));   /* past the end: untouched */
	HCHECK_EQ(pcache_object_sync(&obj), 0);
	HCHECK_EQ(writes, 2);   /* clean now: nothing written again */
	pcache_put(a);
	pcache_put(b);
}

HTEST(pcache_failed_write_back_stays_dirty)
{
	setup();
	paddr_t a;
	HCHECK_EQ(pcache_get(&obj, 3, &a), 0);
	pcache_mark_dirty(a);
	pcache_put(a);
	fail_write = 1;
	HCHECK_EQ(pcache_object_sync(&obj), -E_IO);
	HCHECK_EQ(pcache_reclaim(100, true), 0);   /* dirty and unwritable: kept */
	fail_write = 0;
	HCHECK_EQ(pcache_object_sync(&obj), 0);
	HCHECK_EQ(writes, 3);   /* sync, reclaim's attempt, sync */
	HCHECK_EQ(pcache_reclaim(100, false), 1);
}

HTEST(pcache_drop_refuses_pages_in_use_and_frees_the_rest)
{
	setup();
	uint32_t before = free_frames();
	paddr_t a, b;
	HCHECK_EQ(pcache_get(&obj, 0, &a), 0);
	HCHECK_EQ(pcache_get(&obj, 5, &b), 0);
	pcache_put(a);
	HCHECK_EQ(pcache_object_drop(&obj, 0, false), -E_BUSY);
	HCHECK_EQ(obj.pages, 2);   /* nothing forgotten */
	HCHECK_EQ(pcache_object_drop(&obj, 6, false), 0);
	HCHECK_EQ(obj.pages, 2);
	pcache_put(b);
	HCHECK_EQ(pcache_object_drop(&obj, 0, false), 0);
	HCHECK_EQ(obj.pages, 0);
	HCHECK_EQ(obj.index_end, 0);
	HCHECK_EQ(free_frames(), before);
}

HTEST(pcache_drop_writes_back_unless_discarding)
{
	setup();
	paddr_t a;
	HCHECK_EQ(pcache_get(&obj, 1, &a), 0);
	ram[a] = 0x11;
	pcache_mark_dirty(a);
	pcache_put(a);
	HCHECK_EQ(pcache_object_drop(&obj, 0, true), 0);
	HCHECK_EQ(writes, 0);
	HCHECK_EQ(pcache_get(&obj, 1, &a), 0);
	ram[a] = 0x22;
	pcache_mark_dirty(a);
	pcache_put(a);
	HCHECK_EQ(pcache_object_drop(&obj, 0, false), 0);
	HCHECK_EQ(file[PAGE_SIZE], 0x22);
}

HTEST(pcache_reclaim_takes_only_clean_unmapped_pages)
{
	setup();
	uint32_t before = free_frames();
	paddr_t p[4];
	for (uint32_t i = 0; i < 4; i++)
		HCHECK_EQ(pcache_get(&obj, i, &p[i]), 0);
	pcache_mark_dirty(p[1]);
	pcache_put(p[0]);
	pcache_put(p[1]);
	pcache_put(p[2]);         /* p[3] stays "mapped" */
	HCHECK_EQ(pcache_reclaim(10, false), 2);   /* 0 and 2 */
	HCHECK_EQ(obj.pages, 2);
	HCHECK_EQ(pcache_reclaim(10, true), 1);    /* 1, written back first */
	HCHECK_EQ(writes, 1);
	HCHECK_EQ(obj.pages, 1);
	pcache_put(p[3]);
	HCHECK_EQ(pcache_reclaim(10, false), 1);
	HCHECK_EQ(free_frames(), before);
}

/* The clock visits the records that hold pages wherever they lie: here
 * the lowest and the highest frame of RAM, every frame between them free,
 * the hand going round past the end of the span. */
HTEST(pcache_reclaim_finds_pages_at_both_ends_of_ram)
{
	setup();
	uint32_t before = free_frames();
	static paddr_t all[RAM_BYTES / PAGE_SIZE];
	uint32_t n = 0, lo = 0, hi = 0;
	while (n < RAM_BYTES / PAGE_SIZE && pmm_alloc_frame(&all[n]) == 0)
		n++;
	for (uint32_t i = 0; i < n; i++) {
		lo = all[i] < all[lo] ? i : lo;
		hi = all[i] > all[hi] ? i : hi;
	}
	HCHECK_EQ(pcache_adopt(&obj, 1, all[hi]), 0);
	HCHECK_EQ(pcache_adopt(&obj, 0, all[lo]), 0);
	for (uint32_t i = 0; i < n; i++)
		if (i != lo && i != hi)
			pmm_free_frame(all[i]);
	HCHECK_EQ(pcache_reclaim(1, true), 1);
	HCHECK_EQ(pcache_reclaim(1, true), 1);
	HCHECK_EQ(pcache_reclaim(1, true), 0);
	HCHECK_EQ(obj.pages, 0);
	HCHECK_EQ(writes, 2);   /* adopted pages are dirty: written back first */
	HCHECK_EQ(free_frames(), before);
}

HTEST(pcache_allocation_reclaims_when_the_pmm_is_empty)
{
	setup();
	paddr_t a, f;
	HCHECK_EQ(pcache_get(&obj, 0, &a), 0);
	pcache_put(a);
	while (pmm_alloc_frame(&f) == 0)
		;   /* take every free frame (the PMM is rebuilt by the next setup) */
	HCHECK_EQ(pcache_get(&obj, 1, &a), 0);   /* page 0's frame was reclaimed */
	HCHECK_EQ(obj.pages, 1);
	HCHECK_EQ(pcache_lookup(&obj, 0, &f), -E_NOENT);
	pcache_put(a);
	HCHECK_EQ(pcache_reclaim(1, false), 1);
	HCHECK_EQ(pcache_get(&obj, 1, &a), 0);   /* now one frame is free again */
	pcache_put(a);
}

HTEST(pcache_zero_clears_cached_bytes_past_a_new_end)
{
	setup();
	paddr_t a;
	HCHECK_EQ(pcache_get(&obj, 2, &a), 0);
	obj.size = 2 * PAGE_SIZE + 10;
	pcache_object_zero(&obj, obj.size, 3 * PAGE_SIZE);
	HCHECK(ram[a + 9] != 0 || (2 * PAGE_SIZE + 9) * 7 % 256 == 0);
	HCHECK_EQ(ram[a + 10], 0);
	HCHECK_EQ(ram[a + 4095], 0);
	pcache_put(a);
}

HTEST(pcache_many_objects_share_the_index)
{
	setup();
	static struct pcache_object objs[50];
	paddr_t pa;
	for (int o = 0; o < 50; o++) {
		objs[o] = (struct pcache_object){ &fake_ops, 65536, 0, 0, 0 };
		for (uint32_t i = 0; i < 8; i++) {
			HCHECK_EQ(pcache_get(&objs[o], i, &pa), 0);
			pcache_put(pa);
		}
	}
	HCHECK_EQ(reads, 400);
	for (int o = 0; o < 50; o++)
		for (uint32_t i = 0; i < 8; i++) {
			HCHECK_EQ(pcache_lookup(&objs[o], i, &pa), 0);
			bool dirty;
			struct pcache_object *who;
			uint32_t idx;
			HCHECK(pcache_frame_info(pa, &who, &idx, &dirty));
			HCHECK(who == &objs[o] && idx == i && !dirty);
			pcache_put(pa);
		}
	HCHECK_EQ(reads, 400);
	for (int o = 0; o < 50; o++)
		HCHECK_EQ(pcache_object_drop(&objs[o], 0, false), 0);
	struct pcache_stats s;
	pcache_get_stats(&s);
	HCHECK_EQ(s.cached, 0);
}

/* A mapped object (maps != 0): a write-back first write-protects its
 * mappings, a truncate first cuts the pages from them (so the drop finds
 * them unused); an unmapped one asks the VMM nothing. */
HTEST(pcache_mapped_objects_tell_the_vmm_before_sync_and_drop)
{
	setup();
	paddr_t a;
	HCHECK_EQ(pcache_get(&obj, 3, &a), 0);
	pcache_mark_dirty(a);
	pcache_put(a);
	HCHECK_EQ(pcache_object_sync(&obj), 0);
	HCHECK_EQ(protects, 0);
	HCHECK_EQ(pcache_object_drop(&obj, 5, true), 0);
	HCHECK_EQ(cuts, 0);
	obj.maps = 1;
	HCHECK_EQ(pcache_lookup(&obj, 3, &a), 0);
	pcache_mark_dirty(a);   /* a write-back to do: it comes after the protection */
	pcache_put(a);
	HCHECK_EQ(pcache_object_sync(&obj), 0);
	HCHECK_EQ(protects, 1);
	HCHECK_EQ(pcache_object_drop(&obj, 2, true), 0);
	HCHECK_EQ(cuts, 1);
	HCHECK_EQ(cut_first, 2);
	HCHECK_EQ(obj.pages, 0);
}

/* A page dirtied (a write fault made its entry writable) while an earlier
 * page of the same sync was being written must be write-protected again
 * before its own write-back, or stores after its copy would be lost. */
HTEST(pcache_sync_protects_again_a_page_dirtied_during_the_sync)
{
	setup();
	paddr_t a, b;
	HCHECK_EQ(pcache_get(&obj, 0, &a), 0);
	HCHECK_EQ(pcache_get(&obj, 1, &b), 0);
	pcache_mark_dirty(a);
	obj.maps = 1;
	dirty_during_write = b;   /* page 1 is written to while page 0 goes out */
	HCHECK_EQ(pcache_object_sync(&obj), 0);
	HCHECK_EQ(writes, 2);
	HCHECK_EQ(protects, 2);   /* once before page 0, again before page 1 */
	HCHECK_EQ(pcache_object_sync(&obj), 0);
	HCHECK_EQ(protects, 2);   /* nothing dirty: nothing written, nothing protected */
	pcache_put(a);
	pcache_put(b);
	obj.maps = 0;
}
