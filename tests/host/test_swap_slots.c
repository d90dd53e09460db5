/*
 * tests/host/test_swap_slots.c - a swap area's slot map (mm/swap_slots.c):
 * allocation order, shared references, bad slots, a full area.
 */
#include "htest.h"
#include "mm/swap_slots.h"

static uint16_t mem[64];
static struct swap_slots s;

static struct swap_slot_stats stats(void)
{
	struct swap_slot_stats st;
	swap_slots_get_stats(&s, &st);
	return st;
}

HTEST(swap_slots_are_handed_out_in_order_from_1)
{
	swap_slots_init(&s, mem, 8);
	uint32_t a, b;
	HCHECK_EQ(swap_slot_alloc(&s, &a), 0);
	HCHECK_EQ(swap_slot_alloc(&s, &b), 0);
	HCHECK_EQ(a, 1);
	HCHECK_EQ(b, 2);
	HCHECK_EQ(stats().total, 7);
	HCHECK_EQ(stats().used, 2);
	HCHECK_EQ(swap_slot_unref(&s, a), 0);
	HCHECK_EQ(stats().used, 1);
	HCHECK_EQ(swap_slot_refs(&s, a), 0);
}

HTEST(swap_slot_shared_by_forks_is_freed_by_the_last)
{
	swap_slots_init(&s, mem, 8);
	uint32_t a;
	HCHECK_EQ(swap_slot_alloc(&s, &a), 0);
	HCHECK_EQ(swap_slot_ref(&s, a), 2);
	HCHECK_EQ(swap_slot_ref(&s, a), 3);
	HCHECK_EQ(swap_slot_unref(&s, a), 2);
	HCHECK_EQ(swap_slot_unref(&s, a), 1);
	HCHECK_EQ(stats().used, 1);
	HCHECK_EQ(swap_slot_unref(&s, a), 0);
	HCHECK_EQ(stats().used, 0);
	HCHECK_EQ(swap_slot_unref(&s, a), -E_INVAL);   /* already free */
	HCHECK_EQ(swap_slot_ref(&s, a), -E_INVAL);
}

HTEST(swap_slots_refuse_slot_0_and_out_of_range)
{
	swap_slots_init(&s, mem, 8);
	HCHECK_EQ(swap_slot_ref(&s, 0), -E_INVAL);
	HCHECK_EQ(swap_slot_unref(&s, 0), -E_INVAL);
	HCHECK_EQ(swap_slot_ref(&s, 8), -E_INVAL);
	HCHECK_EQ(swap_slot_unref(&s, 1000), -E_INVAL);
	HCHECK_EQ(swap_slot_refs(&s, 1000), 0);
}

HTEST(swap_full_area_says_nospc_and_recovers)
{
	swap_slots_init(&s, mem, 5);
	uint32_t x;
	for (int i = 0; i < 4; i++)
		HCHECK_EQ(swap_slot_alloc(&s, &x), 0);
	HCHECK_EQ(swap_slot_alloc(&s, &x), -E_NOSPC);
	HCHECK_EQ(swap_slot_unref(&s, 3), 0);
	HCHECK_EQ(swap_slot_alloc(&s, &x), 0);
	HCHECK_EQ(x, 3);   /* the search wraps around to the freed slot */
	swap_slots_init(&s, mem, 1);
	HCHECK_EQ(swap_slot_alloc(&s, &x), -E_NOSPC);
}

HTEST(swap_bad_slot_is_never_reused)
{
	swap_slots_init(&s, mem, 4);
	uint32_t a, b, c;
	HCHECK_EQ(swap_slot_alloc(&s, &a), 0);
	HCHECK_EQ(swap_slot_ref(&s, a), 2);
	swap_slot_mark_bad(&s, a);
	HCHECK_EQ(stats().bad, 1);
	HCHECK_EQ(stats().used, 0);
	HCHECK(swap_slot_is_bad(&s, a));
	HCHECK_EQ(swap_slot_ref(&s, a), 3);            /* a fork copies an entry of it */
	HCHECK_EQ(swap_slot_unref(&s, a), 2);          /* sharers still let go */
	HCHECK_EQ(swap_slot_unref(&s, a), 1);
	HCHECK_EQ(swap_slot_unref(&s, a), 0);
	HCHECK(swap_slot_is_bad(&s, a));
	HCHECK_EQ(stats().used, 0);
	HCHECK_EQ(swap_slot_alloc(&s, &b), 0);
	HCHECK_EQ(swap_slot_alloc(&s, &c), 0);
	HCHECK(b != a && c != a);
	HCHECK_EQ(swap_slot_alloc(&s, &c), -E_NOSPC);
}

HTEST(swap_slot_count_saturates_instead_of_wrapping)
{
	swap_slots_init(&s, mem, 4);
	uint32_t a;
	HCHECK_EQ(swap_slot_alloc(&s, &a), 0);
	int r = 1;
	while (r > 0 && r < 40000)
		r = swap_slot_ref(&s, a);
	HCHECK_EQ(r, -E_NOMEM);
	HCHECK_EQ(swap_slot_refs(&s, a), 0x7fff);
}
