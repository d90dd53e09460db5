/*
 * user/bin/fpustat.c - what this process's FPU holds when it starts: on
 * x86 a new program must find fninit's clean x87 state, whatever other
 * processes left in the registers. Exits 0 when clean, 1 otherwise.
 */
#include "mendax.h"
#include "x87.h"

int main(void)
{
#ifdef __i386__
	struct x87_env e = x87_env();
	int clean = x87_is_clean();
	printf("fpustat: x87 control %#06x, status %#06x, tags %#06x: %s\n", e.control & 0xffff,
	       e.status & 0xffff, e.tags & 0xffff, clean ? "clean (fninit state)" : "NOT clean");
	return clean ? 0 : 1;
#else
	printf("fpustat: no user FPU state on this port\n");
	return 0;
#endif
}
