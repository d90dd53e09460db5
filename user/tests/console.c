/*
 * user/tests/console.c - the console's foreground process (setfg), the one
 * Ctrl-C interrupts: a process may name itself, one of its children or
 * nobody, never another process. (Ctrl-C itself is driven from a terminal
 * by scripts/console-check.py.)
 */
#include "user/tests/usertest.h"

static void setfg_names_only_self_or_children(void)
{
	CHECK(setfg(getpid()) == 0);
	CHECK(setfg(0) == 0);
	CHECK(setfg(1) == -ENOENT);          /* our parent, the test runner */
	CHECK(setfg(99999) == -ENOENT);
	CHECK(setfg(-5) == -ENOENT);
	int fds[2];
	CHECK(pipe(fds) == 0);
	int pid = fork();
	if (pid == 0) {
		char c;
		read(fds[0], &c, 1);
		exit(0);
	}
	CHECK(pid > 0);
	CHECK(setfg(pid) == 0);
	CHECK(setfg(0) == 0);
	write(fds[1], "x", 1);
	int s;
	CHECK(waitpid(pid, &s) == pid && s == 0);
	CHECK(setfg(pid) == -ENOENT);        /* reaped: gone */
	close(fds[0]);
	close(fds[1]);
}

USERTEST(setfg_names_only_self_or_children, "console: setfg takes the caller, a child or 0, nothing else");
