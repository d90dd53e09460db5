/*
 * user/swapcheck/swapcheck.h - what the files of the swap suite share
 * (user/bin/swapcheck.c runs them): the verdicts and their counts, the
 * baseline figures, the pattern every working set holds, the children and
 * what ps and vmmap say about them, and the tests themselves.
 */
#ifndef USER_SWAPCHECK_SWAPCHECK_H
#define USER_SWAPCHECK_SWAPCHECK_H

#include "mendax.h"

#define PG 4096u
#define WORDS (PG / 4)

/* harness.c: one "ok"/"FAIL" line per check, and the counts. */
extern unsigned passed, failed;
void verdict(int ok, const char *what);
struct mendax_meminfo mem(void);

/* pattern.c: a pattern in every word of a working set, checked word by word. */
void fill_page(unsigned *p, unsigned seed, unsigned page);
int page_ok(const unsigned *p, unsigned seed, unsigned page);
unsigned *map_pages(unsigned n);
void fill_all(unsigned *b, unsigned n, unsigned seed);
void verify_all(unsigned *b, unsigned n, unsigned seed);
void verify_jumping(unsigned *b, unsigned n, unsigned seed);
void verify_mixed(unsigned *b, unsigned n, unsigned even_seed, unsigned odd_seed);

static inline unsigned *page_at(unsigned *base, unsigned i)
{
	return base + (size_t)i * WORDS;
}

/* children.c: children, and the pipes of one that waits for our word. */
extern int cmd[2], ready[2];
int spawn(void (*work)(unsigned), unsigned arg);
int status_of(int pid);
char ready_then_wait(void);
int spawn_ready(void (*work)(unsigned), unsigned arg, char *said);

/* procinfo.c: what vmmap and ps say about a process. */
unsigned swapped_in(int pid, unsigned start, unsigned end, unsigned *slot);
unsigned ps_swapped(int pid, unsigned *resident);
int reap_orphans(void);
int ended(int pid);

/* figures.c: the baseline, and the figures back at it after each test. */
extern unsigned base_free, base_swap_free, ram_pages;
void baseline(void);
int balanced(const char *after);
void accounting(int bad);

/* The static buffers of the files above, which figures.c's baseline
 * writes once (a BSS page first written by a test would be a frame the
 * baseline did not have). */
extern struct mendax_vmrange own[128], other[256];
extern struct mendax_procinfo procs[32];
extern char line[256];
extern unsigned page_buf[WORDS];

/* The tests, one file each but the two in processes.c. */
void four_times_ram(void);
void several_at_once(void);
void fork_through_swap(void);
void visible_then_killed(void);
void kernel_copies(void);
void mapped_file_bigger_than_free_ram(void);
void swap_full(void);
void bad_area(void);

#endif
