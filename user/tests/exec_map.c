/*
 * user/tests/exec_map.c - demand-paged exec (docs/mapped-files.md): a
 * program run from a file is mapped from the page cache, not copied, so
 * two copies share every text frame (seen through vmmap: the frames'
 * owners, the cache counted as one), and a program whose file is replaced
 * while it runs keeps running its old pages; a crafted read-only segment
 * with memsz > filesz reads zeros past its file bytes. On the test disk
 * only (the program is /bin/hello2, copied to /xmt/h).
 */
#include "user/tests/usertest.h"

#define PIPE_BYTES 4096   /* kernel/file.c PIPE_SIZE */

static int copy_file(const char *from, const char *to)
{
	static char buf[1024];
	int in = open(from, O_RDONLY);
	if (in < 0)
		return in;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC);
	CHECK(out >= 0);
	long n;
	while ((n = read(in, buf, sizeof buf)) > 0)
		CHECK(write(out, buf, (size_t)n) == n);
	close(in);
	close(out);
	return 0;
}

/* Only on the harness's test disk (known by the host's /host/hello.txt):
 * nothing is written on someone's own card. */
static int ready(void)
{
	int rc = open("/host/hello.txt", O_RDONLY);
	if (rc >= 0) {
		close(rc);
		rc = mkdir("/xmt");
	}
	if (rc == 0 || rc == -EEXIST)
		rc = copy_file("/bin/hello2", "/xmt/h");
	if (rc)
		printf("  exec_map: skipped (not the test disk: no /host/hello.txt or /bin/hello2; %d)\n", rc);
	return rc == 0;
}

/* The state ps gives pid, or 0. */
static char state_of(int pid, const char *name)
{
	static struct mendax_procinfo ps_buf[64];
	int n = ps(ps_buf, 64);
	for (int i = 0; i < n; i++)
		if (ps_buf[i].pid == pid && !strcmp(ps_buf[i].name, name))
			return ps_buf[i].state;
	return 0;
}

/* Starts /xmt/h with its output into a full pipe: it runs until its
 * first write and sleeps there until the pipe is read. Returns its pid;
 * *rd is the pipe's read end. */
static int start_blocked(int *rd)
{
	static char filler[PIPE_BYTES];
	int fds[2];
	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], filler, sizeof filler) == (long)sizeof filler);
	int pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		char *argv[] = { "h", "mapped", 0 };
		exec("/xmt/h", argv);
		exit(99);
	}
	close(fds[1]);
	for (int spins = 0; state_of(pid, "h") != 'S'; spins++) {
		CHECK(spins < 100000);
		yield();
	}
	*rd = fds[0];
	return pid;
}

/* Does text occur in s? */
static int contains(const char *s, const char *text)
{
	size_t n = strlen(text);
	for (; *s; s++)
		if (!memcmp(s, text, n))
			return 1;
	return 0;
}

/* Drains the pipe and reaps the child: its output must be hello's. */
static void finish(int pid, int rd)
{
	static char buf[PIPE_BYTES + 128];
	long got = 0, n;
	while ((n = read(rd, buf + got, sizeof buf - (size_t)got)) > 0)
		got += n;
	close(rd);
	buf[got < (long)sizeof buf ? got : (long)sizeof buf - 1] = 0;
	int st = -1;
	CHECK(waitpid(pid, &st) == pid && st == 2);
	CHECK(got > PIPE_BYTES && contains(buf + PIPE_BYTES, "[h] [mapped]"));
}

static struct mendax_vmrange ranges[64];

/* Pages of pid's executable file ranges that are the cache's frames with
 * at least owners owners; -1 if a page of them is a private copy. */
static int shared_text_pages(int pid, unsigned owners)
{
	int n = vmmap(pid, ranges, 64), pages = 0;
	CHECK(n > 0 && n <= 64);
	for (int i = 0; i < n; i++) {
		const struct mendax_vmrange *r = &ranges[i];
		if (!r->map || !(r->prot & PROT_EXEC))
			continue;
		CHECK(r->map == MAP_PRIVATE && !strcmp(r->name, "h"));
		if (r->kind == VM_FILE_PRIVATE || r->kind == VM_COW_SHARED)
			return -1;
		if (r->kind == VM_FILE_MAPPED && r->refcount >= owners)
			pages += (int)((r->end - r->start) / 4096);
	}
	return pages;
}

static void two_copies_share_every_text_frame(void)
{
	if (!ready())
		return;
	int rd1, rd2;
	int a = start_blocked(&rd1);
	int b = start_blocked(&rd2);
	/* Every text page either has touched is one frame: the cache's, with
	 * both of them and the cache as owners. */
	int pa = shared_text_pages(a, 3), pb = shared_text_pages(b, 3);
	printf("  text pages shared by both copies: %d and %d\n", pa, pb);
	CHECK(pa > 0 && pa == pb);
	finish(a, rd1);
	CHECK(shared_text_pages(b, 2) == pb);
	finish(b, rd2);
	CHECK(unlink("/xmt/h") == 0);
	CHECK(rmdir("/xmt") == 0);
}

/* The file is removed and a new one written under its name while the
 * program runs: the program goes on with its own file (kept alive by its
 * mappings), and the name now runs the new file. */
