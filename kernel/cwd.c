/*
 * kernel/cwd.c - each process's working directory: a referenced VFS node
 * (what relative paths start from) and its path as a string (what getcwd
 * returns), both NULL for the root. The path is kept, not rebuilt by
 * walking "..", so it is normalised here once, at chdir. Never looks
 * inside a file system.
 */
#include "kernel/proc.h"
#include "fs/vfs/vfs.h"
#include "kernel/fs_lock.h"
#include "lib/string.h"
#include "mm/kheap.h"

int proc_cwd_fork(struct proc *child, const struct proc *parent)
{
	if (parent->cwd_path) {
		size_t len = strlen(parent->cwd_path) + 1;
		child->cwd_path = kmalloc(len);
		if (!child->cwd_path)
			return -E_NOMEM;
		memcpy(child->cwd_path, parent->cwd_path, len);
	}
	child->cwd = parent->cwd ? vfs_node_get(parent->cwd) : NULL;
	return 0;
}

void proc_cwd_release(struct proc *p)
{
	if (p->cwd) {
		fs_lock();
		vfs_node_put(p->cwd);
		fs_unlock();
	}
	kfree(p->cwd_path);
	p->cwd = NULL;
	p->cwd_path = NULL;
}

void proc_cwd_set(struct proc *p, struct vfs_node *node, char *path)
{
	proc_cwd_release(p);
	p->cwd = node;
	p->cwd_path = path;
}

const char *proc_cwd_path(const struct proc *p)
{
	return p->cwd_path ? p->cwd_path : "/";
}

/* Appends "/name" (len bytes) to out of length *n, or drops its last
 * component for "..", nothing for ".". */
static int apply(char *out, size_t *n, const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		while (*n > 0 && out[*n - 1] != '/')
			(*n)--;
		if (*n > 0)
			(*n)--;   /* the '/' before it */
		return 0;
	}
	if (*n + 1 + len >= VFS_PATH_MAX)
		return -E_NAMETOOLONG;
	out[(*n)++] = '/';
	memcpy(out + *n, name, len);
	*n += len;
	return 0;
}

static int apply_all(char *out, size_t *n, const char *path)
{
	while (*path) {
		while (*path == '/')
			path++;
		size_t len = 0;
		while (path[len] && path[len] != '/')
			len++;
		if (len && apply(out, n, path, len))
			return -E_NAMETOOLONG;
		path += len;
	}
	return 0;
}

int cwd_normalise(const char *base, const char *path, char *out)
{
	size_t n = 0;   /* out holds "" for the root while building */
	if (path[0] != '/' && apply_all(out, &n, base))
		return -E_NAMETOOLONG;
	if (apply_all(out, &n, path))
		return -E_NAMETOOLONG;
	if (n == 0)
		out[n++] = '/';
	out[n] = 0;
	return 0;
}
