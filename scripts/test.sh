#!/usr/bin/env bash
# The whole mendax test suite (what `make test` runs): host unit tests, then
# for each port a test build booted under QEMU (in-kernel suite, decoded
# fault reports). Ends with one line "N passed, N failed" over everything;
# exits non-zero if anything failed or hung.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0 failed=0
export LOGDIR=build/logs
mkdir -p "$LOGDIR"

# Adds the counts from a "... N passed, M failed" line of a log.
add_summary() {
	local line
	line=$(grep -E "$2[0-9]+ passed, [0-9]+ failed" "$1" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL - $3: no summary line"
		failed=$((failed + 1))
		return
	fi
	local p f
	p=$(echo "$line" | sed -E 's/.*[^0-9]([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
	passed=$((passed + p)) failed=$((failed + f))
}

# Runs one harness check (a make target); counts it as one test.
check() {
	if make --no-print-directory -s "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

echo "== host unit tests (ASan + UBSan)"
scripts/host-test.sh >"$LOGDIR/host.log" 2>&1
grep -E '^(ok|FAIL) - |check failed|panic' "$LOGDIR/host.log" | grep -v '^ok - ' || true
echo "$(grep -c '^ok - ' "$LOGDIR/host.log") host tests ok"
add_summary "$LOGDIR/host.log" '^host: ' "host unit tests"
add_summary "$LOGDIR/host.log" '^host-release: ' "host unit tests, kheap release build"
grep -q '^host: ' "$LOGDIR/host.log" || tail -n 30 "$LOGDIR/host.log"

echo "== fuzz corpus and kept crashes, replayed (libFuzzer targets, tests/fuzz)"
scripts/fuzz.sh replay >"$LOGDIR/fuzz-replay.log" 2>&1
grep -E '^(ok|FAIL) - ' "$LOGDIR/fuzz-replay.log"
add_summary "$LOGDIR/fuzz-replay.log" '^fuzz: ' "fuzz replay"

echo "== the address-space pictures (docs/layout-*.svg) against the layout headers"
python3 scripts/layout-svg.py --check >"$LOGDIR/layout.log" 2>&1
grep -E '^(ok|FAIL) - ' "$LOGDIR/layout.log"
add_summary "$LOGDIR/layout.log" '^layout: ' "layout pictures"

for arch in arm x86; do
	echo "== $arch: building the test kernel"
	if ! make --no-print-directory -s ARCH=$arch TEST=1 all >"$LOGDIR/build-$arch.log" 2>&1; then
		echo "FAIL - $arch: test build failed"
		tail -n 30 "$LOGDIR/build-$arch.log"
		failed=$((failed + 1))
		continue
	fi
	echo "== $arch: kernel test suite under QEMU"
	check ARCH=$arch TEST=1 check
	suite_log="$LOGDIR/${arch}__kernel_test_suite.log"
	grep -E '^(ok|FAIL) - |check failed' "$suite_log"
	add_summary "$suite_log" '^kernel: ' "$arch kernel suite"
	add_summary "$suite_log" '^user: ' "$arch user-mode suite"
	add_summary "$suite_log" '^accounting: ' "$arch frame accounting"
	add_summary "$suite_log" '^tlbcheck: ' "$arch TLB-coherence checker"
	if [ "$arch" = arm ]; then
		echo "== arm: the SD card the suite wrote, checked from the host; an SDHC card"
		check ARCH=arm TEST=1 check-sd-image
		check ARCH=arm TEST=1 check-files
		# The card's full and damaged volumes; then the persistence test's
		# second boot of the same card (docs/testing.md).
		check ARCH=arm TEST=1 check-volumes
		check ARCH=arm TEST=1 check-persist
		check ARCH=arm TEST=1 check-sdhc
		check ARCH=arm TEST=1 check-sdhc-image
	fi
	if [ "$arch" = x86 ]; then
		# The suite wrote to the test disk: check the image from the host
		# (before another boot starts from a fresh copy).
		check ARCH=x86 TEST=1 check-disk
		check ARCH=x86 TEST=1 check-files
		# The second disk's full and damaged volumes; then the persistence
		# test's second boot of the same disks (docs/testing.md).
		check ARCH=x86 TEST=1 check-volumes
		check ARCH=x86 TEST=1 check-persist
	fi
	# After the disk checks (they boot fresh images): the swap suite with
	# 16 MiB of RAM, then on a swap area whose reads fail (docs/testing.md).
	echo "== $arch: the swap suite (mem=16M, init=swapcheck), and on a bad swap area"
	check ARCH=$arch TEST=1 check-swap
	add_summary "$LOGDIR/${arch}__swap_suite.log" '^swapcheck: ' "$arch swap suite"
	check ARCH=$arch TEST=1 check-swap-bad
	add_summary "$LOGDIR/${arch}__swap_suite__bad_area.log" '^swapcheck: ' "$arch swap suite, bad area"
	# After the disk checks: its build step (all) makes the scratch card afresh.
	echo "== $arch: the gdb extension (tools/gdb) against the kernel's own view"
	make --no-print-directory -s ARCH=$arch TEST=1 check-gdb >"$LOGDIR/$arch-gdb.log" 2>&1
	grep -E '^(ok|FAIL) - ' "$LOGDIR/$arch-gdb.log"
	add_summary "$LOGDIR/$arch-gdb.log" '^gdb: ' "$arch gdb extension"
	check ARCH=$arch TEST=1 check-gdb GDB_MISTAKE=1
	echo "== $arch: other boot paths"
	for variant in $(make --no-print-directory -s ARCH=$arch print-variants); do
		check ARCH=$arch TEST=1 check-variant VARIANT="$variant"
	done
	echo "== $arch: layering"
	check ARCH=$arch TEST=1 check-heap
	check ARCH=$arch check-heap-fixtures
	echo "== $arch: the TLB checker catches each injected mistake"
	for inject in $(make --no-print-directory -s ARCH=$arch print-tlbcheck-injects); do
		if make --no-print-directory -s ARCH=$arch TEST=1 TLBCHECK_INJECT="$inject" all \
			>"$LOGDIR/build-$arch-inject-$inject.log" 2>&1; then
			check ARCH=$arch TEST=1 TLBCHECK_INJECT="$inject" check-tlbcheck
		else
			echo "FAIL - $arch: build with TLBCHECK_INJECT=$inject failed"
			failed=$((failed + 1))
		fi
	done
	echo "== $arch: decoded fault reports"
	for kind in $(make --no-print-directory -s ARCH=$arch print-fault-kinds); do
		check ARCH=$arch TEST=1 check-fault FAULT="$kind"
	done
	echo "== $arch: the console (make run driven on a pseudo-terminal)"
	check ARCH=$arch TEST=1 check-console CONSOLE=session
	check ARCH=$arch TEST=1 check-console CONSOLE=hangup
	check ARCH=$arch TEST=1 check-console CONSOLE=halt
	if [ "$arch" = arm ]; then
		echo "== arm: the real-hardware path (firmware stand-in, U-Boot, SD card)"
		check ARCH=arm TEST=1 check-uboot
		check ARCH=arm TEST=1 check-uboot-big
		check ARCH=arm TEST=1 check-uboot-fault FAULT=hvc
		echo "== arm: halting where there is no semihosting"
		check ARCH=arm TEST=1 check-halt
	fi
done

# The benchmark build, quick: it must complete, and the figure it measures
# twice must agree (deterministic counting under -icount).
for arch in arm x86; do
	echo "== $arch: benchmark build (quick)"
	if scripts/bench.sh quick $arch >"$LOGDIR/bench-quick-$arch.out" 2>&1; then
		a=$(awk '$1 == "bench" && $3 == "syscall_null" {print $4}' "$LOGDIR/bench-quick-$arch.out")
		b=$(awk '$1 == "bench" && $3 == "syscall_null_again" {print $4}' "$LOGDIR/bench-quick-$arch.out")
		if [ -n "$a" ] && [ "$a" = "$b" ]; then
			echo "ok - $arch: benchmarks complete; syscall_null measured twice: $a = $b"
			passed=$((passed + 1))
		else
			echo "FAIL - $arch: benchmark figures disagree ($a vs $b)"
			failed=$((failed + 1))
		fi
	else
		echo "FAIL - $arch: benchmark build did not complete"
		tail -n 20 "$LOGDIR/bench-quick-$arch.out"
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
