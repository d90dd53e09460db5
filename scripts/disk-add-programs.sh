#!/usr/bin/env bash
# Puts user programs into /bin of a disk image's FAT partition 1 (with
# mtools, from the host), so a test run can exec them from the disk:
#   disk-add-programs.sh IMAGE ELF:NAME...
# e.g. build/x86-test/user/hello.elf:hello2 becomes /bin/hello2. The test
# run execs it as "/bin/hello2" and as "hello2" (user/tests/files.c).
set -euo pipefail
img=$1
shift
start=$(sfdisk --dump "$img" | sed -nE 's/^[^ ]*1 : start= *([0-9]+),.*/\1/p')
[ -n "$start" ] || { echo "disk-add-programs: $img has no partition 1" >&2; exit 1; }
for pair in "$@"; do
	mcopy -o -i "$img@@$((start * 512))" "${pair%%:*}" "::bin/${pair##*:}"
done
