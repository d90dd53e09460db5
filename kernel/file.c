/*
 * kernel/file.c - the console and pipes behind file descriptors. Pipes are
 * 4 KiB ring buffers from the kernel heap; a reader sleeps on the pipe
 * until data or end-of-file, a writer until there is room.
 */
#include "kernel/file.h"
#include "kernel/console.h"
#include "kernel/proc.h"
#include "mm/kheap.h"

#define PIPE_SIZE 4096

enum file_kind { F_CONSOLE, F_PIPE_READ, F_PIPE_WRITE };

struct pipe {
	uint8_t buf[PIPE_SIZE];
	uint32_t head, tail;      /* read at head, write at tail (free-running) */
	unsigned readers, writers;
};

struct file {
	enum file_kind kind;
	unsigned refs;
	struct pipe *pipe;
};

static struct file console = { F_CONSOLE, 1, NULL };

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
	**r = (struct file){ F_PIPE_READ, 1, p };
	**w = (struct file){ F_PIPE_WRITE, 1, p };
	return 0;
}

void file_close(struct file *f)
{
	if (f->pipe) {
		struct pipe *p = f->pipe;
		f->kind == F_PIPE_READ ? p->readers-- : p->writers--;
		sched_wakeup(p);    /* the other end may be waiting for this */
		if (!p->readers && !p->writers)
			kfree(p);
	}
	if (--f->refs == 0 && f != &console)
		kfree(f);
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

int file_read(struct file *f, void *buf, size_t n)
{
	if (n == 0)
		return 0;
	switch (f->kind) {
	case F_CONSOLE: return console_read(buf, n);
	case F_PIPE_READ: return pipe_read(f->pipe, buf, n);
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
	default: return -E_PERM;
	}
}
