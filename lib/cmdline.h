/*
 * lib/cmdline.h - reading "key=value" options from the kernel command line.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include "lib/types.h"

/* Copies the value of the first "key=value" word into out (NUL-terminated,
 * truncated to size). A bare "key" yields "". Returns true if key is present. */
bool cmdline_get(const char *cmdline, const char *key, char *out, size_t size);

/* A size such as "16M", "65536", "512K", "1G" (suffixes K, M, G in either
 * case: powers of 1024). Returns 0, or -E_INVAL for anything else
 * (empty, other characters, or more than 2^32 - 1 bytes). */
int cmdline_parse_size(const char *s, uint64_t *out);

#endif
