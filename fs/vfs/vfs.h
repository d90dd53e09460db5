/*
 * fs/vfs/vfs.h - the virtual file system: one tree of names over the
 * mounted file systems, nodes shared by everyone who has the same file
 * open, and path operations that know nothing of any file system's
 * format. A file system plugs in through struct vfs_ops (FAT:
 * fs/fat/fat_vfs.c). Above the heap: nodes come from kmalloc.
 *
 * SMP: the node list and each node's reference count will be guarded by
 * one VFS lock; file systems serialise their own volumes. Today the
 * kernel is not preemptive and runs on one CPU.
 */
#ifndef FS_VFS_VFS_H
#define FS_VFS_VFS_H

#include "lib/types.h"
#include "mm/pcache.h"

#define VFS_PATH_MAX 256u   /* bytes of a path, NUL included */
#define VFS_NAME_MAX 255u   /* bytes of one name */

enum vfs_type { VFS_REG = 1, VFS_DIR = 2 };

/* open() flags, the same numbers the user library passes. */
#define VFS_O_RDONLY    0x000u
#define VFS_O_WRONLY    0x001u
#define VFS_O_RDWR      0x002u
#define VFS_O_ACCMODE   0x003u
#define VFS_O_CREAT     0x040u
#define VFS_O_EXCL      0x080u
#define VFS_O_TRUNC     0x200u
#define VFS_O_APPEND    0x400u
#define VFS_O_DIRECTORY 0x10000u

struct vfs_stat {
	uint32_t type;     /* enum vfs_type */
	uint32_t size;     /* bytes; 0 for directories */
	uint32_t mdate, mtime;   /* FAT-style date and time of the last write */
};

struct vfs_dirent {
	char name[VFS_NAME_MAX + 1];
	uint32_t type;
	uint32_t size;
};

struct vfs_node;
struct vfs_mount;

/* What a file system provides. Every call gets nodes the VFS holds a
 * reference to; results are 0 / a count, or a negative error. */
struct vfs_ops {
	/* The node for name in dir (-E_NOENT), with one reference for the caller. */
	int (*lookup)(struct vfs_node *dir, const char *name, struct vfs_node **out);
	/* A new empty file or directory name in dir (-E_EXIST if taken). */
	int (*create)(struct vfs_node *dir, const char *name, enum vfs_type type, struct vfs_node **out);
	/* File data, for the pager only (fs/vfs/pager.c): read clamps to the
	 * size; write stays inside it (allocates nothing, changes no size). */
	int (*read)(struct vfs_node *n, uint32_t off, void *buf, uint32_t len);
	int (*write)(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len);
	/* Sets the size and stores it. A growth takes its space first
	 * (-E_NOSPC with nothing changed) and leaves the new bytes undefined on
	 * the medium: the VFS writes them (zeros, or the data, through the
	 * page cache). */
	int (*truncate)(struct vfs_node *n, uint32_t size);
	/* Next entry from *cookie (0 to start): 1, 0 at the end, or an error. */
	int (*readdir)(struct vfs_node *dir, uint32_t *cookie, struct vfs_dirent *out);
	/* Removes name from dir: a file (-E_ISDIR) or an empty directory. */
	int (*unlink)(struct vfs_node *dir, const char *name, bool is_dir);
	int (*rename)(struct vfs_node *from_dir, const char *from, struct vfs_node *to_dir, const char *to);
	int (*stat)(struct vfs_node *n, struct vfs_stat *out);
	int (*sync)(struct vfs_mount *m);
	/* The last reference to n is gone: free the file system's part. */
	void (*release)(struct vfs_node *n);
};

struct vfs_mount {
	const struct vfs_ops *ops;
	void *fs;                  /* the file system's volume */
	struct vfs_node *root;
	const char *source;        /* e.g. "vda1", for messages */
	struct vfs_node *covered;  /* the directory it is mounted on (referenced); NULL for "/" */
};

struct vfs_node {
	struct vfs_mount *mnt;
	uint32_t refs;
	enum vfs_type type;
	uint64_t key;              /* identity inside its mount (file system's choice) */
	void *fs_node;             /* the file system's own record */
	struct vfs_node *next;     /* the list of live nodes */
	struct pcache_object pages;   /* its data in the page cache (fs/vfs/pager.c) */
	bool writing;              /* a write or truncate is between its steps (data.c) */
	char name[16];             /* the last name it was looked up by, cut (vmmap only) */
};

/* ---- mounts and nodes (node.c) ---- */

/* Makes m the root of the tree (m->root set, one reference kept). */
int vfs_mount_root(struct vfs_mount *m);
/* Syncs and takes the root mount away again (shutdown, tests); -E_AGAIN
 * while any node other than the root is in use. Returns the mount. */
int vfs_unmount_root(struct vfs_mount **out);
/* The root node with a new reference, or NULL when nothing is mounted. */
struct vfs_node *vfs_root(void);
/* Mounts m on the directory dir of a mounted file system: paths that
 * reach dir continue in m->root, and ".." of m->root leads to dir's
 * parent. dir must be a directory that is neither "/" nor a mount root
 * nor covered already (-E_INVAL), and at most VFS_MOUNTS_MAX mounts exist
 * (-E_AGAIN). The mount keeps a reference to dir. */
