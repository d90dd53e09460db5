/*
 * user/lib/malloc.c - malloc on sbrk: a first-fit free list of blocks with
 * a one-word size header. The heap "gets" memory at once; the kernel only
 * hands out frames as the program writes to them.
 */
#include "mendax.h"

struct block {
	size_t size;            /* bytes after the header */
	struct block *next;     /* free list link while free */
};

#define HDR sizeof(struct block)
#define GROW (64 * 1024)

static struct block *free_list;

void *malloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	for (struct block **pp = &free_list; *pp; pp = &(*pp)->next) {
		struct block *b = *pp;
		if (b->size >= n) {
			*pp = b->next;
			return (char *)b + HDR;
		}
	}
	size_t take = n + HDR > GROW ? n + HDR : GROW;
	struct block *b = sbrk((long)take);
	if ((long)b < 0)
		return NULL;
	b->size = take - HDR;
	return (char *)b + HDR;
}

void free(void *p)
{
	if (!p)
		return;
	struct block *b = (struct block *)((char *)p - HDR);
	b->next = free_list;
	free_list = b;
}
