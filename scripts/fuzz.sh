#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of outside bytes (clang's
# libFuzzer with AddressSanitizer and UBSan; tests/fuzz/).
#   scripts/fuzz.sh run [SECONDS]  each target for SECONDS (default 180),
#                                  from the seed corpus in tests/fuzz/corpus/;
#                                  a crash or hang is kept in tests/fuzz/crashes/
#                                  as a reproducer (commit it)
#   scripts/fuzz.sh replay         every seed and every kept crash once, as a
#                                  regression test ("ok - fuzz replay: ..." lines)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
seconds=${2:-180}
out=build/fuzz
mkdir -p "$out"

fat_stack="fs/cache/bcache.c fs/fat/bpb.c fs/fat/fat_entry.c fs/fat/dirent.c fs/fat/lfn.c
	fs/fat/shortname.c fs/fat/volume.c fs/fat/chain.c fs/fat/dir.c fs/fat/dir_add.c fs/fat/file.c
	fs/fat/ops.c fs/fat/fat_vfs.c fs/vfs/node.c fs/vfs/path.c fs/vfs/ops.c drivers/block/block.c
	fs/vfs/pager.c fs/vfs/data.c mm/pcache.c mm/pmm.c mm/tlbcheck.c lib/memmap.c lib/kprintf.c"
declare -A sources=(
	[mbr]="fs/part/mbr.c"
	[fat_bpb]="fs/fat/bpb.c"
	[fat_names]="fs/fat/dirent.c fs/fat/lfn.c fs/fat/shortname.c"
	[fat_volume]="$fat_stack"
	[boot_parsers]="lib/fdt.c lib/cmdline.c lib/memmap.c lib/kprintf.c
		arch/arm/boot/atags.c arch/x86/boot/multiboot.c"
	[elf]="kernel/elf.c"
)
targets=(mbr fat_bpb fat_names fat_volume boot_parsers elf)

build() {
	local t=$1
	# shellcheck disable=SC2086
	clang -std=gnu11 -g -O1 -I. -DMENDAX_HOST_TEST -DMENDAX_TEST -Wall -Wextra -Werror \
		-Wno-unused-parameter -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		-o "$out/fuzz_$t" "tests/fuzz/fuzz_$t.c" tests/fuzz/fuzz_shim.c ${sources[$t]}
}

inputs() {
	find "tests/fuzz/corpus/$1" "tests/fuzz/crashes/$1" -type f 2>/dev/null | sort
}

passed=0 failed=0
for t in "${targets[@]}"; do
	if ! build "$t" >"$out/build-$t.log" 2>&1; then
		echo "FAIL - fuzz: $t does not build"; tail -n 20 "$out/build-$t.log"
		failed=$((failed + 1)); continue
	fi
	if [ "$mode" = replay ]; then
		mapfile -t files < <(inputs "$t")
		if "$out/fuzz_$t" -timeout=20 "${files[@]}" >"$out/replay-$t.log" 2>&1; then
			echo "ok - fuzz replay: $t (${#files[@]} inputs, no crash, no hang)"
			passed=$((passed + 1))
		else
			echo "FAIL - fuzz replay: $t"; grep -E 'ERROR|Running|panic|SUMMARY' "$out/replay-$t.log" | tail -n 8
			failed=$((failed + 1))
		fi
		continue
	fi
	mkdir -p "$out/corpus/$t" "tests/fuzz/crashes/$t"
	echo "== fuzz: $t for ${seconds}s"
	if "$out/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="tests/fuzz/crashes/$t/" "$out/corpus/$t" "tests/fuzz/corpus/$t" \
		>"$out/run-$t.log" 2>&1; then
		echo "ok - fuzz: $t ($(grep -E 'stat::number_of_executed_units' "$out/run-$t.log" | awk '{print $2}') runs)"
		passed=$((passed + 1))
	else
		echo "FAIL - fuzz: $t found a crash or hang: kept in tests/fuzz/crashes/$t/"
		grep -E 'ERROR|SUMMARY|artifact' "$out/run-$t.log" | tail -n 6
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
