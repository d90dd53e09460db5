/*
 * user/bin/ls.c - lists directories (default: the working directory), one
 * entry a line: "d" and the name for a directory, the size and the name
 * for a file. A file named on the command line is listed as itself.
 */
#include "mendax.h"

static struct mendax_dirent ents[8];

static int list(const char *path)
{
	struct mendax_stat st;
	int rc = stat(path, &st);
	if (rc == 0 && st.type == MENDAX_T_FILE) {
		printf("%10u %s\n", st.size, path);
		return 0;
	}
	int fd = rc ? rc : open(path, O_RDONLY | O_DIRECTORY), n;
	if (fd < 0) {
		printf("ls: %s: error %d\n", path, fd);
		return 1;
	}
	while ((n = getdents(fd, ents, 8)) > 0)
		for (int i = 0; i < n; i++)
			if (ents[i].type == MENDAX_T_DIR)
				printf("%10s %s/\n", "d", ents[i].name);
			else
				printf("%10u %s\n", ents[i].size, ents[i].name);
	close(fd);
	if (n < 0)
		printf("ls: %s: error %d\n", path, n);
	return n < 0;
}

int main(int argc, char **argv)
{
	int failed = 0;
	if (argc < 2)
		return list(".");
	for (int i = 1; i < argc; i++)
		failed |= list(argv[i]);
	return failed;
}
