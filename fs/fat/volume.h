/*
 * fs/fat/volume.h - a mounted FAT16/FAT32 volume and the operations the
 * FAT code is built from: cluster chains (chain.c), directories (dir.c),
 * file data (file.c). Metadata goes through the buffer cache
 * (fs/cache/bcache.h); file data goes straight to the block device. Every
 * cluster number read from the disk is checked before it is used, every
 * chain walk is bounded by the volume's cluster count: a corrupt volume
 * gives -E_IO for the file concerned, never a hang, a panic or a write
 * outside the partition.
 *
 * SMP: a volume will get one lock (a sleeping lock: I/O happens under it);
 * today the kernel is not preemptive and there is one CPU.
 */
#ifndef FS_FAT_VOLUME_H
#define FS_FAT_VOLUME_H

#include "drivers/block/block.h"
#include "fs/fat/bpb.h"
#include "fs/fat/dirent.h"
#include "fs/fat/fat_entry.h"

struct fat_volume {
	struct block_device *dev;
	struct fat_geometry g;
	uint32_t free_clusters;      /* counted at mount, kept exact */
	uint32_t next_free;          /* where the next search for a free cluster starts */
	bool fsinfo_stale;           /* FSInfo must be rewritten at the next sync */
	struct {                     /* the last directory cluster found (dir.c), so */
		uint32_t first, k, cluster;   /* walking a directory costs one step per cluster */
	} dir_memo;                  /* first == 0: empty; cleared whenever clusters are freed */
	struct fat_chain_memo {      /* the same for fat_chain_seek (file data), so reading or */
		uint32_t first, k, cluster;   /* writing a file in order costs one step per cluster */
	} seek_memo;                 /* rather than a walk from its start; cleared by any link */
};                                   /* set to anything but "next" (a chain cut or freed) */

/* A directory: the cluster its chain starts at, or 0 for the fixed root
 * directory of FAT16 (FAT32's root is an ordinary chain). */
struct fat_dir {
	uint32_t first_cluster;
};

/* Where a directory entry lives, and what it says. */
struct fat_node {
	struct fat_dir parent;
	uint32_t slot;               /* index of the short entry in its directory */
	uint32_t first_slot;         /* index of its first long-name piece (== slot if none) */
	struct fat_short_entry e;
	bool detached;               /* its name is gone (unlinked while open): nothing to store */
	uint32_t memo_k, memo_c;     /* cluster memo_c is the memo_k-th of the chain (0: none; file.c) */
};

/* ---- volume (volume.c) ---- */

/* Validates the boot sector, counts free clusters, reads the FSInfo
 * hints. Returns 0, -E_BADFMT (with the reason printed), -E_IO or -E_NOMEM. */
int fat_mount(struct block_device *dev, struct fat_volume *v);

/* Writes back FSInfo and every dirty metadata sector, then flushes the
 * device: afterwards the volume is consistent on disk. */
int fat_sync(struct fat_volume *v);

/* The root directory. */
struct fat_dir fat_root(const struct fat_volume *v);

/* ---- cluster chains (chain.c) ---- */

/* The cluster after c in its chain: 0 with *next = 0 at the end, -E_IO
 * when the entry is free, bad or out of range (a broken chain). */
int fat_chain_next(struct fat_volume *v, uint32_t c, uint32_t *next);

/* Follows n links from first; -E_IO on a broken chain or one shorter than n.
 * Starts from where the last seek of the same chain ended when that is not
 * past n (seek_memo). */
int fat_chain_seek(struct fat_volume *v, uint32_t first, uint32_t n, uint32_t *out);

/* Takes a free cluster, marks it the end of a chain and links prev (if
 * non-zero) to it. Returns 0, -E_NOSPC or -E_IO. */
int fat_cluster_alloc(struct fat_volume *v, uint32_t prev, uint32_t *out);

/* Frees the chain starting at first (0: nothing). Bounded: a looping or
 * broken chain stops with -E_IO after freeing what was valid. */
int fat_chain_free(struct fat_volume *v, uint32_t first);

/* Reads / writes the raw entry of cluster c (every FAT copy on write). */
int fat_link_get(struct fat_volume *v, uint32_t c, enum fat_link *link, uint32_t *next);
int fat_link_set(struct fat_volume *v, uint32_t c, enum fat_link link, uint32_t next);

/* Writes zeros over cluster c (a new directory cluster). */
int fat_cluster_zero(struct fat_volume *v, uint32_t c);

/* ---- directories (dir.c) ---- */

