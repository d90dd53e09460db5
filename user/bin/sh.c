/*
 * user/bin/sh.c - a small shell: reads a line, runs the named program from
 * the RAM archive with its arguments in a child, waits for it.
 */
#include "mendax.h"

#define LINE 128   /* a line holds at most LINE - 1 characters */
#define ARGS 8     /* arguments per command, the program's name included */
#define CTRL_C 0x03

/* Reads one line into buf, echoing it (the console does not echo). A
 * line longer than max - 1 characters is refused whole, never cut: the
 * rest would run as a command of its own. Ctrl-C drops the line. Returns
 * the length (0 for a refused or dropped line), or -1 at end of input. */
static int read_line(char *buf, int max)
{
	int n = 0, too_long = 0;
	for (;;) {
		char c;
		if (read(0, &c, 1) <= 0)
			return -1;
		if (c == '\r' || c == '\n')
			break;
		if (c == CTRL_C) {
			printf("^C\n");
			buf[0] = 0;
			return 0;
		}
		if ((c == 0x7f || c == 8) && n > 0 && !too_long) {
			n--;
			write(1, "\b \b", 3);
		} else if (c >= ' ' && n < max - 1) {
			write(1, &c, 1);
			buf[n++] = c;
		} else if (c >= ' ') {
			too_long = 1;   /* swallow the rest of the line */
		}
	}
	write(1, "\n", 1);
	buf[n] = 0;
	if (too_long) {
		printf("sh: line too long (more than %d characters): ignored\n", max - 1);
		buf[0] = 0;
		return 0;
	}
	return n;
}

/* Splits line at spaces into argv; -1 when there are more than ARGS words. */
static int split(char *line, char **argv)
{
	int argc = 0;
	while (*line) {
		while (*line == ' ')
			*line++ = 0;
		if (!*line)
			break;
		if (argc == ARGS)
			return -1;
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
	       "          fpustat, usertests (the test suite), spin (runs until Ctrl-C), sh\n"
	       "builtins: help, exit; Ctrl-C interrupts the running program\n"
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
		int argc = split(line, argv);
		if (argc < 0)
			printf("sh: too many arguments (at most %d words): ignored\n", ARGS);
		if (argc <= 0)
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
		if (pid < 0) {
			printf("sh: fork failed (%d)\n", pid);
			continue;
		}
		setfg(pid);   /* Ctrl-C now interrupts it, not us */
		if (waitpid(pid, &status) == pid && status)
			printf("sh: %s exited with status %d\n", argv[0], status);
		setfg(0);
	}
}
