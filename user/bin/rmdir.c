/*
 * user/bin/rmdir.c - rmdir PATH...: removes each empty directory.
 */
#include "mendax.h"

int main(int argc, char **argv)
{
	return each_arg(argc, argv, rmdir);
}
