/*
 * user/tests/storage.c - the storage tests beyond the VFS calls of
 * files.c, on the extra volumes of the test disks (scripts/fat-volumes.py:
 * x86 a second disk, vdb1 damaged and vdb2 for filling; ARM the card's
 * partitions 3 and 4), mounted on /mnt/<device>: mount points, a volume
 * filled to -ENOSPC, damage that must give -EIO and nothing worse, the
 * files of the persistence test's first boot (user/tests/persist.h), one
 * file written by several processes at once, a file of several MiB.
 * What the host checks afterwards: scripts/fat-volumes.py. Without the
 * test disk, each prints "storage: skipped" (the host checks refuse it).
 */
#include "user/tests/usertest.h"
#include "user/tests/persist.h"

#define FULL_MARKER "full-test-volume.txt"
#define DAMAGED_MARKER "good.txt"

/* The mount point under /mnt of the volume holding marker, in out. */
static int find_volume(const char *marker, char out[48])
{
	static struct mendax_dirent e[8];
	struct mendax_stat st;
	char path[96];
	int d = open("/mnt", O_RDONLY | O_DIRECTORY), n, found = 0;
	while (d >= 0 && !found && (n = getdents(d, e, 8)) > 0)
		for (int i = 0; i < n && !found; i++) {
			snprintf(path, sizeof path, "/mnt/%s/%s", e[i].name, marker);
			if (stat(path, &st) == 0) {
				snprintf(out, 48, "/mnt/%s", e[i].name);
				found = 1;
			}
		}
	if (d >= 0)
		close(d);
	if (!found)
		printf("  storage: skipped (no volume with %s under /mnt: not the test disk)\n", marker);
	return found;
}

/* Mounted volumes hide the root's directory under them (its
 * not-mounted.txt), ".." leaves them, and a mount point can be neither
 * removed nor renamed, nor a file renamed across mounts. */
static void mounts_cover_their_directories(void)
{
	char full[48], dmg[48], path[128], cwd[64];
	struct mendax_stat st;
	if (!find_volume(FULL_MARKER, full) || !find_volume(DAMAGED_MARKER, dmg))
		return;
	snprintf(path, sizeof path, "%s/not-mounted.txt", full);
	CHECK(stat(path, &st) == -ENOENT);
	snprintf(path, sizeof path, "%s/not-mounted.txt", dmg);
	CHECK(stat(path, &st) == -ENOENT);
	snprintf(path, sizeof path, "%s/../%s/%s", full, dmg + 5, DAMAGED_MARKER);
	CHECK(stat(path, &st) == 0 && st.type == MENDAX_T_FILE);
	CHECK(chdir(full) == 0 && chdir("..") == 0 && getcwd(cwd, sizeof cwd) == 4 && !strcmp(cwd, "/mnt"));
	CHECK(stat("../host/hello.txt", &st) == 0 && chdir("/") == 0);
	CHECK(rmdir(full) == -EPERM && rename(full, "/mnt/elsewhere") == -EPERM);
	snprintf(path, sizeof path, "%s/%s", full, FULL_MARKER);
	CHECK(rename(path, "/moved.txt") == -EINVAL && stat(path, &st) == 0);
}

/* Byte at of what the fill writes: word i is i * 2654435761. */
static unsigned char fill_byte(unsigned at)
{
	return (unsigned char)(((at / 4) * 2654435761u) >> (8 * (at % 4)));
}

/* One write of len fill bytes at total: what write returned. */
static long fill_write(int fd, unsigned total, unsigned len)
{
	static unsigned char buf[4096];
	for (unsigned i = 0; i < len; i++)
		buf[i] = fill_byte(total + i);
	return write(fd, buf, len);
}

/* Writes path until the volume is full: chunks of 4096 bytes, then of
 * 512, then single bytes, each size until it no longer fits. A write that
 * meets the end of the space may be short (as POSIX allows: the kernel
 * moves 512 bytes at a time, each all or nothing); the one after it must
 * be -ENOSPC and change nothing. Returns the bytes that fit. */
