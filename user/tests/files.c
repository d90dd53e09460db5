/*
 * user/tests/files.c - files, descriptors and paths from user mode: every
 * call of kernel/syscall_fs.c with its errors, on the FAT volume mounted as
 * "/" (the test disk's partition 1). Each test works in a directory of its
 * own and removes what it made, except /guest/written-by-mendax.txt, left
 * on purpose for the host's check (scripts/check-files-test.sh). Without
 * the test disk each test prints "files: skipped" and writes nothing (the
 * host check refuses that in the harness's runs).
 */
#include "user/tests/usertest.h"

#define KERNEL_PTR ((void *)0xC0000000u)

/* Only on the harness's test disk (scripts/mkdisk-test.sh, sd-scratch.py),
 * known by the file the host put there: a card or disk of someone's own
 * (a test build booted through U-Boot from the real boot card) is not
 * written, as the kernel's disk tests do not write one either. */
static int mounted(void)
{
	static const char want[] = "hello from the host\n";
	char buf[sizeof want];
	int fd = open("/host/hello.txt", O_RDONLY);
	long n = fd >= 0 ? read(fd, buf, sizeof buf) : fd;
	if (fd >= 0)
		close(fd);
	if (n == (long)sizeof want - 1 && !memcmp(buf, want, sizeof want - 1))
		return 1;
	printf("  files: skipped (not the test disk: no /host/hello.txt from the host; %ld)\n", n);
	return 0;
}

/* A new file holding text; returns its fd (O_RDWR), offset at the end. */
static int make_file(const char *path, const char *text)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL);
	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (long)strlen(text));
	return fd;
}

/* The whole file at path must hold exactly text (usertest.h). */
void check_contents(const char *path, const char *text)
{
	static char buf[512];
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	long n = read(fd, buf, sizeof buf);
	CHECK(n == (long)strlen(text) && !memcmp(buf, text, (size_t)n));
	CHECK(read(fd, buf, sizeof buf) == 0);
	close(fd);
}

static void open_read_write_and_errors(void)
{
	if (!mounted())
		return;
	char buf[16];
	struct mendax_stat st;
	CHECK(mkdir("/ft1") == 0);
	CHECK(mkdir("/ft1") == -EEXIST);
	int fd = make_file("/ft1/a.txt", "hello");
	CHECK(open("/ft1/a.txt", O_RDWR | O_CREAT | O_EXCL) == -EEXIST);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(read(fd, buf, sizeof buf) == 5 && !memcmp(buf, "hello", 5));
	CHECK(fstat(fd, &st) == 0 && st.type == MENDAX_T_FILE && st.size == 5);
	CHECK(stat("/ft1", &st) == 0 && st.type == MENDAX_T_DIR);
	CHECK(stat("/ft1/none", &st) == -ENOENT);
	CHECK(open("/ft1/none", O_RDONLY) == -ENOENT);
	CHECK(open("/nodir/x", O_RDWR | O_CREAT) == -ENOENT);
	CHECK(open("/ft1/a.txt/x", O_RDONLY) == -ENOTDIR);
	CHECK(open("/ft1", O_RDWR) == -EISDIR);
	CHECK(open("/ft1/a.txt", O_RDONLY | O_DIRECTORY) == -ENOTDIR);
	CHECK(open("/ft1/a.txt", O_ACCMODE) == -EINVAL);
	CHECK(open("/ft1/a.txt", 0x100000) == -EINVAL);
	int ro = open("/ft1/a.txt", O_RDONLY), wo = open("/ft1/a.txt", O_WRONLY);
	CHECK(ro >= 0 && wo >= 0);
	CHECK(write(ro, "x", 1) == -EPERM);
	CHECK(read(wo, buf, 1) == -EPERM);
	CHECK(lseek(ro, -1, SEEK_SET) == -EINVAL);
	CHECK(lseek(ro, -6, SEEK_END) == -EINVAL);
	CHECK(lseek(ro, -2, SEEK_END) == 3);
	CHECK(lseek(ro, 1, SEEK_CUR) == 4);
	CHECK(lseek(ro, 0, 7) == -EINVAL);
	CHECK(read(ro, buf, sizeof buf) == 1 && buf[0] == 'o');
	CHECK(lseek(0, 0, SEEK_SET) == -EINVAL);       /* the console */
	int p[2];
	CHECK(pipe(p) == 0);
	CHECK(lseek(p[0], 0, SEEK_SET) == -EINVAL);
	CHECK(fstat(p[0], &st) == -EINVAL);
	CHECK(fsync(p[1]) == -EINVAL);
	close(p[0]);
	close(p[1]);
	CHECK(lseek(99, 0, SEEK_SET) == -EINVAL && fstat(-1, &st) == -EINVAL);
	close(ro);
	close(wo);
	int tr = open("/ft1/a.txt", O_WRONLY | O_TRUNC);
	CHECK(tr >= 0 && fstat(tr, &st) == 0 && st.size == 0);
	close(tr);
	int d = open("/ft1", O_RDONLY);
	CHECK(d >= 0 && read(d, buf, 1) == -EISDIR);
	CHECK(lseek(d, 0, SEEK_SET) == 0 && lseek(d, 5, SEEK_SET) == -EINVAL);
	struct mendax_dirent ent;
	CHECK(getdents(fd, &ent, 1) == -ENOTDIR && getdents(d, &ent, 0) == -EINVAL);
	close(d);
	CHECK(fsync(fd) == 0 && sync() == 0);
	close(fd);
	CHECK(rmdir("/ft1") == -ENOTEMPTY);
	CHECK(rmdir("/ft1/a.txt") == -ENOTDIR);
	CHECK(unlink("/ft1") == -EISDIR);
	CHECK(unlink("/ft1/a.txt") == 0 && unlink("/ft1/a.txt") == -ENOENT);
	CHECK(rmdir("/ft1") == 0 && rmdir("/ft1") == -ENOENT);
}

