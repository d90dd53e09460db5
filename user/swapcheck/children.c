/*
 * user/swapcheck/children.c - the children every test runs its work in:
 * spawn and wait, and a child that says when it is ready and then waits
 * on a pipe for its parent's word (cmd, ready).
 */
#include "user/swapcheck/swapcheck.h"

/* The pipes of a child that waits for its parent's word. */
int cmd[2], ready[2];

int spawn(void (*work)(unsigned), unsigned arg)
{
	int pid = fork();
	if (pid == 0) {
		work(arg);
		exit(0);
	}
	return pid;
}

int status_of(int pid)
{
	int st = -100;
	if (waitpid(pid, &st) != pid)
		return -100;
	return st;
}

/* A child tells the parent it is ready, then waits for its word. */
char ready_then_wait(void)
{
	char c = 'r';
	close(ready[0]), close(cmd[1]);
	write(ready[1], &c, 1);
	read(cmd[0], &c, 1);
	return c;
}

/* Starts work(arg) in a child that says when it is ready; returns its pid
 * once it is (or has died: *said is then not 'r'). */
int spawn_ready(void (*work)(unsigned), unsigned arg, char *said)
{
	pipe(cmd);
	pipe(ready);
	int pid = spawn(work, arg);
	close(ready[1]);   /* a child that dies reads as end of file */
	close(cmd[0]);
	*said = 0;
	read(ready[0], said, 1);
	return pid;
}
