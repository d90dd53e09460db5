/*
 * user/tests/arm_traps.c - what the ARM kernel does with a program's
 * undefined instructions (ARM and Thumb, at the start of a page whose
 * predecessor is unmapped: only the program dies) and with its VFP/NEON
 * instructions (each process keeps its own registers). ARM only: on other
 * ports this file registers nothing.
 */
#include "user/tests/usertest.h"

#ifdef __arm__

#define PAGE 4096u

/* An executable page holding code, whose previous page is unmapped: the
 * code is written first, so the page is a real frame, not the zero page. */
static unsigned char *code_page(const void *code, size_t len)
{
	unsigned char *two = mmap(2 * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC);
	CHECK((long)two > 0);
	memcpy(two + PAGE, code, len);
	CHECK(munmap(two, PAGE) == 0);
	return two + PAGE;
}

static void run_thumb_udf16(void)
{
	static const unsigned short udf[] = { 0xde00 };            /* udf #0 (T1) */
	((void (*)(void))((unsigned)code_page(udf, sizeof udf) | 1))();
}

static void run_thumb_udf32(void)
{
	static const unsigned short udf[] = { 0xf7f0, 0xa000 };    /* udf.w #0 (T2) */
	((void (*)(void))((unsigned)code_page(udf, sizeof udf) | 1))();
}

static void run_arm_udf(void)
{
	static const unsigned udf[] = { 0xe7f000f0 };              /* udf #0 (A1) */
	((void (*)(void))code_page(udf, sizeof udf))();
}

static void undefined_at_a_page_start_kills_only_the_program(void)
{
	run_and_expect_killed(run_thumb_udf16);
	run_and_expect_killed(run_thumb_udf32);
	run_and_expect_killed(run_arm_udf);
}
USERTEST(undefined_at_a_page_start_kills_only_the_program,
	 "ARM: a Thumb/ARM udf at the first bytes of a page after an unmapped one kills only the child");

/* The VFP registers, by hand: user code is soft-float. */
static void vfp_put(unsigned long long d0, unsigned long long d31, unsigned fpscr)
{
	__asm__ volatile(".fpu neon-vfpv4\n"
			 "vmov d0, %Q0, %R0\n"
			 "vmov d31, %Q1, %R1\n"
			 "vmsr fpscr, %2" :: "r"(d0), "r"(d31), "r"(fpscr) : "memory");
}

static void vfp_get(unsigned long long *d0, unsigned long long *d31, unsigned *fpscr)
{
	unsigned long long a, b;
	unsigned s;
	__asm__ volatile(".fpu neon-vfpv4\n"
			 "vmov %Q0, %R0, d0\n"
			 "vmov %Q1, %R1, d31\n"
			 "vmrs %2, fpscr" : "=r"(a), "=r"(b), "=r"(s) :: "memory");
	*d0 = a, *d31 = b, *fpscr = s;
}

/* d1 = d0 + d0 on the unit itself; returns d1. */
static unsigned long long vfp_double_d0(void)
{
	unsigned long long r;
	__asm__ volatile(".fpu neon-vfpv4\n"
			 "vadd.f64 d1, d0, d0\n"
			 "vmov %Q0, %R0, d1" : "=r"(r) :: "memory");
	return r;
}

#define ONE_AND_HALF 0x3ff8000000000000ull   /* 1.5 */
#define THREE        0x4008000000000000ull
#define TWO_AND_HALF 0x4004000000000000ull   /* 2.5 */
#define FIVE         0x4014000000000000ull
#define RMODE_MINUS  (2u << 22)              /* FPSCR.RMode: towards minus infinity */
#define RMODE_PLUS   (1u << 22)

/* Sets its own registers, then yields many times: every time it runs
 * again they must be its own. Returns the number of mismatches. */
static int vfp_keep_own(unsigned long long d0, unsigned long long twice, unsigned long long d31,
			unsigned rmode)
{
	int bad = 0;
	vfp_put(d0, d31, rmode);
	for (int i = 0; i < 50; i++) {
		yield();
		unsigned long long a, b;
		unsigned s;
		vfp_get(&a, &b, &s);
		bad += a != d0 || b != d31 || (s & (3u << 22)) != rmode || vfp_double_d0() != twice;
	}
	return bad;
}

static void vfp_registers_are_per_process(void)
{
	vfp_put(ONE_AND_HALF, 0x1111222233334444ull, RMODE_MINUS);
	int pid = fork();
	if (pid == 0) {
		unsigned long long a, b;
		unsigned s;
		vfp_get(&a, &b, &s);   /* fork copies the parent's registers */
		if (a != ONE_AND_HALF || b != 0x1111222233334444ull || (s & (3u << 22)) != RMODE_MINUS)
			exit(2);
		exit(vfp_keep_own(TWO_AND_HALF, FIVE, 0x5555666677778888ull, RMODE_PLUS) ? 3 : 0);
	}
	int bad = vfp_keep_own(ONE_AND_HALF, THREE, 0x1111222233334444ull, RMODE_MINUS);
	int s;
	CHECK(waitpid(pid, &s) == pid);
	CHECK(s == 0);
	CHECK(bad == 0);
}
USERTEST(vfp_registers_are_per_process,
	 "ARM: VFP/NEON works in user mode and two interleaved processes keep their own d0/d31/FPSCR");

/* A process that never used the unit reads zeros, never the registers
 * another process left in it (the x86 leak of issue 9, item 11). This test
 * process itself must not touch the unit before the second fork. */
static void vfp_a_fresh_process_sees_zeros(void)
{
	int pid = fork();
	if (pid == 0) {
		vfp_put(ONE_AND_HALF, 0x1111222233334444ull, RMODE_MINUS);
		exit(0);
	}
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	pid = fork();
	if (pid == 0) {
		unsigned long long a, b;
		unsigned fpscr;
		vfp_get(&a, &b, &fpscr);
		exit(a == 0 && b == 0 && fpscr == 0 ? 0 : 1);
	}
	CHECK(waitpid(pid, &s) == pid && s == 0);
}
USERTEST(vfp_a_fresh_process_sees_zeros,
	 "ARM: a process's first VFP read sees zeros, not what an exited process left in the unit");

/* VMRS of FPEXC is UNDEFINED in User mode even with the unit enabled: the
 * kernel hands over the unit once, then kills (never retries forever). */
static void read_fpexc(void)
{
	unsigned v;
	__asm__ volatile(".fpu neon-vfpv4\n vmrs %0, fpexc" : "=r"(v));
	(void)v;
}

static void neon_add(void)
{
	__asm__ volatile(".fpu neon-vfpv4\n vadd.i32 q0, q1, q2" ::: "memory");
}

static void vfp_undefined_forms_kill_neon_runs(void)
{
	run_and_expect_killed(read_fpexc);
	int pid = fork();
	if (pid == 0) {
		neon_add();
		exit(7);
	}
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 7);
}
USERTEST(vfp_undefined_forms_kill_neon_runs,
	 "ARM: a NEON instruction runs; a VFP-space instruction User mode may not run kills the child");

#endif