static void replacing_the_file_of_a_running_program(void)
{
	if (!ready())
		return;
	int rd;
	int pid = start_blocked(&rd);
	CHECK(unlink("/xmt/h") == 0);
	int fd = open("/xmt/h", O_WRONLY | O_CREAT | O_EXCL);
	CHECK(fd >= 0);
	static char junk[8192];
	memset(junk, 0xa5, sizeof junk);
	CHECK(write(fd, junk, sizeof junk) == (long)sizeof junk);
	close(fd);
	finish(pid, rd);
	char *argv[] = { "h", 0 };
	CHECK(exec("/xmt/h", argv) == -EBADFMT);   /* the new file is no program */
	CHECK(unlink("/xmt/h") == 0);
	CHECK(rmdir("/xmt") == 0);
}

/* A crafted program: one read-only, executable segment of 0x100 file
 * bytes (headers and code) and 0x2000 in memory, in a file of a page whose
 * bytes past 0x100 are 0xaa. No normal linker makes such a segment. The
 * code exits with the bytes at 0x100 and 0xff0 of its first page or'ed:
 * they lie past the segment's file part, so they must read as zeros. */
#define RO_VA 0x00400000u
static const unsigned char ro_code[] = {
#if defined(__i386__)
	0x0f, 0xb6, 0x1d, 0x00, 0x01, 0x40, 0x00,   /* movzbl 0x400100, %ebx */
	0x0a, 0x1d, 0xf0, 0x0f, 0x40, 0x00,         /* orb 0x400ff0, %bl */
	0x31, 0xc0,                                 /* xorl %eax, %eax (SYS_exit) */
	0xcd, 0x80,                                 /* int $0x80 */
	0xeb, 0xfe,                                 /* jmp . */
#else
	0x10, 0x10, 0x9f, 0xe5,   /* ldr r1, [pc, #16] (0x400100) */
	0x00, 0x00, 0xd1, 0xe5,   /* ldrb r0, [r1] */
	0xf0, 0x2e, 0xd1, 0xe5,   /* ldrb r2, [r1, #0xef0] */
	0x02, 0x00, 0x80, 0xe1,   /* orr r0, r0, r2 */
	0x00, 0x70, 0xa0, 0xe3,   /* mov r7, #0 (SYS_exit) */
	0x00, 0x00, 0x00, 0xef,   /* svc #0 */
	0x00, 0x01, 0x40, 0x00,   /* the literal */
#endif
};

static void put32(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16), p[3] = (unsigned char)(v >> 24);
}

static void craft_ro_bss_program(unsigned char *f)
{
	static const unsigned char ident[] = { 0x7f, 'E', 'L', 'F', 1, 1, 1 };
	memset(f, 0xaa, 4096);
	memset(f, 0, 0x100);
	memcpy(f, ident, sizeof ident);
	f[16] = 2;                                   /* ET_EXEC */
#if defined(__i386__)
	f[18] = 3;                                   /* EM_386 */
#else
	f[18] = 40;                                  /* EM_ARM */
	put32(f + 36, 0x05000000u);                  /* EABI 5 */
#endif
	f[20] = 1;                                   /* EV_CURRENT */
	put32(f + 24, RO_VA + 0x80);                 /* entry */
	put32(f + 28, 52);                           /* phoff */
	f[40] = 52, f[42] = 32, f[44] = 1;           /* ehsize, phentsize, phnum */
	unsigned char *ph = f + 52;
	put32(ph, 1);                                /* PT_LOAD */
	put32(ph + 8, RO_VA), put32(ph + 12, RO_VA);
	put32(ph + 16, 0x100), put32(ph + 20, 0x2000);   /* filesz < memsz */
	put32(ph + 24, 5), put32(ph + 28, 0x1000);       /* R+X, page aligned */
	memcpy(f + 0x80, ro_code, sizeof ro_code);
}

static void a_read_only_segment_reads_zeros_past_its_file_bytes(void)
{
	if (!ready())
		return;
	static unsigned char image[4096];
	craft_ro_bss_program(image);
	int fd = open("/xmt/robss", O_WRONLY | O_CREAT | O_TRUNC);
	CHECK(fd >= 0);
	CHECK(write(fd, image, sizeof image) == (long)sizeof image);
	CHECK(close(fd) == 0);
	int pid = fork();
	if (pid == 0) {
		char *argv[] = { "robss", 0 };
		exec("/xmt/robss", argv);
		exit(99);
	}
	int st = -1;
	CHECK(waitpid(pid, &st) == pid);
	printf("  crafted read-only segment: bytes past filesz read %#x\n", st);
	CHECK(st == 0);   /* 0xaa: the file's bytes, mapped past filesz */
	CHECK(unlink("/xmt/robss") == 0);
	CHECK(unlink("/xmt/h") == 0);
	CHECK(rmdir("/xmt") == 0);
}

USERTEST(two_copies_share_every_text_frame, "exec: two copies of a program share every text frame");
USERTEST(replacing_the_file_of_a_running_program, "exec: replacing a running program's file leaves it running");
USERTEST(a_read_only_segment_reads_zeros_past_its_file_bytes,
	 "exec: a read-only segment with memsz > filesz reads zeros past its file bytes");
