/*
 * kernel/program.h - where exec finds a program's ELF bytes: a path with
 * a '/' in the VFS (relative to the working directory), a bare name in
 * "/bin" of the mounted root, then in the RAM archive. A file is not
 * read: exec maps it from the page cache (kernel/exec_map.c), so only its
 * head (the ELF headers) is read here, and the node is kept; the archive
 * is used in place and its programs are copied (it has no page cache).
 */
#ifndef KERNEL_PROGRAM_H
#define KERNEL_PROGRAM_H

#include "lib/types.h"

#define PROGRAM_HEAD 4096u   /* bytes of a file looked at for its ELF headers: page 0 */

struct vfs_node;

struct program {
	const void *image;        /* the whole program (archive), or a file's head */
	size_t size;              /* bytes at image */
	void *owned;              /* the heap buffer holding image, or NULL (RAM archive) */
	struct vfs_node *node;    /* the file (one reference), or NULL (RAM archive) */
	size_t file_size;         /* bytes of the whole program */
	paddr_t head_pa;          /* a file: the cache frame image is in (referenced), or 0 */
};

/* 0, -E_NOENT, -E_ISDIR, -E_NOMEM, -E_BADFMT (empty), -E_IO, or a path
 * error. */
int program_find(struct vfs_node *cwd, const char *path, struct program *out);
void program_release(struct program *prog);

#endif
