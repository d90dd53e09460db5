/*
 * user/bin/cat.c - copies each named file (none: standard input) to
 * standard output.
 */
#include "mendax.h"

static char buf[4096];

static int copy(int fd, const char *name)
{
	long n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (write(1, buf, (size_t)n) != n)
			return 1;
	if (n < 0)
		printf("cat: %s: error %ld\n", name, n);
	return n < 0;
}

int main(int argc, char **argv)
{
	int failed = 0;
	if (argc < 2)
		return copy(0, "standard input");
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		if (fd < 0) {
			printf("cat: %s: error %d\n", argv[i], fd);
			failed = 1;
			continue;
		}
		failed |= copy(fd, argv[i]);
		close(fd);
	}
	return failed;
}
