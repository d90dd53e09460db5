#!/usr/bin/env bash
# After the user-mode suite ran on the test disk, checks partition 1 from
# the host: fsck.fat -n finds nothing wrong, the file the guest's files test
# leaves on purpose (user/tests/files.c: /guest/written-by-mendax.txt),
# the one the page-cache test fsyncs (user/tests/pcache.c:
# /guest/pcache-fsync.txt) and the one written only through a mapping
# (user/tests/mmap.c: /guest/mapped-by-mendax.txt) have their fixed texts, and the files tests ran (none skipped for want of a disk;
# the program put in /bin by disk-add-programs.sh ran from the disk).
#   check-files-test.sh IMAGE SUITE_LOG [PORT]
set -uo pipefail
img=$1 log=$2 port=${3:-x86}
name="$port: files the guest wrote, read on the host (fsck.fat -n, mtype)"
fail() {
	echo "FAIL - $name: $*"
	exit 1
}
[ -f "$img" ] || fail "no image $img"
grep -q '^ok - user: files: ' "$log" || fail "no files test passed (log: $log)"
grep -q 'files: skipped' "$log" && fail "a files test skipped: no file system mounted"
grep -q '^  /bin/hello2 ran from the disk' "$log" || fail "the program in /bin did not run"
start=$(sfdisk --dump "$img" | sed -nE 's/^[^ ]*1 : start= *([0-9]+), *size= *([0-9]+),.*/\1 \2/p')
[ -n "$start" ] || fail "no partition 1"
vol=$(mktemp)
trap 'rm -f "$vol" "$vol.fsck"' EXIT
dd if="$img" of="$vol" bs=512 skip=${start% *} count=${start#* } status=none
if ! fsck.fat -n "$vol" >"$vol.fsck" 2>&1; then
	sed 's/^/  fsck: /' "$vol.fsck"
	fail "fsck.fat -n finds the volume damaged"
fi
got=$(mtype -i "$vol" ::guest/written-by-mendax.txt 2>&1) || fail "mtype: $got"
want="written on mendax by user/tests/files.c"
[ "$got" = "$want" ] || fail "/guest/written-by-mendax.txt holds '$got', not '$want'"
# user/tests/pcache.c: a page-cache write made durable by fsync.
got=$(mtype -i "$vol" ::guest/pcache-fsync.txt 2>&1) || fail "mtype: $got"
want="fsync()ed by mendax, user/tests/pcache.c"
[ "$got" = "$want" ] || fail "/guest/pcache-fsync.txt holds '$got', not '$want'"
# Written only through a MAP_SHARED mapping by a process that then exited
# (user/tests/mmap.c): exit wrote the dirty page back.
grep -q '^ok - user: mmap: exit writes dirty shared pages back' "$log" || fail "the mmap exit test did not pass"
got=$(mtype -i "$vol" ::guest/mapped-by-mendax.txt 2>&1) || fail "mtype: $got"
want="mapped on mendax by user/tests/mmap.c"
[ "$got" = "$want" ] || fail "/guest/mapped-by-mendax.txt holds '$got', not '$want'"
echo "ok - $name"