static void bad_pointers_and_long_paths(void)
{
	if (!mounted())
		return;
	struct mendax_stat st;
	struct mendax_dirent ent;
	char name[300];
	CHECK(open(KERNEL_PTR, O_RDONLY) == -EFAULT && open(NULL, O_RDONLY) == -EFAULT);
	CHECK(stat(KERNEL_PTR, &st) == -EFAULT && stat("/", KERNEL_PTR) == -EFAULT);
	CHECK(mkdir(KERNEL_PTR) == -EFAULT && rmdir(NULL) == -EFAULT && unlink(KERNEL_PTR) == -EFAULT);
	CHECK(rename(KERNEL_PTR, "/x") == -EFAULT && rename("/x", NULL) == -EFAULT);
	CHECK(chdir(KERNEL_PTR) == -EFAULT && getcwd(KERNEL_PTR, 64) == -EFAULT);
	CHECK(exec("/bin/../bin/x", (char **)KERNEL_PTR) == -EFAULT);
	CHECK(mkdir("/ft2") == 0);
	int fd = make_file("/ft2/f", "0123456789");
	CHECK(fstat(fd, KERNEL_PTR) == -EFAULT);
	CHECK(lseek(fd, 2, SEEK_SET) == 2);
	CHECK(read(fd, KERNEL_PTR, 4) == -EFAULT);
	CHECK(write(fd, KERNEL_PTR, 4) == -EFAULT);
	CHECK(lseek(fd, 0, SEEK_CUR) == 2);             /* nothing consumed */
	int d = open("/ft2", O_RDONLY | O_DIRECTORY);
	CHECK(getdents(d, KERNEL_PTR, 1) == -EFAULT);
	CHECK(getdents(d, &ent, 1) == 1 && !strcmp(ent.name, "f") && ent.size == 10);
	close(d);
	close(fd);
	memset(name, 'n', sizeof name);
	name[0] = '/';
	name[sizeof name - 1] = 0;
	CHECK(open(name, O_RDWR | O_CREAT) == -ENAMETOOLONG);
	CHECK(chdir(name) == -ENAMETOOLONG && stat(name, &st) == -ENAMETOOLONG);
	CHECK(unlink("/ft2/f") == 0 && rmdir("/ft2") == 0);
}

/* lseek past the end, then a write: the gap reads back as zeros. */
static void seek_past_end_leaves_zeros(void)
{
	if (!mounted())
		return;
	static char buf[6000];
	int fd = make_file("/ft3.bin", "A");
	CHECK(lseek(fd, 5000, SEEK_SET) == 5000);
	CHECK(write(fd, "B", 1) == 1);
	CHECK(lseek(fd, 0, SEEK_END) == 5001);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	memset(buf, 0x55, sizeof buf);
	CHECK(read(fd, buf, sizeof buf) == 5001);
	unsigned nonzero = 0;
	for (int i = 1; i < 5000; i++)
		nonzero += buf[i] != 0;
	CHECK(buf[0] == 'A' && buf[5000] == 'B' && nonzero == 0);
	close(fd);
	CHECK(unlink("/ft3.bin") == 0);
}

