/*
 * user/bench/bigtext.c - a program with 1 MiB of text that runs a few
 * pages of it and exits: make bench's exec_1mib_touch_1. Demand-paged exec
 * maps the file and reads only the pages that run, so it should cost what
 * a tiny program costs. On the test and bench disks only (/bin/bigtext),
 * never in the RAM archive (user/bin/ programs all go there).
 */
#include "mendax.h"

/* In .text (user/user.ld gathers .text.*): code-sized, never run. */
__attribute__((section(".text.pad"), used)) static const char pad[1u << 20] = { 1 };

int main(void)
{
	return 0;
}
