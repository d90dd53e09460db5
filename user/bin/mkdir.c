/*
 * user/bin/mkdir.c - mkdir PATH...: makes each directory.
 */
#include "mendax.h"

int main(int argc, char **argv)
{
	return each_arg(argc, argv, mkdir);
}