static void append_writes_at_the_end(void)
{
	if (!mounted())
		return;
	int fd = make_file("/ft4.txt", "ab");
	int ap = open("/ft4.txt", O_WRONLY | O_APPEND);
	CHECK(ap >= 0);
	CHECK(write(ap, "cd", 2) == 2);
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "X", 1) == 1);   /* rewrites 'a' */
	CHECK(write(fd, "ZZZZ", 4) == 4);                                /* extends to 5 */
	CHECK(write(ap, "ef", 2) == 2);                                  /* after the 5 */
	close(fd);
	close(ap);
	check_contents("/ft4.txt", "XZZZZef");
	CHECK(unlink("/ft4.txt") == 0);
}

/* 300 files in one directory, listed by getdents a few records at a time. */
static void getdents_lists_many_files(void)
{
	if (!mounted())
		return;
	enum { N = 300 };
	static unsigned char seen[N];
	static struct mendax_dirent ents[7];
	char path[64];
	CHECK(mkdir("/ft5") == 0);
	for (int i = 0; i < N; i++) {
		snprintf(path, sizeof path, "/ft5/a long file name %03d.txt", i);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL);
		CHECK(fd >= 0);
		CHECK(write(fd, path, (size_t)(i % 7)) == i % 7);
		close(fd);
	}
	int d = open("/ft5", O_RDONLY | O_DIRECTORY), n, total = 0, bad = 0;
	CHECK(d >= 0);
	while ((n = getdents(d, ents, 7)) > 0) {
		for (int j = 0; j < n; j++) {
			int i = atoi(ents[j].name + 17);
			snprintf(path, sizeof path, "a long file name %03d.txt", i);
			bad += i < 0 || i >= N || strcmp(path, ents[j].name) || seen[i]++ ||
			       ents[j].type != MENDAX_T_FILE || ents[j].size != (unsigned)(i % 7);
			total++;
		}
	}
	CHECK(n == 0 && total == N && bad == 0);
	CHECK(getdents(d, ents, 7) == 0);                /* stays at the end */
	CHECK(lseek(d, 0, SEEK_SET) == 0 && getdents(d, ents, 7) == 7);   /* rewound */
	close(d);
	for (int i = 0; i < N; i++) {
		snprintf(path, sizeof path, "/ft5/a long file name %03d.txt", i);
		CHECK(unlink(path) == 0);
	}
	CHECK(rmdir("/ft5") == 0);
}

static void rename_and_unlink_open_files(void)
{
	if (!mounted())
		return;
	struct mendax_stat st;
	char buf[32];
	CHECK(mkdir("/ft6") == 0);
	close(make_file("/ft6/old name.txt", "renamed contents"));
	CHECK(rename("/ft6/old name.txt", "/ft6/new name.txt") == 0);
	CHECK(stat("/ft6/old name.txt", &st) == -ENOENT);
	check_contents("/ft6/new name.txt", "renamed contents");
	CHECK(rename("/ft6/missing", "/ft6/x") == -ENOENT);
	/* Unlinked while open: the name goes now, the data at the last close. */
	int fd = open("/ft6/new name.txt", O_RDONLY);
	CHECK(fd >= 0 && unlink("/ft6/new name.txt") == 0);
	CHECK(stat("/ft6/new name.txt", &st) == -ENOENT);
	CHECK(read(fd, buf, sizeof buf) == 16 && !memcmp(buf, "renamed contents", 16));
	close(make_file("/ft6/new name.txt", "another"));   /* the name is free */
	CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 7) == 7 && !memcmp(buf, "renamed", 7));
	close(fd);
	check_contents("/ft6/new name.txt", "another");
	CHECK(unlink("/ft6/new name.txt") == 0 && rmdir("/ft6") == 0);
}

