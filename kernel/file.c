/*
 * kernel/file.c - what file descriptors refer to: the console, pipes and
 * open files of the VFS. Pipes are 4 KiB ring buffers from the kernel heap;
 * a reader sleeps on the pipe until data or end-of-file, a writer until
 * there is room. An open file is a referenced VFS node with the offset and
 * flags of that open(): everyone sharing the struct file (fork, dup) shares
 * the offset. Knows nothing of any file system's format (fs/vfs/vfs.h).
 *
 * SMP: a struct file's refs and offset will be guarded by a per-file lock;
 * today the kernel is not preemptive and runs on one CPU.
 */
#include "kernel/file.h"
#include "kernel/console.h"
#include "kernel/proc.h"
#include "kernel/fs_lock.h"
#include "fs/vfs/vfs.h"
#include "kernel/arch.h"
#include "kernel/usercopy.h"
#include "lib/string.h"
#include "mm/kheap.h"

#define PIPE_SIZE 4096

enum file_kind { F_CONSOLE, F_PIPE_READ, F_PIPE_WRITE, F_NODE };

struct pipe {
	uint8_t buf[PIPE_SIZE];
	uint32_t head, tail;      /* read at head, write at tail (free-running) */
	unsigned readers, writers;
};

struct file {
	enum file_kind kind;
	unsigned refs;
	struct pipe *pipe;
	struct vfs_node *node;    /* F_NODE: the open file, one reference */
	uint32_t off;             /* F_NODE: where the next read/write starts */
	uint32_t flags;           /* F_NODE: VFS_O_* of the open() */
};

static struct file console = { F_CONSOLE, 1, NULL, NULL, 0, 0 };

struct file *file_console(void)
{
	return file_dup(&console);
}

struct file *file_dup(struct file *f)
{
	f->refs++;
	if (f->pipe)
		f->kind == F_PIPE_READ ? f->pipe->readers++ : f->pipe->writers++;
	return f;
}

int file_pipe(struct file **r, struct file **w)
{
	struct pipe *p = kmalloc(sizeof *p);
	*r = kmalloc(sizeof **r);
	*w = kmalloc(sizeof **w);
	if (!p || !*r || !*w) {
		kfree(p), kfree(*r), kfree(*w);
		return -E_NOMEM;
	}
	p->head = p->tail = 0;
	p->readers = p->writers = 1;
	**r = (struct file){ F_PIPE_READ, 1, p, NULL, 0, 0 };
	**w = (struct file){ F_PIPE_WRITE, 1, p, NULL, 0, 0 };
	return 0;
}

int file_close(struct file *f)
{
	int rc = 0;
	if (f->pipe) {
		struct pipe *p = f->pipe;
		f->kind == F_PIPE_READ ? p->readers-- : p->writers--;
		sched_wakeup(p);    /* the other end may be waiting for this */
		if (!p->readers && !p->writers)
			kfree(p);
	}
	if (--f->refs == 0 && f != &console) {
		if (f->node) {
			/* The node's last user: its pages are written back now, and
			 * a write error is this close's (the put writes and forgets). */
			if (f->node->refs == 1)
				rc = vfs_node_sync(f->node);
			fs_lock();   /* the last reference of an unlinked file frees its clusters */
			vfs_node_put(f->node);
			fs_unlock();
		}
		kfree(f);
	}
	return rc;
}

static int pipe_read(struct pipe *p, uint8_t *buf, size_t n)
{
	while (p->head == p->tail) {
		if (!p->writers)
			return 0;
		sched_sleep(p);
	}
	size_t got = 0;
	while (got < n && p->head != p->tail)
		buf[got++] = p->buf[p->head++ % PIPE_SIZE];
	sched_wakeup(p);
	return (int)got;
}

static int pipe_write(struct pipe *p, const uint8_t *buf, size_t n)
{
	size_t put = 0;
	while (put < n) {
		if (!p->readers)
			return put ? (int)put : -E_PERM;
		if (p->tail - p->head == PIPE_SIZE) {
			sched_wakeup(p);
			sched_sleep(p);
			continue;
		}
		p->buf[p->tail++ % PIPE_SIZE] = buf[put++];
	}
	sched_wakeup(p);
	return (int)put;
}

int file_open_node(struct vfs_node *n, uint32_t flags, struct file **out)
{
	struct file *f = kmalloc(sizeof *f);
	if (!f)
		return -E_NOMEM;
	*f = (struct file){ F_NODE, 1, NULL, n, 0, flags };
	*out = f;
	return 0;
}

struct vfs_node *file_node(struct file *f)
{
	return f->kind == F_NODE ? f->node : NULL;
}

uint32_t file_offset(struct file *f) { return f->off; }
void file_set_offset(struct file *f, uint32_t off) { f->off = off; }

/* Offsets stay below 2^31 so that lseek can return every one of them. */
static bool offset_fits(uint32_t off, size_t n)
{
	return off <= (uint32_t)INT32_MAX && n <= (uint32_t)INT32_MAX - off;
}

