/*
 * user/bin/hello.c - a small program for exec: prints its arguments,
 * touches some memory, and exits with the number of arguments.
 */
#include "mendax.h"

static char big[64 * 1024];   /* .bss: zero pages until written */

int main(int argc, char **argv)
{
	printf("hello from pid %d:", getpid());
	for (int i = 0; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	big[0] = 1;
	big[sizeof big - 1] = 2;
	return argc;
}
