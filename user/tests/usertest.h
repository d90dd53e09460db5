/*
 * user/tests/usertest.h - what a user-mode test file needs: the CHECK
 * macro, the free-frame count, and USERTEST(), which registers a test in
 * the "usertests" section so each file adds its own tests without a shared
 * table (user/user.ld gathers them; user/bin/usertests.c runs them after
 * its own, each in a forked child, in link order).
 */
#ifndef USER_TESTS_USERTEST_H
#define USER_TESTS_USERTEST_H

#include "mendax.h"

#define MIB (1024u * 1024u)
#define CHECK(c) do { if (!(c)) { printf("  check failed: %s (line %d)\n", #c, __LINE__); exit(1); } } while (0)

struct usertest {
	void (*fn)(void);
	const char *name;
};

#define USERTEST(f, text) \
	static const struct usertest usertest_##f __attribute__((used, section("usertests"))) = { f, text }

/* The registered tests, from user/user.ld. */
extern const struct usertest __usertests_start[], __usertests_end[];

/* Free frames now (every test must leave the count as it found it). */
unsigned usertest_free_frames(void);

/* The whole file at path holds exactly text (at most 512 bytes), or the
 * test fails (user/tests/files.c). */
void check_contents(const char *path, const char *text);

/* Runs f in a child and checks that the kernel killed it (status -1). */
void run_and_expect_killed(void (*f)(void));

#endif
