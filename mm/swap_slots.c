/*
 * mm/swap_slots.c - a swap area's slot map (see swap_slots.h): a 16-bit
 * count per slot and a next-fit search from the last slot handed out.
 * A bad slot keeps a "bad" mark beside its count: the high bit.
 */
#include "mm/swap_slots.h"
#include "lib/string.h"

/* The count word: bit 15 marks a bad slot, bits 0-14 count references
 * (a bad slot still counts the entries that refer to it until they go). */
#define BAD_BIT   0x8000u
#define REF_MASK  0x7fffu

size_t swap_slots_bytes(uint32_t nslots)
{
	return (size_t)nslots * sizeof(uint16_t);
}

void swap_slots_init(struct swap_slots *s, void *mem, uint32_t nslots)
{
	memset(mem, 0, swap_slots_bytes(nslots));
	*s = (struct swap_slots){ mem, nslots, 0, 0, 1 };
	if (nslots)
		s->count[0] = BAD_BIT;   /* slot 0 means "none" */
}

int swap_slot_alloc(struct swap_slots *s, uint32_t *slot)
{
	if (s->nslots < 2 || s->used + s->bad >= s->nslots - 1)
		return -E_NOSPC;
	uint32_t i = s->hint;
	for (uint32_t seen = 0; seen < s->nslots; seen++, i = i + 1 < s->nslots ? i + 1 : 1) {
		if (i == 0 || s->count[i])
			continue;
		s->count[i] = 1;
		s->used++;
		s->hint = i + 1 < s->nslots ? i + 1 : 1;
		*slot = i;
		return 0;
	}
	return -E_NOSPC;
}

static bool in_use(const struct swap_slots *s, uint32_t slot)
{
	return slot && slot < s->nslots && (s->count[slot] & REF_MASK);
}

int swap_slot_ref(struct swap_slots *s, uint32_t slot)
{
	if (!in_use(s, slot))
		return -E_INVAL;
	if ((s->count[slot] & REF_MASK) == REF_MASK)
		return -E_NOMEM;
	return (int)(++s->count[slot] & REF_MASK);
}

int swap_slot_unref(struct swap_slots *s, uint32_t slot)
{
	if (!in_use(s, slot))
		return -E_INVAL;
	uint32_t refs = (--s->count[slot]) & REF_MASK;
	if (refs == 0 && !(s->count[slot] & BAD_BIT))
		s->used--;
	return (int)refs;
}

bool swap_slot_is_bad(const struct swap_slots *s, uint32_t slot)
{
	return slot < s->nslots && (s->count[slot] & BAD_BIT);
}

uint32_t swap_slot_refs(const struct swap_slots *s, uint32_t slot)
{
	return slot < s->nslots ? s->count[slot] & REF_MASK : 0;
}

void swap_slot_mark_bad(struct swap_slots *s, uint32_t slot)
{
	if (slot == 0 || slot >= s->nslots || (s->count[slot] & BAD_BIT))
		return;
	if (s->count[slot] & REF_MASK)
		s->used--;
	s->count[slot] |= BAD_BIT;
	s->bad++;
}

void swap_slots_get_stats(const struct swap_slots *s, struct swap_slot_stats *out)
{
	*out = (struct swap_slot_stats){ s->nslots ? s->nslots - 1 : 0, s->used, s->bad };
}