static unsigned fill(const char *path)
{
	static const unsigned chunks[] = { 4096, 512, 1 };
	struct mendax_stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL);
	CHECK(fd >= 0);
	unsigned total = 0;
	for (unsigned k = 0; k < 3; k++) {
		long n;
		while ((n = fill_write(fd, total, chunks[k])) == (long)chunks[k])
			total += chunks[k];
		if (n > 0) {
			total += (unsigned)n;
			n = fill_write(fd, total, chunks[k]);
		}
		CHECK(n == -ENOSPC);
		CHECK(fstat(fd, &st) == 0 && st.size == total && lseek(fd, 0, SEEK_CUR) == (long)total);
	}
	close(fd);
	return total;
}

/* Every byte of path is what fill wrote, and there are total of them. */
static void check_fill(const char *path, unsigned total)
{
	static unsigned char buf[4096];
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	unsigned at = 0, wrong = 0;
	long n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (long i = 0; i < n; i++, at++)
			wrong += buf[i] != fill_byte(at);
	close(fd);
	CHECK(n == 0 && at == total && wrong == 0);
}

/* The full volume: filled to -ENOSPC, the partial file's size exact, no
 * room for a directory or a byte more; unlinked, exactly as much fits
 * again. The second fill is left for the host (fsck.fat -n, mtype, mdir). */
static void a_full_volume_gives_enospc_and_frees_again(void)
{
	char vol[48], first[64], second[64], path[64];
	if (!find_volume(FULL_MARKER, vol))
		return;
	snprintf(first, sizeof first, "%s/first.bin", vol);
	snprintf(second, sizeof second, "%s/fill.bin", vol);
	unlink(first);
	unlink(second);
	unsigned total = fill(first);
	CHECK(total > 2 * MIB);
	snprintf(path, sizeof path, "%s/dir", vol);
	CHECK(mkdir(path) == -ENOSPC);
	snprintf(path, sizeof path, "%s/empty.txt", vol);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL);   /* a name needs no cluster here */
	CHECK(fd >= 0 && write(fd, "x", 1) == -ENOSPC);
	close(fd);
	CHECK(unlink(path) == 0);
	check_fill(first, total);
	CHECK(unlink(first) == 0 && sync() == 0);
	unsigned again = fill(second);
	CHECK(sync() == 0);
	printf("  full: %u bytes fit, twice (%u the second time)\n", total, again);
	CHECK(again == total);
}

/* Reads fd to its end; the last result (0 at a clean end). */
static long read_to_end(int fd)
{
	static char buf[1024];
	long n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		;
	return n;
}

static long read_whole(const char *path)
{
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	long rc = read_to_end(fd);
	close(fd);
	return rc;
}

/* A chain that loops before the size is covered: the start reads, the
 * part past a bounded walk is -EIO, and so is a write there (nothing
 * changed: the size stays). */
static void the_loop_file(const char *vol)
{
	char path[64], buf[512];
	struct mendax_stat st;
	snprintf(path, sizeof path, "%s/loop.bin", vol);
	int fd = open(path, O_RDWR);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.size > 2 * MIB);   /* more than the volume */
	CHECK(read(fd, buf, sizeof buf) == (long)sizeof buf);
	CHECK(lseek(fd, (long)st.size - 512, SEEK_SET) == (long)st.size - 512);
	CHECK(read(fd, buf, sizeof buf) == -EIO);
	CHECK(lseek(fd, 0, SEEK_END) == (long)st.size && write(fd, "x", 1) == -EIO);
	unsigned size = st.size;
	CHECK(fstat(fd, &st) == 0 && st.size == size);
	close(fd);
}