/* dup, dup2 and fork share one open file: one offset. */
static void dup_and_fork_share_the_offset(void)
{
	if (!mounted())
		return;
	int fd = make_file("/ft7.txt", "");
	int copy = dup(fd);
	CHECK(copy >= 0 && copy != fd);
	CHECK(dup2(fd, 12) == 12 && dup2(fd, fd) == fd);
	CHECK(dup2(fd, MENDAX_FDS) == -EINVAL && dup2(99, 3) == -EINVAL && dup(-1) == -EINVAL);
	CHECK(write(12, "one ", 4) == 4 && write(copy, "two ", 4) == 4);
	CHECK(lseek(fd, 0, SEEK_CUR) == 8);
	int pid = fork();
	if (pid == 0)
		exit(write(fd, "child ", 6) == 6 ? 0 : 1);
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	CHECK(write(fd, "parent", 6) == 6);
	close(12);
	close(copy);
	close(fd);
	check_contents("/ft7.txt", "one two child parent");
	CHECK(unlink("/ft7.txt") == 0);
}

/* Opens until the table is full; all of them close again. */
static void the_descriptor_table_fills_up(void)
{
	if (!mounted())
		return;
	int fds[MENDAX_FDS], n = 0, fd;
	while ((fd = open("/", O_RDONLY)) >= 0)
		fds[n++] = fd;
	CHECK(fd == -EAGAIN && n >= MENDAX_FDS - 3);
	CHECK(dup(0) == -EAGAIN);
	while (n > 0)
		close(fds[--n]);
}

static void chdir_and_getcwd(void)
{
	if (!mounted())
		return;
	char cwd[64];
	struct mendax_stat st;
	CHECK(getcwd(cwd, sizeof cwd) == 1 && !strcmp(cwd, "/"));
	CHECK(mkdir("/ft8") == 0 && mkdir("/ft8/sub") == 0);
	CHECK(chdir("/ft8/sub") == 0 && getcwd(cwd, sizeof cwd) == 8 && !strcmp(cwd, "/ft8/sub"));
	close(make_file("rel.txt", "relative"));
	check_contents("/ft8/sub/rel.txt", "relative");
	CHECK(chdir("..") == 0 && getcwd(cwd, sizeof cwd) == 4 && !strcmp(cwd, "/ft8"));
	CHECK(stat("sub/rel.txt", &st) == 0 && st.size == 8);
	CHECK(chdir("./sub/../sub/.//") == 0 && getcwd(cwd, sizeof cwd) > 0 && !strcmp(cwd, "/ft8/sub"));
	CHECK(getcwd(cwd, 8) == -EINVAL);                 /* 9 bytes needed */
	CHECK(chdir("missing/..") == -ENOENT && chdir("rel.txt") == -ENOTDIR);
	CHECK(getcwd(cwd, sizeof cwd) > 0 && !strcmp(cwd, "/ft8/sub"));   /* unchanged */
	int pid = fork();
	if (pid == 0) {                                   /* the child starts where we are */
		char c[64];
		exit(getcwd(c, sizeof c) > 0 && !strcmp(c, "/ft8/sub") && stat("rel.txt", &st) == 0 &&
		     chdir("/") == 0 ? 0 : 1);
	}
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	CHECK(getcwd(cwd, sizeof cwd) > 0 && !strcmp(cwd, "/ft8/sub"));   /* not the child's */
	CHECK(chdir("../../..") == 0 && getcwd(cwd, sizeof cwd) == 1 && !strcmp(cwd, "/"));
	CHECK(unlink("/ft8/sub/rel.txt") == 0 && rmdir("/ft8/sub") == 0 && rmdir("/ft8") == 0);
}

static unsigned pattern(unsigned seed, unsigned i) { return (i * 2654435761u) ^ seed; }

/* Writes words [0, n) of pattern(seed) to fd in chunks of chunk words. */
static void write_pattern(int fd, unsigned seed, unsigned n, unsigned chunk, int yield_between)
{
	static unsigned buf[1024];
	for (unsigned at = 0; at < n; at += chunk) {
		unsigned k = n - at < chunk ? n - at : chunk;
		for (unsigned i = 0; i < k; i++)
			buf[i] = pattern(seed, at + i);
		CHECK(write(fd, buf, k * 4) == (long)(k * 4));
		if (yield_between)
			yield();
	}
}

/* Reads fd from its offset in chunks of chunk bytes; the number of words
 * that differ from pattern(seed) (the file must hold exactly n words). */
