/*
 * user/tests/syscall_paths.c - the two ways into the kernel agree (x86:
 * the sysenter fast path and the int 0x80 gate; ARM: the numbered stubs
 * and the five-argument one), and a system call gives back every register
 * its convention promises - in the caller and in a child that fork made
 * from that call (its frame is a copy of the caller's). x86 also: a
 * caller's single-step flag carried into sysenter stops nothing.
 */
#include "user/tests/usertest.h"

static void fast_and_compatibility_paths_agree(void)
{
	CHECK(__mendax_syscall0(SYS_getpid) == __mendax_syscall(SYS_getpid, 0, 0, 0, 0, 0));
	CHECK(__mendax_syscall0(1000) == -EINVAL);
	CHECK(__mendax_syscall3(1000, 1, 2, 3) == -EINVAL);
	CHECK(__mendax_syscall1(SYS_close, 99) == __mendax_syscall(SYS_close, 99, 0, 0, 0, 0));
}
USERTEST(fast_and_compatibility_paths_agree,
	 "system calls: the fast stubs and the five-argument one give the same answers");

/* What the registers a call must keep held after it, and its result. */
struct kept {
	unsigned long ret, v[9];
};

#if defined(__i386__)
#define NKEPT 4
static const unsigned long pattern[NKEPT] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };

/* The call by sysenter with ebx esi edi ebp set to the patterns. */
static struct kept call_with_patterns(unsigned long nr)
{
	struct kept k;
	__asm__ volatile("pushl %%ebp\n\t"
			 "movl $0x11111111, %%ebx\n\t"
			 "movl $0x22222222, %%esi\n\t"
			 "movl $0x33333333, %%edi\n\t"
			 "movl $0x44444444, %%ebp\n\t"
			 "movl %%esp, %%ecx\n\t"
			 "movl $1f, %%edx\n\t"
			 "sysenter\n"
			 "1:\tmovl %%ebp, %%ecx\n\t"
			 "popl %%ebp"
			 : "=a"(k.ret), "=b"(k.v[0]), "=S"(k.v[1]), "=D"(k.v[2]), "=c"(k.v[3])
			 : "a"(nr)
			 : "edx", "memory", "cc");
	return k;
}
#elif defined(__arm__)
#define NKEPT 9
static const unsigned long pattern[NKEPT] = { 0x44444444, 0x55555555, 0x66666666,
	0 /* r7: the number */, 0x88888888, 0x99999999, 0xaaaaaaaa, 0xbbbbbbbb, 0xcccccccc };

/* The call by svc with r4-r6, r8-r12 set to the patterns; r7 = number. */
static struct kept call_with_patterns(unsigned long nr)
{
	struct kept k;
	register unsigned long r0 __asm__("r0") = nr;
	register struct kept *r3 __asm__("r3") = &k;
	__asm__ volatile("push {r4-r11}\n\t"
			 "mov r7, r0\n\t"
			 "movw r4, #0x4444\n\tmovt r4, #0x4444\n\t"
			 "movw r5, #0x5555\n\tmovt r5, #0x5555\n\t"
			 "movw r6, #0x6666\n\tmovt r6, #0x6666\n\t"
			 "movw r8, #0x8888\n\tmovt r8, #0x8888\n\t"
			 "movw r9, #0x9999\n\tmovt r9, #0x9999\n\t"
			 "movw r10, #0xaaaa\n\tmovt r10, #0xaaaa\n\t"
			 "movw r11, #0xbbbb\n\tmovt r11, #0xbbbb\n\t"
			 "movw r12, #0xcccc\n\tmovt r12, #0xcccc\n\t"
			 "svc #0\n\t"
			 "stmia r3, {r0, r4-r12}\n\t"
			 "pop {r4-r11}"
			 : "+r"(r0)
			 : "r"(r3)
			 : "r1", "r2", "r12", "lr", "memory", "cc");
	return k;
}
#endif

static int kept_all(const struct kept *k, unsigned long nr)
{
	for (int i = 0; i < NKEPT; i++)
		if (k->v[i] != (pattern[i] ? pattern[i] : nr))
			return 0;
	return 1;
}

static void a_call_keeps_the_registers_it_promises(void)
{
	struct kept k = call_with_patterns(SYS_getpid);
	CHECK((long)k.ret == getpid());
	CHECK(kept_all(&k, SYS_getpid));
}
USERTEST(a_call_keeps_the_registers_it_promises,
	 "system calls: every register the convention keeps is the same after the call");

/* The child of a fork returns through a copy of the caller's frame (x86:
 * by iret, not sysexit): the same registers must come back there too. */
static void a_fork_child_gets_the_callers_registers(void)
{
	struct kept k = call_with_patterns(SYS_fork);
	if ((long)k.ret == 0)
		exit(kept_all(&k, SYS_fork) ? 0 : 3);
	CHECK((long)k.ret > 0);
	CHECK(kept_all(&k, SYS_fork));
	int s = -100;
	CHECK(waitpid((int)k.ret, &s) == (int)k.ret && s == 0);
}
USERTEST(a_fork_child_gets_the_callers_registers,
	 "system calls: a child forked by a fast call resumes with the caller's registers");

#if defined(__i386__)
/* TF set by the popfl right before sysenter: the CPU raises #DB on the
 * entry's first instructions, in ring 0, until the entry clears TF. The
 * kernel lets those go; the fast return does not restore TF, so the
 * program runs on untraced. */
static void sysenter_with_the_trap_flag(void)
{
	unsigned long rc;
	__asm__ volatile("pushfl\n\t"
			 "orl $0x100, (%%esp)\n\t"
			 "leal 4(%%esp), %%ecx\n\t"
			 "movl $1f, %%edx\n\t"
			 "popfl\n\t"
			 "sysenter\n"
			 "1:"
			 : "=a"(rc)
			 : "a"((unsigned long)SYS_getpid)
			 : "ecx", "edx", "memory", "cc");
	exit((long)rc == getpid() ? 0 : 3);
}

static void single_step_into_sysenter_stops_nothing(void)
{
	int pid = fork();
	if (pid == 0)
		sysenter_with_the_trap_flag();
	int s = -100;
	CHECK(waitpid(pid, &s) == pid && s == 0);
}
USERTEST(single_step_into_sysenter_stops_nothing,
	 "x86: a program entering sysenter with TF set gets its answer; the kernel runs on");
#endif
