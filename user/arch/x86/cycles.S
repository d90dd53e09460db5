/* user/arch/x86/cycles.S - unsigned long long bench_cycles(void): rdtsc
 * (allowed in ring 3: CR4.TSD is clear); instructions under QEMU -icount. */
	.text
	.globl bench_cycles
bench_cycles:
	rdtsc
	ret
	.section .note.GNU-stack, "", @progbits
