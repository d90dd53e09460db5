/*
 * kernel/program.h - where exec finds a program's ELF bytes: a path with
 * a '/' in the VFS (relative to the working directory), a bare name in
 * "/bin" of the mounted root, then in the RAM archive. Files are read
 * whole into a heap buffer; the archive is used in place.
 */
#ifndef KERNEL_PROGRAM_H
#define KERNEL_PROGRAM_H

#include "lib/types.h"

#define PROGRAM_MAX (4u << 20)   /* bytes of an ELF file exec reads from disk */

struct vfs_node;

struct program {
	const void *image;
	size_t size;
	void *owned;   /* the heap buffer holding image, or NULL (RAM archive) */
};

/* 0, -E_NOENT, -E_ISDIR, -E_NOMEM (no memory, or larger than PROGRAM_MAX),
 * -E_BADFMT (empty), -E_IO, or a path error. */
int program_find(struct vfs_node *cwd, const char *path, struct program *out);
void program_release(struct program *prog);

#endif
