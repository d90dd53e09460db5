/*
 * user/tests/fpu.c - each process has its own floating-point state: a new
 * program starts from fninit's clean x87 state, never with registers
 * another process left behind, and its own values survive other processes'
 * FPU use across many switches. x86 only (x87 through inline asm: user/ is
 * built without floating point); ARM has no user FPU state (VFP is off).
 */
#include "user/tests/usertest.h"
#include "x87.h"

#ifdef __i386__

/* Bit patterns of doubles (no floating point in C here). */
#define PI_BITS  0x400921fb54442d18ull
#define VAL_A    0x4093480000000000ull   /* 1234.0 */
#define VAL_B    0xc0c81c8000000000ull   /* -12345.0 */

/* Loads value, then yields rounds times checking that it is still there
 * and that the stack holds just it. Exits 0 when it always was. */
static void hold_value(unsigned long long value, int rounds, int ready_fd)
{
	if (!x87_is_clean())
		exit(2);
	x87_push(value);
	if (ready_fd >= 0)
		write(ready_fd, "r", 1);
	for (int i = 0; i < rounds; i++) {
		yield();
		if (x87_top_value() != value || x87_depth() != 1)
			exit(3);
	}
	exit(0);
}

/* A leaves a value on its x87 stack and keeps yielding; B, forked after
 * that, must find a clean FPU, and both keep their own values. */
static void fpu_values_are_per_process(void)
{
	CHECK(x87_is_clean());   /* the runner never used the FPU */
	int ready[2];
	CHECK(pipe(ready) == 0);
	int a = fork();
	if (a == 0)
		hold_value(VAL_A, 300, ready[1]);
	char c;
	CHECK(read(ready[0], &c, 1) == 1);
	int b = fork();
	if (b == 0)
		hold_value(VAL_B, 300, -1);
	int sa, sb;
	CHECK(waitpid(a, &sa) == a && waitpid(b, &sb) == b);
	printf("  holder statuses: A %d, B %d (0: its own value throughout)\n", sa, sb);
	CHECK(sa == 0 && sb == 0);
	CHECK(x87_is_clean());   /* neither leaked into us */
	close(ready[0]);
	close(ready[1]);
}

/* A fills all eight x87 registers and exits; every new process after it,
 * forked or a fresh program (exec), starts clean. */
static void fpu_is_clean_after_another_process_used_it(void)
{
	int a = fork();
	if (a == 0) {
		for (int i = 0; i < 8; i++)
			x87_push(PI_BITS);
		yield();
		exit(x87_depth() == 8 ? 0 : 1);
	}
	int s;
	CHECK(waitpid(a, &s) == a && s == 0);
	CHECK(x87_is_clean());
	x87_push(PI_BITS);                 /* our own state: exec must drop it */
	CHECK(x87_depth() == 1);
	int e = fork();
	if (e == 0) {
		char *argv[] = { "fpustat", NULL };
		exec("fpustat", argv);     /* exits 0 only if its FPU is clean */
		exit(99);
	}
	CHECK(waitpid(e, &s) == e && s == 0);
	CHECK(x87_top_value() == PI_BITS && x87_depth() == 1);
}

/* fork copies the FPU state like the rest of the process; the copy is the
 * child's own. */
static void fpu_state_is_copied_by_fork(void)
{
	x87_push(VAL_A);
	int pid = fork();
	if (pid == 0) {
		int inherited = x87_top_value() == VAL_A && x87_depth() == 1;
		x87_push(VAL_B);
		yield();
		exit(inherited && x87_top_value() == VAL_B && x87_depth() == 2 ? 0 : 1);
	}
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	CHECK(x87_top_value() == VAL_A && x87_depth() == 1);
}

USERTEST(fpu_values_are_per_process, "fpu (x86): a fresh process finds x87 clean, values survive others' use");
USERTEST(fpu_is_clean_after_another_process_used_it, "fpu (x86): clean after another process filled the stack; exec drops our state");
USERTEST(fpu_state_is_copied_by_fork, "fpu (x86): fork copies the state; the copy is the child's own");

#endif
