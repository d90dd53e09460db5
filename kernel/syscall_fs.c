/*
 * kernel/syscall_fs.c - the system calls of files, paths and descriptors:
 * open/lseek/fstat/stat/getdents, the path operations, chdir/getcwd,
 * dup/dup2, fsync/sync and halt. Paths are copied in whole (at most
 * VFS_PATH_MAX bytes, else -E_NAMETOOLONG) and resolved against the
 * caller's working directory; every user pointer goes through
 * kernel/usercopy.h. Only fs/vfs/vfs.h: no file system's format here.
 * Every VFS call is made holding fs_lock (kernel/fs_lock.h).
 */
#include "kernel/syscall_fs.h"
#include "kernel/syscall_nr.h"
#include "kernel/arch.h"
#include "kernel/board.h"
#include "kernel/file.h"
#include "kernel/fs_lock.h"
#include "lib/kprintf.h"
#include "kernel/proc.h"
#include "kernel/storage.h"
#include "kernel/usercopy.h"
#include "fs/vfs/vfs.h"
#include "mm/kheap.h"
#include <stddef.h>

/* The user ABI (kernel/syscall_nr.h) is the VFS's, number for number. */
_Static_assert(O_WRONLY == VFS_O_WRONLY && O_RDWR == VFS_O_RDWR && O_ACCMODE == VFS_O_ACCMODE &&
	       O_CREAT == VFS_O_CREAT && O_EXCL == VFS_O_EXCL && O_TRUNC == VFS_O_TRUNC &&
	       O_APPEND == VFS_O_APPEND && O_DIRECTORY == VFS_O_DIRECTORY, "open flags");
_Static_assert(SEEK_SET == FILE_SEEK_SET && SEEK_CUR == FILE_SEEK_CUR && SEEK_END == FILE_SEEK_END,
	       "whence");
_Static_assert(MENDAX_FDS == PROC_FDS, "descriptors");
_Static_assert(MENDAX_T_FILE == VFS_REG && MENDAX_T_DIR == VFS_DIR, "types");
_Static_assert(sizeof(struct mendax_stat) == sizeof(struct vfs_stat), "stat");
_Static_assert(sizeof(struct mendax_dirent) == sizeof(struct vfs_dirent) &&
	       offsetof(struct mendax_dirent, type) == offsetof(struct vfs_dirent, type), "dirent");

#define OPEN_FLAGS (VFS_O_ACCMODE | VFS_O_CREAT | VFS_O_EXCL | VFS_O_TRUNC | VFS_O_APPEND | \
		    VFS_O_DIRECTORY)
#define IO_CHUNK 512

struct file *fd_file(int fd)
{
	struct proc *p = proc_current();
	return fd >= 0 && fd < PROC_FDS ? p->fds[fd] : NULL;
}

int fd_alloc(struct proc *p, int from)
{
	for (int fd = from; fd < PROC_FDS; fd++)
		if (!p->fds[fd])
			return fd;
	return -E_AGAIN;
}

/* Straight from the page cache to the caller (kernel/file.c): a copy that
 * fails moves the offset only past what was copied. */
int fd_read_file(struct file *f, vaddr_t ubuf, size_t n)
{
	return file_read_user(f, ubuf, n > (size_t)INT32_MAX ? INT32_MAX : n);
}

int fd_write_file(struct file *f, vaddr_t ubuf, size_t n)
{
	return file_write_user(f, ubuf, n > (size_t)INT32_MAX ? INT32_MAX : n);
}

/* A path argument in a new heap buffer (kfree it), or NULL with *rc set. */
static char *path_in(vaddr_t u, int *rc)
{
	char *k = kmalloc(VFS_PATH_MAX);
	if (!k) {
		*rc = -E_NOMEM;
		return NULL;
	}
	int n = copy_string_from_user(k, u, VFS_PATH_MAX);
	if (n < 0) {
		kfree(k);
		*rc = n == -E_INVAL ? -E_NAMETOOLONG : n;
		return NULL;
	}
	return k;
}