/* A directory whose chain never ends: listing and lookups stop with -EIO. */
static void the_endless_directory(const char *vol)
{
	static struct mendax_dirent e[32];
	char path[64];
	struct mendax_stat st;
	snprintf(path, sizeof path, "%s/endless", vol);
	int d = open(path, O_RDONLY | O_DIRECTORY), n;
	CHECK(d >= 0);
	unsigned seen = 0;
	while ((n = getdents(d, e, 32)) > 0)
		seen += (unsigned)n;
	close(d);
	CHECK(n == -EIO && seen <= 65536);
	snprintf(path, sizeof path, "%s/endless/missing", vol);
	CHECK(stat(path, &st) == -EIO);
	CHECK(open(path, O_WRONLY | O_CREAT) == -EIO);
}

/* The damaged volume (scripts/fat-volumes.py lists the damage): each
 * broken file or directory is -EIO, the others read as before, and a new
 * file can still be written there (the host reads it back). */
static void damage_is_eio_for_that_file_only(void)
{
	char vol[48], path[64];
	if (!find_volume(DAMAGED_MARKER, vol))
		return;
	snprintf(path, sizeof path, "%s/range.txt", vol);
	CHECK(read_whole(path) == -EIO);
	snprintf(path, sizeof path, "%s/badfirst.txt", vol);
	CHECK(read_whole(path) == -EIO);
	the_loop_file(vol);
	the_endless_directory(vol);
	snprintf(path, sizeof path, "%s/good.txt", vol);
	check_contents(path, "a good file on a damaged volume\n");
	snprintf(path, sizeof path, "%s/ok/inner.txt", vol);
	check_contents(path, "inner file, still readable\n");
	snprintf(path, sizeof path, "%s/new.txt", vol);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC);
	const char *text = "written next to damaged files\n";
	CHECK(fd >= 0 && write(fd, text, strlen(text)) == (long)strlen(text));
	close(fd);
	check_contents(path, text);
	CHECK(sync() == 0);
}

static void write_persist_file(const struct persist_file *f)
{
	static unsigned char buf[3000];
	int fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	for (unsigned at = 0; at < f->size;) {
		unsigned k = f->size - at < sizeof buf ? f->size - at : sizeof buf;
		for (unsigned i = 0; i < k; i++)
			buf[i] = persist_byte(f->seed, at + i);
		CHECK(write(fd, buf, k) == (long)k);
		at += k;
	}
	close(fd);
}

/* The first boot of the persistence test (the suite's own boot): the
 * files stay for the second boot (make check-persist) and the host. */
static void files_for_the_next_boot(void)
{
	struct mendax_stat st;
	if (stat("/host/hello.txt", &st) != 0) {
		printf("  storage: skipped (not the test disk)\n");
		return;
	}
	static const char *const dirs[] = { "/persist", "/persist/sub", "/persist/sub/deeper" };
	for (unsigned i = 0; i < 3; i++) {
		int rc = mkdir(dirs[i]);
		CHECK(rc == 0 || rc == -EEXIST);
	}
	unlink(PERSIST_SECOND_PATH);
	for (unsigned i = 0; i < PERSIST_FILES; i++)
		write_persist_file(&persist_files[i]);
	CHECK(sync() == 0);
}

enum { WRITERS = 3, PIECES = 40, PIECE = 1000 };

static unsigned char piece_byte(unsigned writer, unsigned piece, unsigned i)
{
	return (unsigned char)(writer * 89 + piece * 13 + i);
}

/* Writer w's pieces interleave with the others' (piece p of w at
 * (p * WRITERS + w) * PIECE): 1000-byte pieces straddle sectors, so
 * neighbours share sectors that each writer reads, changes and writes. */
static void write_pieces(int fd, unsigned w)
{
	static unsigned char buf[PIECE];
	for (unsigned p = 0; p < PIECES; p++) {
		for (unsigned i = 0; i < PIECE; i++)
			buf[i] = piece_byte(w, p, i);
		CHECK(lseek(fd, (long)((p * WRITERS + w) * PIECE), SEEK_SET) >= 0);
		CHECK(write(fd, buf, PIECE) == PIECE);
		yield();
	}
}

