/*
 * lib/cmdline.h - reading "key=value" options from the kernel command line.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include "lib/types.h"

/* Copies the value of the first "key=value" word into out (NUL-terminated,
 * truncated to size). A bare "key" yields "". Returns true if key is present. */
bool cmdline_get(const char *cmdline, const char *key, char *out, size_t size);

#endif