/* Finds name (compared without regard to ASCII case, as FAT does) in dir.
 * Returns 0, -E_NOENT, or -E_IO for a broken directory. */
int fat_dir_lookup(struct fat_volume *v, struct fat_dir dir, const char *name, struct fat_node *out);

/* Iteration: *cookie starts at 0; each call gives the next entry's name
 * (long name if it has a valid one) and node. Returns 1 for an entry,
 * 0 at the end, or a negative error. "." and ".." are skipped. */
int fat_dir_next(struct fat_volume *v, struct fat_dir dir, uint32_t *cookie,
		 char name[FAT_NAME_UTF8_MAX + 1], struct fat_node *out);

/* Adds an entry for name with attr, no clusters and size 0. Returns 0,
 * -E_EXIST, -E_INVAL (a name FAT cannot store), -E_NAMETOOLONG, -E_NOSPC
 * (the volume or a FAT16 root directory is full) or -E_IO. */
int fat_dir_add(struct fat_volume *v, struct fat_dir dir, const char *name, uint8_t attr,
		struct fat_node *out);

/* Rewrites the short entry of node (size, first cluster, time); nothing
 * for a detached node. */
int fat_dir_store(struct fat_volume *v, const struct fat_node *node);

/* Marks node's entry and its long-name pieces deleted (clusters untouched). */
int fat_dir_remove(struct fat_volume *v, const struct fat_node *node);

/* Raw slot i of dir: 0, 1 past the directory's end (read only), or an
 * error. For the directory code itself. */
int fat_dir_read_slot(struct fat_volume *v, struct fat_dir dir, uint32_t i, uint8_t e[FAT_DIRENT_SIZE]);
int fat_dir_write_slot(struct fat_volume *v, struct fat_dir dir, uint32_t i, const uint8_t e[FAT_DIRENT_SIZE]);

/* True when directory dir holds nothing but "." and "..". */
int fat_dir_is_empty(struct fat_volume *v, struct fat_dir dir);

/* ---- file data (file.c) ---- */

/* Reads up to len bytes at off; returns the bytes read (0 at or past the
 * end) or -E_IO for a chain that does not cover the size. */
int fat_file_read(struct fat_volume *v, struct fat_node *n, uint32_t off, void *buf, uint32_t len);

/* Writes len bytes at off inside the size (the clusters exist: nothing is
 * allocated, the size and entry do not change): the page cache's
 * write-back. Returns len, -E_INVAL outside the size, or -E_IO. */
int fat_file_write_data(struct fat_volume *v, struct fat_node *n, uint32_t off, const void *buf, uint32_t len);

/* Writes len bytes at off, growing the chain (and zero-filling a gap after
 * the old end) as needed, and stores the new size. All or nothing: space
 * is checked first (-E_NOSPC), and on an I/O error the chain and size
 * are put back. Returns len or an error. (Uncached: the VFS uses
 * fat_file_truncate + the page cache + fat_file_write_data instead.) */
int fat_file_write(struct fat_volume *v, struct fat_node *n, uint32_t off, const void *buf, uint32_t len);

/* Sets the size and stores the entry: clusters past it are freed; a growth
 * takes the clusters first (-E_NOSPC before anything changes, the chain put
 * back after an I/O error) and leaves the new bytes as the clusters hold
 * them - the caller writes them (the VFS: zeros through the page cache). */
int fat_file_truncate(struct fat_volume *v, struct fat_node *n, uint32_t size);

/* Forgets n's cluster memo (its chain changed under it). */
void fat_node_forget_memo(struct fat_node *n);

/* ---- names (ops.c) ---- */

/* A new empty directory name in dir, with its "." and ".." entries. */
int fat_mkdir(struct fat_volume *v, struct fat_dir dir, const char *name, struct fat_node *out);
/* Removes an empty directory (-E_NOTEMPTY, -E_NOTDIR) / a file (-E_ISDIR). */
int fat_rmdir(struct fat_volume *v, const struct fat_node *n);
int fat_unlink(struct fat_volume *v, const struct fat_node *n);
/* Gives n the name new_name in directory to (to may be n's own). The name
 * must be free (-E_EXIST); a directory moved elsewhere gets its ".." fixed. */
int fat_rename(struct fat_volume *v, const struct fat_node *n, struct fat_dir to, const char *new_name);

/* The directory a node is, when it is one. */
static inline struct fat_dir fat_node_dir(const struct fat_node *n)
{
	return (struct fat_dir){ n->e.first_cluster };
}

#endif
