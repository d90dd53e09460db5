/*
 * user/tests/faults.c - the fault path under programs that execute fresh
 * memory, read into huge fresh buffers and touch PROT_NONE memory (issue 9,
 * items 2, 3 and 5). Each must end cleanly, in bounded time, and cost only
 * the frames of the pages it writes. Never relies on a result it computes.
 */
#include "user/tests/usertest.h"

#define BOUND_MS 2000u
#define STILL_RUNNING 1000   /* not an exit status: the child never ended */

/* The state ps reports for pid ('?' when it is not there). */
static char proc_state(int pid)
{
	static struct mendax_procinfo info[64];
	int n = ps(info, 64);
	for (int i = 0; i < n; i++)
		if (info[i].pid == pid)
			return info[i].state;
	return '?';
}

/* Waits for pid at most BOUND_MS: a child caught in a fault livelock never
 * becomes a zombie, and waitpid alone would wait forever. Returns its exit
 * status, or STILL_RUNNING. */
static int wait_bounded(int pid)
{
	unsigned start = uptime_ms();
	while (proc_state(pid) != 'Z') {
		if (uptime_ms() - start > BOUND_MS) {
			printf("  pid %d still running after %u ms: a fault livelock\n", pid, BOUND_MS);
			return STILL_RUNNING;
		}
		yield();
	}
	int s = -100;
	CHECK(waitpid(pid, &s) == pid);
	return s;
}

/* Runs f in a child; its exit status within the bound. */
static int run_bounded(void (*f)(void))
{
	int pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		f();
		exit(0);
	}
	return wait_bounded(pid);
}

/* Calls code at p, with a known register state: on x86 a zero byte pair is
 * `add %al,(%eax)`, so eax is p itself (1 MiB aligned: al = 0, adds 0). */
static void call_at(void *p)
{
#if defined(__arm__)
	__asm__ volatile("blx %0" :: "r"(p) : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
#else
	__asm__ volatile("call *%%eax" :: "a"(p) : "ecx", "edx", "cc", "memory");
#endif
}

/* mmap(1 MiB, READ|EXEC) and a jump in: every page is the zero table's.
 * ARM: zeros are `andeq r0, r0, r0`, so the child runs to the end of the
 * mapping and is killed there (the unmapped gap); x86: the first `add` to
 * (%eax) writes a read-only region and is killed. Never a livelock. */
static void exec_fresh_rx(void)
{
	void *p = mmap(MIB, PROT_READ | PROT_EXEC);
	CHECK((long)p > 0);
	call_at(p);
	exit(2);   /* not reached */
}

static void executing_fresh_memory_ends(void)
{
	CHECK(run_bounded(exec_fresh_rx) == -1);
}
USERTEST(executing_fresh_memory_ends, "jumping into fresh READ|EXEC memory ends (killed), no livelock");

/* A 1 MiB RWX mapping: the return instruction written at the end of page 1
 * gives the range a private table copied from the zero table, so page 0 is
 * a zero-page entry the copy left non-executable. The call runs page 0's
 * zeros (no-ops) into page 1 and returns: the fetch got an executable entry.
 * (On hardware, code written as data also needs the I-cache synced by the
 * kernel - there is no syscall for that yet; QEMU's fetches are coherent.) */
static void exec_copied_zero_entry(void)
{
	unsigned char *p = mmap(MIB, PROT_READ | PROT_WRITE | PROT_EXEC);
	CHECK((long)p > 0);
#if defined(__arm__)
	*(volatile unsigned *)(p + 2 * 4096 - 4) = 0xe12fff1eu;   /* bx lr */
#else
	p[2 * 4096 - 2] = 0xc3;                                   /* ret, on a 2-byte boundary */
#endif
	call_at(p);
	exit(0);
}

static void executing_copied_zero_entries_runs(void)
{
	CHECK(run_bounded(exec_copied_zero_entry) == 0);
}
USERTEST(executing_copied_zero_entries_runs, "fetch from a zero-page entry of an EXEC region runs the zeros");

/* read(fd, buf, len) of 1 byte from a pipe into fresh memory of len bytes:
 * at most a table and the one page written may gain a frame. */
static void read_one_byte_into(size_t len)
{
	int fds[2];
	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], "x", 1) == 1);
	char *buf = mmap(len, PROT_READ | PROT_WRITE);
	CHECK((long)buf > 0);
	unsigned before = usertest_free_frames();
	long n = read(fds[0], buf, len);
	unsigned cost = before - usertest_free_frames();
	CHECK(n == 1);
	CHECK(buf[0] == 'x');
	printf("  read of 1 byte into %u MiB: %u frames\n", (unsigned)(len / MIB), cost);
	CHECK(cost <= 2);
	CHECK(munmap(buf, len) == 0);
	close(fds[0]);
	close(fds[1]);
}

static void read_into_64mib_costs_one_page(void) { read_one_byte_into(64 * MIB); }
USERTEST(read_into_64mib_costs_one_page, "read() of 1 byte into a fresh 64 MiB buffer costs <= 2 frames");

static void read_into_200mib_succeeds(void) { read_one_byte_into(200 * MIB); }
USERTEST(read_into_200mib_succeeds, "read() into a fresh 200 MiB buffer succeeds, no frames drained");

static volatile unsigned char *protnone_page, *protnone_mib;

static void read_protnone_page(void) { (void)*protnone_page; }
static void read_protnone_mib(void) { (void)protnone_mib[12345]; }
static void write_protnone_page(void) { *protnone_page = 1; }
static void jump_protnone(void) { call_at((void *)protnone_mib); }

/* PROT_NONE: a page (unmapped until touched) and a whole MiB (which must
 * not be on the readable zero table): every access kills, both ports. */
static void protnone_accesses_kill(void)
{
	protnone_page = mmap(4096, 0);
	protnone_mib = mmap(MIB, 0);
	CHECK((long)protnone_page > 0 && (long)protnone_mib > 0);
	CHECK(run_bounded(read_protnone_page) == -1);
	CHECK(run_bounded(read_protnone_mib) == -1);
	CHECK(run_bounded(write_protnone_page) == -1);
	CHECK(run_bounded(jump_protnone) == -1);
	CHECK(munmap((void *)protnone_page, 4096) == 0);
	CHECK(munmap((void *)protnone_mib, MIB) == 0);
}
USERTEST(protnone_accesses_kill, "PROT_NONE memory: read, write and fetch each kill the process");

/* The kernel may not read or write PROT_NONE memory for a program either. */
static void protnone_syscalls_fault(void)
{
	char *p = mmap(MIB, 0);
	CHECK((long)p > 0);
	int fds[2];
	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], p, 16) == -EFAULT);
	CHECK(write(fds[1], p + 4096, 1) == -EFAULT);
	CHECK(write(fds[1], "y", 1) == 1);
	CHECK(read(fds[0], p, 1) == -EFAULT);
	CHECK(pipe((int *)p) == -EFAULT);
	CHECK(munmap(p, MIB) == 0);
	close(fds[0]);
	close(fds[1]);
}
USERTEST(protnone_syscalls_fault, "write()/read()/pipe() on a PROT_NONE buffer give -EFAULT");
