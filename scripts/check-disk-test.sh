#!/usr/bin/env bash
# After the suite ran on the test disk (tests/kernel/test_virtio_blk.c and
# everything that uses the file system), checks the image from the host:
# the write test's sectors hold its pattern; every raw sector outside the
# FAT and swap partitions is as the pristine copy (scripts/mkdisk-test.sh)
# has it (the guest writes the swap partition whenever it swaps);
# and the FAT partition passes fsck.fat -n. Prints ok/FAIL; exit status 0
# on pass.
# Any port whose test run attaches the image may use it.
#   check-disk-test.sh IMAGE PRISTINE SUITE_LOG [PORT]
set -uo pipefail
img=$1 pristine=$2 log=$3 port=${4:-x86}
first=1000 count=16        # WRITE_FIRST, WRITE_COUNT of the test
p1_start=2048 p1_end=83968 # the FAT partition, [start, end) in sectors
swap_end=215040            # the swap partition, [p1_end, swap_end): not compared
name="$port: the disk image after the suite (written sectors, nothing else changed, fsck.fat -n clean)"

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
cmp -s -n $(((p1_start - first - count) * 512)) -i $(((first + count) * 512)) "$img" "$pristine" ||
	fail "a sector between $((first + count)) and the FAT partition changed"
cmp -s -i $((swap_end * 512)) "$img" "$pristine" ||
	fail "a sector after the swap partition (the scratch partition) changed"
vol=$(mktemp)
dd if="$img" of="$vol" bs=512 skip=$p1_start count=$((p1_end - p1_start)) status=none
if ! fsck.fat -n "$vol" >"$vol.fsck" 2>&1; then
	sed 's/^/  fsck: /' "$vol.fsck"
	rm -f "$vol" "$vol.fsck"
	fail "fsck.fat -n finds the FAT partition damaged"
fi
rm -f "$vol" "$vol.fsck"
[ "$(stat -c %s "$img")" = "$(stat -c %s "$pristine")" ] || fail "the image changed size"
echo "ok - $name"