static struct vfs_node *cwd(void) { return proc_current()->cwd; }

int sys_open(const uint32_t a[5])
{
	struct proc *p = proc_current();
	if (a[1] & ~OPEN_FLAGS)
		return -E_INVAL;
	int fd = fd_alloc(p, 0), rc;
	if (fd < 0)
		return fd;
	char *path = path_in(a[0], &rc);
	if (!path)
		return rc;
	struct vfs_node *n;
	struct file *f;
	fs_lock();
	rc = vfs_open(cwd(), path, a[1], &n);
	fs_unlock();
	kfree(path);
	if (rc)
		return rc;
	rc = file_open_node(n, a[1], &f);
	if (rc) {
		fs_lock();
		vfs_node_put(n);
		fs_unlock();
		return rc;
	}
	p->fds[fd] = f;
	return fd;
}

int sys_lseek(const uint32_t a[5])
{
	struct file *f = fd_file((int)a[0]);
	return f ? file_seek(f, (int32_t)a[1], (int)a[2]) : -E_INVAL;
}

static int stat_out(vaddr_t u, const struct vfs_stat *st)
{
	return copy_to_user(u, st, sizeof *st) ? -E_FAULT : 0;
}

int sys_fstat(const uint32_t a[5])
{
	struct file *f = fd_file((int)a[0]);
	struct vfs_node *n = f ? file_node(f) : NULL;
	struct vfs_stat st;
	if (!n)
		return -E_INVAL;
	fs_lock();
	int rc = vfs_stat(n, &st);
	fs_unlock();
	return rc ? rc : stat_out(a[1], &st);
}

int sys_stat(const uint32_t a[5])
{
	int rc;
	struct vfs_stat st;
	char *path = path_in(a[0], &rc);
	if (!path)
		return rc;
	fs_lock();
	rc = vfs_stat_path(cwd(), path, &st);
	fs_unlock();
	kfree(path);
	return rc ? rc : stat_out(a[1], &st);
}

/* The open file's offset is the directory's readdir cookie; it moves past
 * a record only once the record is in the caller's buffer. */
int sys_getdents(const uint32_t a[5])
{
	struct file *f = fd_file((int)a[0]);
	struct vfs_node *n = f ? file_node(f) : NULL;
	struct vfs_dirent d;
	uint32_t max = a[2], i = 0;
	if (!n)
		return -E_INVAL;
	if (n->type != VFS_DIR)
		return -E_NOTDIR;
	if (!max || max > INT32_MAX / sizeof d)
		return -E_INVAL;
	if (user_range_check(a[1], max * sizeof d, VMM_ACCESS_WRITE))
		return -E_FAULT;
	int rc = 0;
	for (; i < max; i++) {
		uint32_t cookie = file_offset(f);
		fs_lock();
		rc = vfs_readdir(n, &cookie, &d);
		fs_unlock();
		if (rc <= 0)
			break;
		rc = copy_to_user(a[1] + i * sizeof d, &d, sizeof d) ? -E_FAULT : 0;
		if (rc)
			break;
		file_set_offset(f, cookie);
	}
	return i ? (int)i : rc;
}

/* A path operation: op(cwd, path). */
static int path_op(vaddr_t u, int (*op)(struct vfs_node *, const char *))
{
	int rc;
	char *path = path_in(u, &rc);
	if (!path)
		return rc;
	fs_lock();
	rc = op(cwd(), path);
	fs_unlock();
	kfree(path);
	return rc;
}

int sys_mkdir(const uint32_t a[5]) { return path_op(a[0], vfs_mkdir); }
int sys_rmdir(const uint32_t a[5]) { return path_op(a[0], vfs_rmdir); }
int sys_unlink(const uint32_t a[5]) { return path_op(a[0], vfs_unlink); }

