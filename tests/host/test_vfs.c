/*
 * tests/host/test_vfs.c - the VFS over FAT on a volume made by mkfs.fat:
 * path resolution, open flags, one node per file, unlink and rename of
 * open files, directory listing, errors; every node given back; then
 * fsck.fat -n and mtools judge the image.
 */
#include "htest.h"
#include "himage.h"
#include "fs/fat/fat_vfs.h"
#include "fs/fat/volume.h"
#include <stdlib.h>

#define mnt himage_mnt

static int write_path(const char *path, const char *text)
{
	struct vfs_node *n;
	int rc = vfs_open(NULL, path, VFS_O_CREAT | VFS_O_WRONLY | VFS_O_TRUNC, &n);
	if (rc)
		return rc;
	rc = vfs_write(n, 0, text, (uint32_t)strlen(text));
	vfs_node_put(n);
	return rc < 0 ? rc : 0;
}

HTEST(vfs_paths_flags_and_errors)
{
	const char *img = "build/host/vfs-paths.img";
	HCHECK(himage_vfs_start("-F 16", 16384, img));
	HCHECK_EQ(vfs_mkdir(NULL, "/a"), 0);
	HCHECK_EQ(vfs_mkdir(NULL, "/a/b"), 0);
	HCHECK_EQ(vfs_mkdir(NULL, "/a/b"), -E_EXIST);
	HCHECK_EQ(write_path("/a/b/f.txt", "hello"), 0);
	struct vfs_node *cwd, *n, *m;
	HCHECK_EQ(vfs_resolve(NULL, "/a", &cwd), 0);
	HCHECK_EQ(vfs_resolve(cwd, "b/f.txt", &n), 0);
	HCHECK_EQ(vfs_resolve(cwd, "../a/./b//f.txt", &m), 0);
	HCHECK(n == m);                                             /* one node per file */
	vfs_node_put(m);
	HCHECK_EQ(vfs_resolve(cwd, "../../../a/b/../b/f.txt", &m), 0);   /* ".." of "/" is "/" */
	HCHECK(n == m);
	vfs_node_put(m);
	struct vfs_stat st;
	HCHECK_EQ(vfs_stat(n, &st), 0);
	HCHECK_EQ(st.size, 5);
	HCHECK_EQ(st.type, VFS_REG);
	HCHECK_EQ(vfs_open(NULL, "/nope/x", VFS_O_CREAT | VFS_O_RDWR, &m), -E_NOENT);
	HCHECK_EQ(vfs_open(NULL, "/a", VFS_O_WRONLY, &m), -E_ISDIR);
	HCHECK_EQ(vfs_open(NULL, "/a/b/f.txt", VFS_O_RDONLY | VFS_O_DIRECTORY, &m), -E_NOTDIR);
	HCHECK_EQ(vfs_open(NULL, "/a/b/f.txt", VFS_O_CREAT | VFS_O_EXCL | VFS_O_RDWR, &m), -E_EXIST);
	HCHECK_EQ(vfs_open(NULL, "/a/b/f.txt/x", VFS_O_RDONLY, &m), -E_NOTDIR);
	HCHECK_EQ(vfs_open(NULL, "", VFS_O_RDONLY, &m), -E_NOENT);
	HCHECK_EQ(vfs_open(NULL, "/a/b/f.txt", VFS_O_ACCMODE, &m), -E_INVAL);
	char longname[300];
	memset(longname, 'x', 299), longname[0] = '/', longname[299] = 0;
	HCHECK_EQ(vfs_open(NULL, longname, VFS_O_CREAT | VFS_O_RDWR, &m), -E_NAMETOOLONG);
	HCHECK_EQ(vfs_mkdir(NULL, "/"), -E_INVAL);
	HCHECK_EQ(vfs_rmdir(NULL, "/a/.."), -E_INVAL);
	HCHECK_EQ(vfs_rmdir(NULL, "/a"), -E_NOTEMPTY);
	HCHECK_EQ(vfs_rmdir(NULL, "/a/b/f.txt"), -E_NOTDIR);
	HCHECK_EQ(vfs_unlink(NULL, "/a/b"), -E_ISDIR);
	HCHECK_EQ(vfs_read(cwd, 0, longname, 1), -E_ISDIR);
	/* O_TRUNC empties it, through the same node everyone shares. */
	HCHECK_EQ(vfs_open(cwd, "b/f.txt", VFS_O_RDWR | VFS_O_TRUNC, &m), 0);
	HCHECK(m == n);
	HCHECK_EQ(vfs_stat(n, &st), 0);
	HCHECK_EQ(st.size, 0);
	HCHECK_EQ(vfs_write(m, 0, "again", 5), 5);
	vfs_node_put(m);
	vfs_node_put(n);
	vfs_node_put(cwd);
	HCHECK_EQ(vfs_node_count(), 1);                             /* only the root */
	HCHECK(himage_vfs_finish(img));
	char out[64];
	HCHECK_EQ(himage_mtype(img, "/a/b/f.txt", out, sizeof out), 5);
	HCHECK(!memcmp(out, "again", 5));
}

