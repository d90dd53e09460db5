/*
 * user/bin/spin.c - runs until it is stopped: a busy loop that never makes
 * a system call after its greeting, for trying Ctrl-C in the shell (the
 * console kills the foreground program) and preemption.
 */
#include "mendax.h"

int main(void)
{
	printf("spin: spinning as pid %d; Ctrl-C stops me\n", getpid());
	fflush_stdout();
	for (volatile unsigned long n = 0;; n++)
		;
}
