/*
 * tests/host/htest_main.c - runs every registered host test and stands in
 * for the kernel's console and panic so pure kernel code links on the host.
 */
#include "htest.h"
#include <stdlib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>

#define MAX_TESTS 256
#define CONSOLE_MAX 65536

static struct { const char *name; htest_fn fn; } tests[MAX_TESTS];
static int ntests;
static int current_failed;
static char console_buf[CONSOLE_MAX];
static size_t console_len;

void htest_register(const char *name, htest_fn fn)
{
	if (ntests == MAX_TESTS) {
		fprintf(stderr, "htest: too many tests\n");
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void htest_fail(const char *file, int line, const char *msg)
{
	printf("  %s:%d: check failed: %s\n", file, line, msg);
	current_failed = 1;
}

/* The kernel's console, captured so tests can check what was reported. */
void console_putc(char c)
{
	if (console_len + 1 < CONSOLE_MAX)
		console_buf[console_len++] = c;
	console_buf[console_len] = 0;
}

const char *htest_console(void) { return console_buf; }
void htest_console_clear(void) { console_len = 0; console_buf[0] = 0; }

/* A kernel panic inside a host test is a test failure, not a crash. */
void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("  panic: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	exit(1);
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;
	for (int i = 0; i < ntests; i++) {
		if (only && !strstr(tests[i].name, only))
			continue;
		current_failed = 0;
		htest_console_clear();
		tests[i].fn();
		printf("%s - host: %s\n", current_failed ? "FAIL" : "ok", tests[i].name);
		if (current_failed)
			failed++;
		else
			passed++;
	}
	printf("host: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* The file-system lock of kernel/fs_lock.c, for fs/vfs/pager.c: the host
 * tests run one context, so taking it always succeeds. */
static int fs_lock_depth;
void fs_lock(void) { fs_lock_depth++; }
void fs_unlock(void) { fs_lock_depth--; }
bool fs_lock_unless_mine(void) { if (fs_lock_depth) return false; fs_lock(); return true; }