HTEST(vfs_unlink_and_rename_of_open_files)
{
	const char *img = "build/host/vfs-open.img";
	HCHECK(himage_vfs_start("-F 32 -s 1", 65536, img));
	static char big[100000];
	memset(big, 'z', sizeof big);
	struct vfs_node *n, *r;
	HCHECK_EQ(vfs_open(NULL, "/doomed.bin", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	uint32_t free0 = ((struct fat_volume *)mnt->fs)->free_clusters;
	HCHECK_EQ(vfs_write(n, 0, big, sizeof big), (int)sizeof big);
	HCHECK_EQ(vfs_unlink(NULL, "/doomed.bin"), 0);
	HCHECK_EQ(vfs_resolve(NULL, "/doomed.bin", &r), -E_NOENT);
	char got[10];
	HCHECK_EQ(vfs_read(n, 50000, got, 10), 10);                 /* still readable while open */
	HCHECK(!memcmp(got, "zzzzzzzzzz", 10));
	HCHECK(((struct fat_volume *)mnt->fs)->free_clusters < free0);
	vfs_node_put(n);                                            /* the clusters go now */
	HCHECK_EQ(((struct fat_volume *)mnt->fs)->free_clusters, free0);
	HCHECK_EQ(vfs_mkdir(NULL, "/dir one"), 0);
	HCHECK_EQ(vfs_open(NULL, "/old name.txt", VFS_O_CREAT | VFS_O_RDWR, &n), 0);
	HCHECK_EQ(vfs_write(n, 0, "first", 5), 5);
	HCHECK_EQ(vfs_rename(NULL, "/old name.txt", "/dir one/New Name.txt"), 0);
	HCHECK_EQ(vfs_write(n, 5, " second", 7), 7);                /* lands in the moved entry */
	HCHECK_EQ(vfs_resolve(NULL, "/dir one/new name.TXT", &r), 0);
	HCHECK(r == n);
	vfs_node_put(r);
	vfs_node_put(n);
	HCHECK_EQ(vfs_rename(NULL, "/dir one", "/dir two"), 0);
	HCHECK_EQ(vfs_rename(NULL, "/missing", "/x"), -E_NOENT);
	HCHECK_EQ(vfs_mkdir(NULL, "/dir two/inner"), 0);
	HCHECK_EQ(vfs_rename(NULL, "/dir two/inner", "/inner moved"), 0);   /* ".." follows */
	HCHECK_EQ(vfs_resolve(NULL, "/inner moved/../dir two/New Name.txt", &r), 0);
	vfs_node_put(r);
	/* Listing: every name once. */
	struct vfs_node *root = vfs_root();
	struct vfs_dirent d;
	uint32_t cookie = 0;
	int found = 0, rc;
	while ((rc = vfs_readdir(root, &cookie, &d)) == 1)
		found += !strcmp(d.name, "dir two") * 1 + !strcmp(d.name, "inner moved") * 10;
	HCHECK_EQ(rc, 0);
	HCHECK_EQ(found, 11);
	vfs_node_put(root);
	HCHECK_EQ(vfs_node_count(), 1);
	HCHECK(himage_vfs_finish(img));
	char out[64];
	HCHECK_EQ(himage_mtype(img, "/dir two/New Name.txt", out, sizeof out), 12);
	HCHECK(!memcmp(out, "first second", 12));
}
