/*
 * user/bin/mv.c - mv FROM TO: renames (rename(2); within a directory at
 * least, as the file system allows).
 */
#include "mendax.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		printf("usage: mv from to\n");
		return 2;
	}
	int rc = rename(argv[1], argv[2]);
	if (rc)
		printf("mv: %s -> %s: error %d\n", argv[1], argv[2], rc);
	return rc != 0;
}