static unsigned verify_pattern(int fd, unsigned seed, unsigned n, unsigned chunk)
{
	static unsigned char buf[4096];
	unsigned wrong = 0, at = 0;
	long got;
	while ((got = read(fd, buf, chunk)) > 0) {
		for (long i = 0; i + 4 <= got; i += 4) {
			unsigned w;
			memcpy(&w, buf + i, 4);
			wrong += w != pattern(seed, (at + (unsigned)i) / 4);
		}
		at += (unsigned)got;
	}
	return wrong + (at != n * 4);
}

/* Two processes write two files at the same time, yielding between chunks. */
static void concurrent_writers(void)
{
	if (!mounted())
		return;
	const char *names[2] = { "/ft9-a.bin", "/ft9-b.bin" };
	for (unsigned c = 0; c < 2; c++) {
		if (fork() == 0) {
			int fd = open(names[c], O_WRONLY | O_CREAT | O_EXCL);
			CHECK(fd >= 0);
			write_pattern(fd, 1000 + c, 16384, 100 + 27 * c, 1);
			close(fd);
			exit(0);
		}
	}
	int s, ok = 0;
	while (wait(&s) > 0)
		ok += s == 0;
	CHECK(ok == 2);
	for (unsigned c = 0; c < 2; c++) {
		int fd = open(names[c], O_RDONLY);
		CHECK(fd >= 0 && verify_pattern(fd, 1000 + c, 16384, 4096) == 0);
		close(fd);
		CHECK(unlink(names[c]) == 0);
	}
}

/* 1.5 MiB written in 4 KiB chunks, read back in 3000-byte chunks. */
static void a_file_bigger_than_a_mib(void)
{
	if (!mounted())
		return;
	enum { WORDS = 3 * 1024 * 1024 / 8 };
	struct mendax_stat st;
	int fd = open("/ft10.bin", O_RDWR | O_CREAT | O_EXCL);
	CHECK(fd >= 0);
	write_pattern(fd, 77, WORDS, 1024, 0);
	CHECK(fstat(fd, &st) == 0 && st.size == WORDS * 4);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(verify_pattern(fd, 77, WORDS, 3000) == 0);
	CHECK(lseek(fd, 1000000, SEEK_SET) == 1000000);   /* the middle, word-aligned */
	unsigned w;
	CHECK(read(fd, &w, 4) == 4 && w == pattern(77, 250000));
	close(fd);
	CHECK(unlink("/ft10.bin") == 0);
}

/* The host put /host/hello.txt there (scripts/mkdisk-test.sh); the host
 * reads back what this leaves in /guest (scripts/check-files-test.sh). */
static void files_shared_with_the_host(void)
{
	if (!mounted())
		return;
	check_contents("/host/hello.txt", "hello from the host\n");
	int rc = mkdir("/guest");
	CHECK(rc == 0 || rc == -EEXIST);
	int fd = open("/guest/written-by-mendax.txt", O_WRONLY | O_CREAT | O_TRUNC);
	const char *text = "written on mendax by user/tests/files.c\n";
	CHECK(fd >= 0 && write(fd, text, strlen(text)) == (long)strlen(text));
	CHECK(fsync(fd) == 0);
	close(fd);
	check_contents("/guest/written-by-mendax.txt", text);
}

static int run_status(const char *path, char **argv)
{
	int pid = fork();
	if (pid == 0)
		exit(exec(path, argv) == -ENOENT ? 100 : 101);
	int s;
	CHECK(waitpid(pid, &s) == pid);
	return s;
}

/* /bin/hello2 is hello.elf, put on the disk by the host
 * (scripts/disk-add-programs.sh, and a test build's boot card made by
 * scripts/sdimage.sh): by path, relative path and bare name. Only reads,
 * so it runs on the boot card too (check-uboot requires the last line). */
static void exec_from_the_disk(void)
{
	struct mendax_stat st;
	char *argv[] = { "hello2", "x", NULL };
	if (stat("/bin", &st) != 0) {
		printf("  files: skipped: no /bin on this disk\n");
		return;
	}
	if (stat("/host/hello.txt", &st) == 0)
		CHECK(exec("/host/hello.txt", argv) == -EBADFMT);
	CHECK(exec("/bin", argv) == -EISDIR);
	CHECK(exec("/bin/none", argv) == -ENOENT && exec("./none", argv) == -ENOENT);
	CHECK(run_status("hello", argv) == 2);   /* /bin/hello, or the RAM archive where the disk has none */
	if (stat("/bin/hello2", &st) != 0) {
		printf("  files: skipped: no /bin/hello2 on this disk\n");
		return;
	}
	CHECK(run_status("/bin/hello2", argv) == 2);
	CHECK(run_status("hello2", argv) == 2);
	CHECK(chdir("/bin") == 0 && run_status("./hello2", argv) == 2 && chdir("/") == 0);
	printf("  /bin/hello2 ran from the disk by path, by name and relative\n");
}