int sys_rename(const uint32_t a[5])
{
	int rc;
	char *from = path_in(a[0], &rc), *to = from ? path_in(a[1], &rc) : NULL;
	if (to) {
		fs_lock();
		rc = vfs_rename(cwd(), from, to);
		fs_unlock();
	}
	kfree(from);
	kfree(to);
	return rc;
}

/* The directory is resolved as the VFS sees it (so "missing/.." fails);
 * the path getcwd returns is the old one with path applied to it. */
int sys_chdir(const uint32_t a[5])
{
	struct proc *p = proc_current();
	struct vfs_node *n;
	int rc;
	char *path = path_in(a[0], &rc), *norm = path ? kmalloc(VFS_PATH_MAX) : NULL;
	if (!norm) {
		kfree(path);
		return path ? -E_NOMEM : rc;
	}
	rc = cwd_normalise(proc_cwd_path(p), path, norm);
	if (!rc) {
		fs_lock();
		rc = vfs_open(p->cwd, path, VFS_O_RDONLY | VFS_O_DIRECTORY, &n);
		fs_unlock();
	}
	kfree(path);
	if (rc) {
		kfree(norm);
		return rc;
	}
	proc_cwd_set(p, n, norm);
	return 0;
}

int sys_getcwd(const uint32_t a[5])
{
	const char *path = proc_cwd_path(proc_current());
	size_t len = 0;
	while (path[len])
		len++;
	if (a[1] < len + 1)
		return -E_INVAL;
	return copy_to_user(a[0], path, len + 1) ? -E_FAULT : (int)len;
}

int sys_dup(const uint32_t a[5])
{
	struct proc *p = proc_current();
	struct file *f = fd_file((int)a[0]);
	if (!f)
		return -E_INVAL;
	int fd = fd_alloc(p, 0);
	if (fd >= 0)
		p->fds[fd] = file_dup(f);
	return fd;
}

int sys_dup2(const uint32_t a[5])
{
	struct proc *p = proc_current();
	struct file *f = fd_file((int)a[0]);
	int to = (int)a[1];
	if (!f || to < 0 || to >= PROC_FDS)
		return -E_INVAL;
	if (p->fds[to] == f)
		return to;
	if (p->fds[to])
		file_close(p->fds[to]);
	p->fds[to] = file_dup(f);
	return to;
}

static int sync_locked(void)
{
	fs_lock();
	int rc = vfs_sync_all();
	fs_unlock();
	return rc;
}

/* File data stays in the page cache until written back (write-back:
 * docs/page-cache.md): fsync writes the file's dirty pages, then the
 * metadata of the volume it lives on (today the root). The first error
 * is returned; a page that failed stays dirty. */
int sys_fsync(const uint32_t a[5])
{
	struct file *f = fd_file((int)a[0]);
	if (!f || !file_node(f))
		return -E_INVAL;
	int rc = file_sync(f);
	fs_lock();
	int meta = vfs_sync_mounts();   /* today the one volume */
	fs_unlock();
	return rc ? rc : meta;
}

/* sync, then every clean cache page nobody maps and the metadata buffers
 * are freed (kernel/storage.c): tests return to a baseline with it.
 * Returns the frames freed, or the sync's error. */
int sys_drop_caches(const uint32_t a[5])
{
	(void)a;
	return storage_drop_caches();
}

int sys_sync(const uint32_t a[5])
{
	(void)a;
	return sync_locked();
}

/* Any process may stop the machine (a teaching kernel with one user). A
 * sync that fails stops nothing: the error comes back instead. */
int sys_halt(const uint32_t a[5])
{
	(void)a;
	int rc = sync_locked();
	if (rc) {
		kprintf("mendax: halt refused: syncing the file systems failed (%d)\n", rc);
		return rc;
	}
	kprintf("mendax: halt: file systems synced, stopping\n");
	board_uart_flush();
	arch_emulator_exit(0);
}
