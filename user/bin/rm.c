/*
 * user/bin/rm.c - rm PATH...: unlinks each file (a directory is refused: rmdir).
 */
#include "mendax.h"

int main(int argc, char **argv)
{
	return each_arg(argc, argv, unlink);
}