int file_seek(struct file *f, int32_t off, int whence)
{
	int64_t base;
	if (f->kind != F_NODE)
		return -E_INVAL;
	if (whence == FILE_SEEK_SET) {
		base = 0;
	} else if (whence == FILE_SEEK_CUR) {
		base = f->off;
	} else if (whence == FILE_SEEK_END) {
		struct vfs_stat st;
		fs_lock();
		int rc = vfs_stat(f->node, &st);
		fs_unlock();
		if (rc)
			return rc;
		base = st.size;
	} else {
		return -E_INVAL;
	}
	int64_t to = base + off;
	/* A directory's offset is its readdir cookie: only a rewind is meaningful. */
	if (to < 0 || to > INT32_MAX || (f->node->type == VFS_DIR && to != 0))
		return -E_INVAL;
	f->off = (uint32_t)to;
	return (int)to;
}

/* ---- open files: their data is in the page cache (fs/vfs/data.c) ----
 * The VFS data calls are made WITHOUT the file-system lock: they take it
 * around the file system's own steps, and the copies to and from user
 * memory run unlocked (a user buffer may be a file mapping whose fault
 * needs the lock). */

/* The arch's user copy moves co-aligned buffers with its fastest
 * instructions (rep movsl, ldm/stm): a whole page to a page-aligned
 * address costs what arch_page_copy does. */
static int user_out(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len)
{
	return copy_to_user(c->buf + at, page, len);
}

static int user_prepare_in(const struct vfs_copier *c, uint32_t at, uint32_t len)
{
	return user_range_prepare(c->buf + at, len, VMM_ACCESS_READ);
}

/* After user_prepare_in the pages were there, but the writer may have
 * slept since (reading in the cache page it writes into, or writing back
 * to free one), and a truncate of the file the buffer maps may have taken
 * them: a fault-tolerant copy (usercopy.c), -E_FAULT then. */
static int user_in(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len)
{
	return copy_from_user_prepared(page, c->buf + at, len);
}

static int node_read(struct file *f, const struct vfs_copier *c, size_t n)
{
	if ((f->flags & VFS_O_ACCMODE) == VFS_O_WRONLY)
		return -E_PERM;
	if (f->node->type == VFS_DIR)
		return -E_ISDIR;
	if (!offset_fits(f->off, n))
		n = (uint32_t)INT32_MAX - f->off;
	int rc = vfs_read_with(f->node, f->off, (uint32_t)n, c);
	if (rc > 0)
		f->off += (uint32_t)rc;
	return rc;
}

/* O_APPEND: every write starts at the end as it is then (taken under the
 * node's writer flag, so two appenders never overlap). */
static int node_write(struct file *f, const struct vfs_copier *c, size_t n)
{
	if ((f->flags & VFS_O_ACCMODE) == VFS_O_RDONLY)
		return -E_PERM;
	bool append = f->flags & VFS_O_APPEND;
	if (!append && !offset_fits(f->off, n))
		return -E_NOSPC;   /* beyond what the offsets (and FAT's sizes) hold */
	uint32_t at = f->off;
	int rc = vfs_write_with(f->node, &at, (uint32_t)n, append, c);
	if (rc > 0)
		f->off = at + (uint32_t)rc;
	return rc;
}

int file_read_user(struct file *f, vaddr_t buf, size_t n)
{
	const struct vfs_copier c = { NULL, user_out, buf };
	if (f->kind != F_NODE)
		return -E_INVAL;
	return n ? node_read(f, &c, n) : 0;
}

int file_write_user(struct file *f, vaddr_t buf, size_t n)
{
	const struct vfs_copier c = { user_prepare_in, user_in, buf };
	if (f->kind != F_NODE)
		return -E_INVAL;
	return node_write(f, &c, n);
}

int file_sync(struct file *f)
{
	if (f->kind != F_NODE)
		return -E_INVAL;
	return vfs_node_sync(f->node);
}

int file_read(struct file *f, void *buf, size_t n)
{
	if (n == 0)
		return 0;
	switch (f->kind) {
	case F_CONSOLE: return console_read(buf, n);
	case F_PIPE_READ: return pipe_read(f->pipe, buf, n);
	case F_NODE: {
		const struct vfs_copier c = { NULL, vfs_copy_to_kernel, (uintptr_t)buf };
		return node_read(f, &c, n);
	}
	default: return -E_PERM;
	}
}

int file_write(struct file *f, const void *buf, size_t n)
{
	const char *s = buf;
	switch (f->kind) {
	case F_CONSOLE:
		for (size_t i = 0; i < n; i++)
			console_putc(s[i]);
		return (int)n;
	case F_PIPE_WRITE: return pipe_write(f->pipe, buf, n);
	case F_NODE: {
		const struct vfs_copier c = { NULL, vfs_copy_from_kernel, (uintptr_t)buf };
		return node_write(f, &c, n);
	}
	default: return -E_PERM;
	}
}

uint32_t file_flags(struct file *f)
{
	return f->kind == F_NODE ? f->flags : 0;
}
