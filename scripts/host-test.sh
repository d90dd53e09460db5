#!/usr/bin/env bash
# Builds and runs the host unit tests of mendax's pure logic with the
# address and undefined-behaviour sanitizers. Prints one verdict line per
# test and "host: N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/host
mkdir -p "$out"

# Pure kernel sources under test: no inline assembly, no hardware access.
# (kernel/string.c is left out: the host libc provides those functions.)
pure_sources=(
	kernel/kprintf.c
	kernel/memmap.c
	kernel/cmdline.c
	kernel/fdt.c
	mm/pmm.c
	mm/kheap.c
	kernel/elf.c
	kernel/initrd.c
	mm/vmm_region_array.c
)
for f in arch/arm/boot/atags.c arch/arm/fsr_decode.c arch/x86/boot/multiboot.c arch/x86/trap_decode.c; do
	[ -f "$f" ] && pure_sources+=("$f")
done

CC=${HOST_CC:-gcc}
flags=(-std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -Itests/host
       -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
       -DMENDAX_HOST_TEST -DMENDAX_TEST)

$CC "${flags[@]}" -o "$out/host-tests" "${pure_sources[@]}" tests/host/*.c
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	"$out/host-tests" "$@"
