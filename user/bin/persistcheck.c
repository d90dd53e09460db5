/*
 * user/bin/persistcheck.c - init of the persistence test's second boot
 * (make check-persist: the same disk image the suite ran on, booted again
 * with init=persistcheck). Reads back every byte the first boot wrote
 * (user/tests/persist.h), checks which volumes are mounted now (the host
 * broke the damaged volume's boot sector in between: it must be refused,
 * so its mount point shows the root's own not-mounted.txt), writes one
 * file and halts through the halt syscall, whose sync must put that file
 * on the disk (the host reads it afterwards: scripts/fat-volumes.py).
 * Prints "persist: N passed, M failed"; on a failure it exits instead of
 * halting, so the run fails too.
 */
#include "mendax.h"
#include "user/tests/persist.h"

static unsigned passed, failed;

static void verdict(int ok, const char *what)
{
	printf("%s - persist: %s\n", ok ? "ok" : "FAIL", what);
	ok ? passed++ : failed++;
}

/* 1 when path holds exactly the bytes persist_byte(seed) gives. */
static int holds(const char *path, unsigned seed, unsigned size)
{
	static unsigned char buf[3000];
	struct mendax_stat st;
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st) || st.size != size)
		return 0;
	unsigned at = 0, wrong = 0;
	long n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (long i = 0; i < n; i++, at++)
			wrong += buf[i] != persist_byte(seed, at);
	close(fd);
	return n == 0 && at == size && wrong == 0;
}

static int exists(const char *path)
{
	struct mendax_stat st;
	return stat(path, &st) == 0;
}

/* Every entry of /mnt: a mounted volume hides the not-mounted.txt of the
 * root's directory under it. Counts mounted and unmounted points. */
static void mount_points(unsigned *mounted, unsigned *bare, int *full_there)
{
	static struct mendax_dirent e[8];
	char path[80];
	int d = open("/mnt", O_RDONLY | O_DIRECTORY), n;
	*mounted = *bare = 0;
	*full_there = 0;
	while (d >= 0 && (n = getdents(d, e, 8)) > 0)
		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof path, "/mnt/%s/not-mounted.txt", e[i].name);
			exists(path) ? (*bare)++ : (*mounted)++;
			snprintf(path, sizeof path, "/mnt/%s/fill.bin", e[i].name);
			*full_there |= exists(path);
		}
	if (d >= 0)
		close(d);
}

static int write_second(void)
{
	int fd = open(PERSIST_SECOND_PATH, O_WRONLY | O_CREAT | O_TRUNC);
	long len = (long)strlen(PERSIST_SECOND_TEXT);
	int ok = fd >= 0 && write(fd, PERSIST_SECOND_TEXT, (size_t)len) == len;
	if (fd >= 0)
		close(fd);
	return ok;
}

int main(void)
{
	char what[120];
	for (unsigned i = 0; i < PERSIST_FILES; i++) {
		const struct persist_file *f = &persist_files[i];
		snprintf(what, sizeof what, "%s: %u bytes as the first boot wrote them", f->path, f->size);
		verdict(holds(f->path, f->seed, f->size), what);
	}
	unsigned mounted, bare;
	int full_there;
	mount_points(&mounted, &bare, &full_there);
	verdict(bare == 1 && mounted >= 1, "the volume with a broken boot sector is not mounted, the others are");
	verdict(full_there, "the full volume still holds the file the first boot left");
	verdict(write_second(), "a file written just before halt");
	printf("persist: %u passed, %u failed\n", passed, failed);
	if (failed)
		return 1;
	halt();
	printf("persist: halt returned (a sync failed)\n");
	return 1;
}
