/*
 * user/bin/sh.c - a small shell: reads a line, runs the named program from
 * the RAM archive with its arguments in a child, waits for it.
 */
#include "mendax.h"

#define LINE 128
#define ARGS 8

static int read_line(char *buf, int max)
{
	int n = 0;
	while (n < max - 1) {
		char c;
		if (read(0, &c, 1) <= 0)
			return -1;
		if (c == '\r' || c == '\n') {
			write(1, "\n", 1);
			break;
		}
		if ((c == 0x7f || c == 8) && n > 0) {
			n--;
			write(1, "\b \b", 3);
			continue;
		}
		if (c < ' ')
			continue;
		write(1, &c, 1);   /* the console does not echo: we do */
		buf[n++] = c;
	}
	buf[n] = 0;
	return n;
}

static int split(char *line, char **argv)
{
	int argc = 0;
	while (*line && argc < ARGS) {
		while (*line == ' ')
			*line++ = 0;
		if (!*line)
			break;
		argv[argc++] = line;
		while (*line && *line != ' ')
			line++;
	}
	argv[argc] = NULL;
	return argc;
}

static void help(void)
{
	printf("programs: lies (a tour of the lies), ps, meminfo, vmmap [pid], hello [args],\n"
	       "          usertests (the test suite), sh\n"
	       "builtins: help, exit\n"
	       "try: lies, then meminfo, ps and vmmap 1\n");
}

int main(void)
{
	char line[LINE], *argv[ARGS + 1];
	printf("mendax shell - 'help' lists the programs\n");
	for (;;) {
		printf("mendax$ ");
		fflush_stdout();
		if (read_line(line, sizeof line) < 0)
			exit(0);
		if (split(line, argv) == 0)
			continue;
		if (!strcmp(argv[0], "exit"))
			exit(0);
		if (!strcmp(argv[0], "help")) {
			help();
			continue;
		}
		int pid = fork();
		if (pid == 0) {
			int rc = exec(argv[0], argv);
			printf("sh: %s: %s\n", argv[0], rc == -ENOENT ? "no such program" : "cannot run");
			exit(127);
		}
		int status = 0;
		if (pid < 0)
			printf("sh: fork failed (%d)\n", pid);
		else if (waitpid(pid, &status) == pid && status)
			printf("sh: %s exited with status %d\n", argv[0], status);
	}
}
