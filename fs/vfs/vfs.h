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
	int (*read)(struct vfs_node *n, uint32_t off, void *buf, uint32_t len);
	int (*write)(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len);
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
};

struct vfs_node {
	struct vfs_mount *mnt;
	uint32_t refs;
	enum vfs_type type;
	uint64_t key;              /* identity inside its mount (file system's choice) */
	void *fs_node;             /* the file system's own record */
	struct vfs_node *next;     /* the list of live nodes */
	struct pcache_object pages;   /* its data in the page cache (fs/vfs/pager.c) */
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
/* Syncs every mount. */
int vfs_sync_all(void);

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
/* Until read() and write() go through the page cache, they reach the file
 * system directly, and these keep the cache (and so every mapping)
 * coherent with them: dirty cached pages are written back before a read;
 * a write's bytes are copied into the pages cached and the size follows;
 * a truncate takes the pages past the new end out of every mapping and
 * the cache (and zeroes the rest of the last one). */
void vfs_pager_before_read(struct vfs_node *n);
void vfs_pager_after_write(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len);
int vfs_pager_truncate(struct vfs_node *n, uint32_t size);
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

int vfs_read(struct vfs_node *n, uint32_t off, void *buf, uint32_t len);
int vfs_write(struct vfs_node *n, uint32_t off, const void *buf, uint32_t len);
int vfs_truncate(struct vfs_node *n, uint32_t size);
int vfs_stat(struct vfs_node *n, struct vfs_stat *out);
int vfs_readdir(struct vfs_node *dir, uint32_t *cookie, struct vfs_dirent *out);

#endif
