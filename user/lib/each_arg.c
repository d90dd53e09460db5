/*
 * user/lib/each_arg.c - the loop of the one-call file programs (rm,
 * mkdir, rmdir): the call on every argument, an error line for each
 * failure, exit status 1 if any failed.
 */
#include "mendax.h"

int each_arg(int argc, char **argv, int (*op)(const char *path))
{
	int failed = 0;
	for (int i = 1; i < argc; i++) {
		int rc = op(argv[i]);
		if (rc) {
			printf("%s: %s: error %d\n", argv[0], argv[i], rc);
			failed = 1;
		}
	}
	return failed;
}
