#!/usr/bin/env bash
# make bench: boots the benchmark build of each port (or of ARCH) under
# QEMU with -icount shift=0,sleep=on, where the guest's cycle counter
# counts executed instructions exactly, and prints its tables and its
# "bench <arch> <name> <value>" lines. Two runs print identical numbers.
# sleep=on: a halt lasts as long on the host as in virtual time, so the
# virtio driver's 10 s timeout is 10 s of the host's too (with sleep=off
# every halt jumps to the next timer deadline, and a host write that takes
# a few milliseconds ran out the 1,000 ticks). Halts are left out of every
# figure (docs/benchmarks.md), so their length changes none.
#   bench.sh [quick|full] [ARCH...]
set -uo pipefail
cd "$(dirname "$0")/.."
mode=${1:-full}
shift || true
arches=("$@")
[ ${#arches[@]} -eq 0 ] && arches=(arm x86)
mkdir -p build/logs
status=0
# make bench's second boot of a port (full mode only): RAM capped with
# mem=16M, user/bin/thrashbench.c swapping a working set of 1.5x RAM to
# the bench disk's swap partition (a fresh disk: the build remakes it).
thrash_boot() {
	local arch=$1 log="build/logs/bench-$1-thrash.log"
	make --no-print-directory -s ARCH="$arch" BENCH=1 all >>"build/logs/bench-build-$arch.log" 2>&1 || return 1
	# shellcheck disable=SC2086
	timeout 900 $qemu $flags -icount shift=0,sleep=on -append "bench=thrash mem=16M" </dev/null >"$log" 2>&1
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
	if ! grep -a -q '^bench: done (status 0)' "$log"; then
		echo "bench: $arch thrash boot did not complete (log: $log)"
		tail -n 20 "$log"
		return 1
	fi
	echo "== $arch thrash (mem=16M): pages read from swap per 1,000 touches"
	grep -a -E '^(thrashbench: RAM|seq |rand )' "$log"
	echo
	grep -a '^bench ' "$log"
}
for arch in "${arches[@]}"; do
	if ! make --no-print-directory -s ARCH="$arch" BENCH=1 all >"build/logs/bench-build-$arch.log" 2>&1; then
		echo "bench: $arch build failed (build/logs/bench-build-$arch.log)"
		status=1
		continue
	fi
	log="build/logs/bench-$arch-$mode.log"
	flags=$(make --no-print-directory -s ARCH="$arch" BENCH=1 print-qemu-test-flags)
	qemu=$(make --no-print-directory -s ARCH="$arch" BENCH=1 print-qemu)
	# shellcheck disable=SC2086
	timeout 900 $qemu $flags -icount shift=0,sleep=on -append "bench=$mode" </dev/null >"$log" 2>&1
	tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"
	if ! grep -a -q '^bench: done (status 0)' "$log"; then
		echo "bench: $arch did not complete (log: $log)"
		tail -n 20 "$log"
		status=1
		continue
	fi
	echo "== $arch ($mode)"
	sed -n '/^benchmark (user mode)/,/^bench: done/p' "$log" | grep -a -v -E '^bench(:| )'
	awk 'BEGIN {
		t["kmalloc_kfree_64"] = "<= 120"; t["vmm_map_unmap"] = "<= 200"
		t["page_clear"] = "(the unavoidable part of a zero-fill fault)"
		t["page_copy"] = "(the unavoidable part of a COW copy)"
		t["disk_read_per_kib"] = "(1 MiB read: driver work only, waits excluded)"
		t["disk_write_per_kib"] = "(1 MiB write to the scratch partition, the same)"
		t["swap_out_per_page"] = "(beyond the transfer: swap_out_transfer_ram)"
		t["swap_in_per_page"] = "(beyond the transfer: swap_in_transfer_ram)"
		t["swap_dev_write_page"] = "(one page to the swap partition, waits excluded)"
		t["swap_dev_read_page"] = "(one page from it, the same)"
		printf "\n%-28s %12s   %s\n", "benchmark (kernel side)", "instructions", "target"
	}
	$1 == "bench" && ($3 in t || $3 ~ /^(space_create_destroy|kstack_alloc_free)$/) {
		printf "%-28s %12s   %s\n", $3, $4, t[$3]
	}' "$log"
	echo
	grep -a '^bench ' "$log"
	[ "$mode" = full ] && { thrash_boot "$arch" || status=1; }
done
exit $status