static int contains(const char *text, const char *part)
{
	for (size_t n = strlen(part); *text; text++)
		if (!strncmp(text, part, n))
			return 1;
	return 0;
}

/* The shell with a script on standard input (a pipe) and its output in a
 * log file: cd, pwd, echo, > and >>, and the ls/cat/cp/mv/rm/mkdir/rmdir
 * programs. */
static void the_shell_works_with_files(void)
{
	if (!mounted())
		return;
	static char text[1024];
	const char *script =
		"mkdir /ft11\n"
		"echo hello shell > /ft11/a\n"
		"echo more >> /ft11/a\n"
		"cp /ft11/a /ft11/b\n"
		"mv /ft11/b /ft11/c\n"
		"cd /ft11\n"
		"pwd > p\n"
		"cat c > d\n"
		"ls > list\n"
		"ls /ft11 /host >> list\n"
		"cat nothing-here\n";
	int in[2], log = open("/ft11.log", O_WRONLY | O_CREAT | O_EXCL);
	CHECK(log >= 0 && pipe(in) == 0);
	int pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(log, 1);
		close(in[0]), close(in[1]), close(log);
		char *argv[] = { "sh", NULL };
		exec("sh", argv);
		exit(99);
	}
	close(in[0]);
	close(log);
	CHECK(write(in[1], script, strlen(script)) == (long)strlen(script));
	close(in[1]);                                    /* end of input: the shell exits */
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	check_contents("/ft11/d", "hello shell\nmore\n");
	check_contents("/ft11/p", "/ft11\n");
	int fd = open("/ft11/list", O_RDONLY);
	long n = read(fd, text, sizeof text - 1);
	close(fd);
	CHECK(n > 0);
	text[n] = 0;
	CHECK(contains(text, "17 a\n") && contains(text, "17 c\n") && contains(text, " 0 list\n"));
	CHECK(contains(text, " d hello.txt") == 0 && contains(text, "20 hello.txt\n"));
	fd = open("/ft11.log", O_RDONLY);
	n = read(fd, text, sizeof text - 1);
	close(fd);
	text[n > 0 ? n : 0] = 0;
	CHECK(contains(text, "cat: nothing-here: error -5"));
	const char *made[] = { "/ft11/a", "/ft11/c", "/ft11/d", "/ft11/p", "/ft11/list", "/ft11.log" };
	for (unsigned i = 0; i < sizeof made / sizeof made[0]; i++)
		CHECK(unlink(made[i]) == 0);
	CHECK(rmdir("/ft11") == 0);
}

USERTEST(open_read_write_and_errors, "files: open/read/write/lseek/fstat/stat and their errors");
USERTEST(bad_pointers_and_long_paths, "files: bad pointers get -EFAULT, long paths -ENAMETOOLONG, nothing consumed");
USERTEST(seek_past_end_leaves_zeros, "files: lseek past the end then write: the gap reads as zeros");
USERTEST(append_writes_at_the_end, "files: O_APPEND writes at the end");
USERTEST(getdents_lists_many_files, "files: getdents lists 300 files in one directory");
USERTEST(rename_and_unlink_open_files, "files: rename; an unlinked open file stays readable");
USERTEST(dup_and_fork_share_the_offset, "files: dup, dup2 and fork share the offset");
USERTEST(the_descriptor_table_fills_up, "files: a full descriptor table is -EAGAIN");
USERTEST(chdir_and_getcwd, "files: chdir/getcwd with . and .., inherited by fork");
USERTEST(concurrent_writers, "files: two processes write two files at once");
USERTEST(a_file_bigger_than_a_mib, "files: a 1.5 MiB file written and read back");
USERTEST(files_shared_with_the_host, "files: reads the host's file, leaves one for the host");
USERTEST(the_shell_works_with_files, "files: the shell's cd/pwd/echo, > and >>, ls/cat/cp/mv");
USERTEST(exec_from_the_disk, "files: exec from /bin on the disk by path and by name");