#define VFS_MOUNTS_MAX 8u
int vfs_mount_at(struct vfs_node *dir, struct vfs_mount *m);
/* The mount whose covered directory is n, or NULL. */
struct vfs_mount *vfs_mount_on(const struct vfs_node *n);
/* Syncs everything: every live node's dirty pages, then every mount's
 * metadata; the first error, after trying them all. */
int vfs_sync_all(void);
/* Every mount's metadata only (fsync: after the file's own pages). */
int vfs_sync_mounts(void);

struct vfs_node *vfs_node_get(struct vfs_node *n);
void vfs_node_put(struct vfs_node *n);

/* For file systems: the live node of (m, key) with a new reference, or
 * NULL; and adding a new node (refs 1) to the live list. */
struct vfs_node *vfs_node_find(struct vfs_mount *m, uint64_t key);
void vfs_node_add(struct vfs_node *n);
/* ---- the pager (pager.c): a node's data through the page cache ---- */
/* Gives a new node its page-cache object (size from the file system). */
void vfs_pager_attach(struct vfs_node *n);
/* The node's cached pages are written back and forgotten (its last
 * reference is going); a write error is reported on the console. */
void vfs_pager_detach(struct vfs_node *n);
/* Remembers name as n's name for inspection (the first 15 bytes). */
void vfs_pager_name_from(struct vfs_node *n, const char *name);
/* The node an object belongs to. */
struct vfs_node *vfs_pager_node(struct pcache_object *obj);

/* Number of live nodes (tests: every reference given back). */
unsigned vfs_node_count(void);

/* ---- paths and operations (path.c, ops.c) ---- */

/* The node path names, relative to cwd unless it starts with '/'. "."
 * and ".." are understood; ".." of the root is the root. Returns 0 with a
 * reference in *out, -E_NOENT, -E_NOTDIR, -E_NAMETOOLONG or -E_INVAL. */
int vfs_resolve(struct vfs_node *cwd, const char *path, struct vfs_node **out);
/* The directory holding the last name of path (referenced) and that name,
 * for operations that create or remove it. The name is never "." or "..". */
int vfs_resolve_parent(struct vfs_node *cwd, const char *path, struct vfs_node **dir,
		       char name[VFS_NAME_MAX + 1]);

int vfs_open(struct vfs_node *cwd, const char *path, uint32_t flags, struct vfs_node **out);
int vfs_mkdir(struct vfs_node *cwd, const char *path);
int vfs_rmdir(struct vfs_node *cwd, const char *path);
int vfs_unlink(struct vfs_node *cwd, const char *path);
int vfs_rename(struct vfs_node *cwd, const char *from, const char *to);
int vfs_stat_path(struct vfs_node *cwd, const char *path, struct vfs_stat *out);

/* ---- file data through the page cache (data.c) ----
 * Every byte of a regular file moves between a page-cache frame and the
 * caller's buffer, one copy: reads take one page at a time (pcache_get: a
 * hit costs one hash lookup), writes copy into the cached pages and mark
 * them dirty; the disk sees them at write-back (fsync, sync, the last put
 * of the node, the dirty limit, memory pressure). Space is taken at
 * write() time, so -E_NOSPC comes from write() and a failed write changes
 * nothing. These functions take the file-system lock themselves, only
 * around file-system calls (fs_lock_unless_mine): the kernel calls them
 * WITHOUT it, so that a copy that faults on a file mapping can page it in. */

/* Moves bytes between a cache page and the caller's buffer (kernel memory,
 * or user memory through kernel/usercopy.h): at is the offset in the
 * caller's buffer. prepare (may be NULL) makes [at, at + len) ready so
 * that the move after it cannot fail; a write calls it before it touches
 * the page. Both return 0 or a negative error. */
struct vfs_copier {
	int (*prepare)(const struct vfs_copier *c, uint32_t at, uint32_t len);
	int (*move)(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len);
	uintptr_t buf;
};

/* Up to len bytes at off (short at the end): the count, or an error when
 * nothing was moved. -E_ISDIR for a directory. */
int vfs_read_with(struct vfs_node *n, uint32_t off, uint32_t len, const struct vfs_copier *c);
/* len bytes at *off (O_APPEND: *off becomes the size first, under the
 * node's writer flag): the count (short only when the copier failed
 * part way: the size then covers only what was written) or an error with
 * nothing changed (-E_NOSPC, -E_IO, -E_NOMEM, the copier's). Bytes between
 * the old end and *off read as zeros. Writes back first when too much of
 * RAM is dirty. */
int vfs_write_with(struct vfs_node *n, uint32_t *off, uint32_t len, bool append,
		   const struct vfs_copier *c);

/* The copiers' moves for a kernel buffer at c->buf. */
int vfs_copy_to_kernel(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len);
int vfs_copy_from_kernel(const struct vfs_copier *c, uint32_t at, void *page, uint32_t len);

/* Kernel-buffer forms of the two (exec's loader, tests). */
int vfs_read(struct vfs_node *n, uint32_t off, void *buf, uint32_t len);
int vfs_write(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len);
/* Sets the size: cached pages past it are zeroed and forgotten (unless
 * mapped: then only zeroed), a growth reads as zeros. */
int vfs_truncate(struct vfs_node *n, uint32_t size);
/* Writes back n's dirty pages: 0 or the first error (the page stays dirty). */
int vfs_node_sync(struct vfs_node *n);
int vfs_stat(struct vfs_node *n, struct vfs_stat *out);
int vfs_readdir(struct vfs_node *dir, uint32_t *cookie, struct vfs_dirent *out);

#endif
