/*
 * kernel/file.h - what a file descriptor refers to: the console or one end
 * of a pipe. Reference counted: fork shares them, close drops one.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "kernel/types.h"

struct file;

struct file *file_console(void);
int file_pipe(struct file **read_end, struct file **write_end);
struct file *file_dup(struct file *f);
void file_close(struct file *f);

/* Read/write between the file and a kernel buffer (the syscall layer does
 * the user copies). Reads block until at least one byte is there (or the
 * pipe has no writer left: 0); writes block until all is written (or there
 * is no reader: -E_PERM). */
int file_read(struct file *f, void *buf, size_t n);
int file_write(struct file *f, const void *buf, size_t n);

#endif