/* Several processes write one file at different offsets at once; each
 * has its own descriptor (its own offset). */
static void writers_share_one_file(void)
{
	static unsigned char buf[PIECE];
	struct mendax_stat st;
	if (stat("/host/hello.txt", &st) != 0)
		return;
	const char *path = "/st-shared.bin";
	close(open(path, O_WRONLY | O_CREAT | O_TRUNC));
	for (unsigned w = 0; w < WRITERS; w++)
		if (fork() == 0) {
			int fd = open(path, O_WRONLY);
			CHECK(fd >= 0);
			write_pieces(fd, w);
			close(fd);
			exit(0);
		}
	int s, ok = 0;
	while (wait(&s) > 0)
		ok += s == 0;
	CHECK(ok == WRITERS);
	CHECK(stat(path, &st) == 0 && st.size == WRITERS * PIECES * PIECE);
	int fd = open(path, O_RDONLY);
	unsigned wrong = 0;
	for (unsigned k = 0; k < WRITERS * PIECES; k++) {
		CHECK(read(fd, buf, PIECE) == PIECE);
		for (unsigned i = 0; i < PIECE; i++)
			wrong += buf[i] != piece_byte(k % WRITERS, k / WRITERS, i);
	}
	close(fd);
	CHECK(wrong == 0 && unlink(path) == 0);
}

/* Several MiB. On x86 (FAT32, 512-byte clusters) the 6 MiB file's chain
 * alone takes 96 sectors of each FAT copy, more than the metadata cache
 * holds (64), so dirty FAT sectors are evicted and read again while it
 * grows. The Pi card's FAT16 root (4 MiB) has room for 3 MiB, whose chain
 * (24 sectors per copy) still fits the cache. */
#ifdef __arm__
#define BIG_FILE (3 * MIB)
#else
#define BIG_FILE (6 * MIB)
#endif
static void a_file_of_several_mib(void)
{
	static unsigned buf[1024];
	struct mendax_stat st;
	if (stat("/host/hello.txt", &st) != 0)
		return;
	int fd = open("/st-big.bin", O_RDWR | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	for (unsigned at = 0; at < BIG_FILE / 4; at += 1024) {
		for (unsigned i = 0; i < 1024; i++)
			buf[i] = (at + i) * 2654435761u ^ 0x5A5A5A5Au;
		CHECK(write(fd, buf, sizeof buf) == (long)sizeof buf);
	}
	CHECK(fstat(fd, &st) == 0 && st.size == BIG_FILE && lseek(fd, 0, SEEK_SET) == 0);
	unsigned wrong = 0;
	for (unsigned at = 0; at < BIG_FILE / 4; at += 1024) {
		CHECK(read(fd, buf, sizeof buf) == (long)sizeof buf);
		for (unsigned i = 0; i < 1024; i++)
			wrong += buf[i] != ((at + i) * 2654435761u ^ 0x5A5A5A5Au);
	}
	CHECK(wrong == 0 && read(fd, buf, 4) == 0);
	close(fd);
	CHECK(unlink("/st-big.bin") == 0);
}

USERTEST(mounts_cover_their_directories, "storage: volumes mounted on /mnt/<dev> hide the directory, .. leaves them");
USERTEST(a_full_volume_gives_enospc_and_frees_again, "storage: a full volume is -ENOSPC, sizes exact, the space comes back");
USERTEST(damage_is_eio_for_that_file_only, "storage: a damaged volume: -EIO for the broken files and directory only");
USERTEST(files_for_the_next_boot, "storage: files written for the next boot (make check-persist)");
USERTEST(writers_share_one_file, "storage: three processes write one file at interleaved offsets");
USERTEST(a_file_of_several_mib, "storage: a file of several MiB (more FAT than the metadata cache)");
