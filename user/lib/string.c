/*
 * user/lib/string.c - what programs need beyond the kernel's own string
 * functions (lib/string.c is compiled into the library as it is).
 */
#include "mendax.h"

char *strcpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++)) ; return r; }

int atoi(const char *s)
{
	int v = 0, neg = *s == '-';
	if (neg)
		s++;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return neg ? -v : v;
}
