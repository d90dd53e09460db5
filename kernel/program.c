/*
 * kernel/program.c - finding exec's ELF bytes (see program.h). Reads
 * through the VFS only: no file system's format is known here, and the
 * ELF loader (kernel/elf.c, proc.c) gets the same bytes as from the RAM
 * archive.
 */
#include "kernel/program.h"
#include "fs/vfs/vfs.h"
#include "kernel/fs_lock.h"
#include "kernel/initrd.h"
#include "lib/kprintf.h"
#include "mm/kheap.h"
#include "mm/pcache.h"
#include "mm/vmm.h"

static bool has_slash(const char *s)
{
	for (; *s; s++)
		if (*s == '/')
			return true;
	return false;
}

static int read_node(struct vfs_node *n, struct program *out)
{
	struct vfs_stat st;
	int rc = vfs_stat(n, &st);
	if (rc)
		return rc;
	if (st.type == VFS_DIR)
		return -E_ISDIR;
	if (st.size == 0)
		return -E_BADFMT;
	/* The head from the page cache: no I/O for a program already there
	 * (its text will be mapped from the same pages). */
	paddr_t pa;
	rc = pcache_get(&n->pages, 0, &pa);
	if (rc)
		return rc;
	uint32_t head = st.size < PROGRAM_HEAD ? st.size : PROGRAM_HEAD;
	*out = (struct program){ arch_vmm_phys_to_virt(pa), head, NULL, vfs_node_get(n), st.size, pa };
	return 0;
}

static int read_file(struct vfs_node *cwd, const char *path, struct program *out)
{
	struct vfs_node *n;
	fs_lock();
	int rc = vfs_open(cwd, path, VFS_O_RDONLY, &n);
	if (!rc) {
		rc = read_node(n, out);
		vfs_node_put(n);
	}
	fs_unlock();
	return rc;
}

int program_find(struct vfs_node *cwd, const char *path, struct program *out)
{
	*out = (struct program){ NULL, 0, NULL, NULL, 0, 0 };
	if (has_slash(path))
		return read_file(cwd, path, out);
	char full[VFS_PATH_MAX];
	int rc = -E_NOENT;
	if (path[0] && (size_t)ksnprintf(full, sizeof full, "/bin/%s", path) < sizeof full)
		rc = read_file(NULL, full, out);
	/* Only a missing /bin/name (or no disk) falls back to the archive: a
	 * file there that cannot be read is that error, not another program. */
	if (rc != -E_NOENT && rc != -E_NOTDIR)
		return rc;
	if (initrd_find(initrd_start, (size_t)(initrd_end - initrd_start), path, &out->image,
			&out->size))
		return -E_NOENT;
	out->file_size = out->size;
	return 0;
}

void program_release(struct program *prog)
{
	kfree(prog->owned);
	if (prog->head_pa)
		pcache_put(prog->head_pa);
	if (prog->node) {
		fs_lock();
		vfs_node_put(prog->node);
		fs_unlock();
	}
	*prog = (struct program){ NULL, 0, NULL, NULL, 0, 0 };
}
