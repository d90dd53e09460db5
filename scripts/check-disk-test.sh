#!/usr/bin/env bash
# After the in-kernel suite ran on the test disk (tests/kernel/
# test_virtio_blk.c), checks the image from the host: the write test's
# sectors hold its pattern, and every other sector is as the pristine copy
# (scripts/mkdisk-test.sh) has it. Prints ok/FAIL; exit status 0 on pass.
# Any port whose test run attaches the image may use it.
#   check-disk-test.sh IMAGE PRISTINE SUITE_LOG [PORT]
set -uo pipefail
img=$1 pristine=$2 log=$3 port=${4:-x86}
first=1000 count=16        # WRITE_FIRST, WRITE_COUNT of the test
name="$port: the disk image after the suite (written sectors, nothing else changed)"

fail() {
	echo "FAIL - $name: $*"
	exit 1
}

[ -f "$img" ] && [ -f "$pristine" ] || fail "no image ($img, $pristine)"
grep -q '^ok - .*: disk: written sectors read back, and flush succeeds' "$log" ||
	fail "the suite's write test did not pass (log: $log)"
grep -qE 'skipped: (no disk|.* is not the test disk|not a virtio-blk disk)' "$log" &&
	fail "a disk test skipped: the disk was not attached, not the test disk, or not virtio-blk"

# The traps of platform-facts-2 (QEMU works without either; hardware does
# not): FLUSH negotiated, bus mastering and I/O decoding on.
grep -qE '^virtio-blk: vda: .* \(flush\)' "$log" || fail "FLUSH was not negotiated"
cmd=$(sed -nE 's/^storage: virtio-blk at .* command (0x[0-9a-f]+)$/\1/p' "$log" | head -n 1)
[ -n "$cmd" ] && (((cmd & 5) == 5)) || fail "PCI command ${cmd:-?}: I/O or bus master off"

expected=$(mktemp)
trap 'rm -f "$expected"' EXIT
for ((s = first; s < first + count; s++)); do
	for ((line = 0; line < 16; line++)); do
		printf 'wrote sector %08u, line %02u!\n' "$s" "$line"
	done
done >"$expected"

dd if="$img" bs=512 skip=$first count=$count status=none | cmp -s - "$expected" ||
	fail "sectors $first-$((first + count - 1)) do not hold the pattern"
cmp -s -n $((first * 512)) "$img" "$pristine" ||
	fail "a sector before $first changed"
cmp -s -i $(((first + count) * 512)) "$img" "$pristine" ||
	fail "a sector after $((first + count - 1)) changed"
[ "$(stat -c %s "$img")" = "$(stat -c %s "$pristine")" ] || fail "the image changed size"
echo "ok - $name"
