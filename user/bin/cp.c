/*
 * user/bin/cp.c - cp SRC DST: copies a file's bytes to DST (created or
 * truncated). A directory as DST is not looked into.
 */
#include "mendax.h"

static char buf[4096];

int main(int argc, char **argv)
{
	if (argc != 3) {
		printf("usage: cp src dst\n");
		return 2;
	}
	int in = open(argv[1], O_RDONLY);
	int out = in < 0 ? in : open(argv[2], O_WRONLY | O_CREAT | O_TRUNC);
	if (in < 0 || out < 0) {
		printf("cp: %s: error %d\n", in < 0 ? argv[1] : argv[2], in < 0 ? in : out);
		return 1;
	}
	long n;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n) {
			n = -EIO;
			break;
		}
	if (n < 0)
		printf("cp: error %ld\n", n);
	close(in);
	close(out);
	return n < 0;
}
