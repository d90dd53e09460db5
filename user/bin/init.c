/*
 * user/bin/init.c - process 1: starts the shell, and starts it again when
 * it exits; reaps every orphan the kernel hands it.
 */
#include "mendax.h"

int main(void)
{
	printf("init: mendax is up (pid %d); starting the shell\n", getpid());
	for (;;) {
		int pid = fork();
		if (pid == 0) {
			char *argv[] = { "sh", NULL };
			exec("sh", argv);
			printf("init: cannot start sh\n");
			exit(1);
		}
		int status, done;
		while ((done = wait(&status)) > 0 && done != pid)
			;   /* an orphan reaped */
		printf("init: the shell exited (status %d); starting it again\n", status);
	}
}
