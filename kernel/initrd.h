/*
 * kernel/initrd.h - the initial RAM archive built into the kernel image
 * (tools/mkinitrd.c writes it): "MNDXRAM1", a count, then entries of
 * {name[24], offset, size}, then the files. Pure lookups, host-tested.
 */
#ifndef KERNEL_INITRD_H
#define KERNEL_INITRD_H

#include "lib/types.h"

#define INITRD_NAME_MAX 24

/* Finds name. Returns 0 with *data and *size set, -E_NOENT, or -E_BADFMT. */
int initrd_find(const void *blob, size_t blob_size, const char *name,
		const void **data, size_t *size);

/* The i-th entry's name, or NULL past the end or for a corrupt archive. */
const char *initrd_name(const void *blob, size_t blob_size, unsigned i);

/* The archive linked into this kernel (see kernel/initrd_blob.S). */
extern const uint8_t initrd_start[], initrd_end[];

#endif
