/*
 * user/bin/sh.c - a small shell: reads a line, runs the named program (a
 * path, or a name exec looks up in /bin and then the RAM archive) with its
 * arguments in a child, waits for it. `cmd > file` / `cmd >> file` send
 * the child's standard output to a file (opened in the child, dup2'd to
 * fd 1 before exec). cd and exit act on the shell itself; echo, pwd, sync
 * and halt run in the child like programs, so they can be redirected.
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
	       "          fpustat, usertests (the test suite), spin (runs until Ctrl-C), sh,\n"
	       "          ls [dir...], cat file..., cp src dst, mv from to, rm file...,\n"
	       "          mkdir dir..., rmdir dir..., or any program by path (/bin/x, ./x)\n"
	       "builtins: help, exit, cd dir, pwd, echo text, sync, halt (sync, then power off)\n"
	       "          cmd > file, cmd >> file: output to a file; Ctrl-C interrupts the program\n"
	       "try: lies, then meminfo, ps and vmmap 1\n");
}

/* Takes "> file" or ">> file" off the end of argv; the file is opened and
 * made fd 1 in the child. Returns argc left, or -1 for a ">" without file. */
static int take_redirect(char **argv, int argc, const char **file, int *append)
{
	*file = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], ">") && strcmp(argv[i], ">>"))
			continue;
		if (i != argc - 2)
			return -1;
		*append = argv[i][1] == '>';
		*file = argv[i + 1];
		argv[i] = NULL;
		return i;
	}
	return argc;
}

static void redirect_output(const char *file, int append)
{
	int fd = open(file, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC));
	if (fd < 0) {
		printf("sh: %s: cannot open (%d)\n", file, fd);
		exit(1);
	}
	dup2(fd, 1);
	close(fd);
}

/* The builtins that run in the child; returns its exit status, or -1 if
 * argv[0] is none of them. */
static int child_builtin(int argc, char **argv)
{
	char buf[256];
	if (!strcmp(argv[0], "echo")) {
		for (int i = 1; i < argc; i++)
			printf("%s%s", argv[i], i + 1 < argc ? " " : "");
		printf("\n");
		return 0;
	}
	if (!strcmp(argv[0], "pwd")) {
		int rc = getcwd(buf, sizeof buf);
		printf("%s\n", rc < 0 ? "?" : buf);
		return rc < 0;
	}
	if (!strcmp(argv[0], "sync"))
		return sync() != 0;
	if (!strcmp(argv[0], "halt")) {
		printf("sh: halt failed (%d)\n", halt());
		return 1;
	}
	return -1;
}

static void run_child(int argc, char **argv, const char *out, int append)
{
	if (out)
		redirect_output(out, append);
	int rc = child_builtin(argc, argv);
	if (rc >= 0)
		exit(rc);
	rc = exec(argv[0], argv);
	printf("sh: %s: %s (%d)\n", argv[0], rc == -ENOENT ? "no such program" : "cannot run", rc);
	exit(127);
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
		if (!strcmp(argv[0], "cd")) {
			int rc = chdir(argc > 1 ? argv[1] : "/");
			if (rc)
				printf("sh: cd: %s: error %d\n", argc > 1 ? argv[1] : "/", rc);
			continue;
		}
		const char *out;
		int append = 0;
		argc = take_redirect(argv, argc, &out, &append);
		if (argc <= 0) {
			printf("sh: > needs one file name, at the end of the line\n");
			continue;
		}
		int pid = fork();
		if (pid == 0)
			run_child(argc, argv, out, append);
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
