#!/usr/bin/env bash
# The test disk every port's test run attaches (16 MiB, raw):
#   - sector 0: an MBR written by sfdisk: partition 1 FAT32 (LBA, type 0x0c)
#     at sectors 2048-18431, partition 2 Linux swap (0x82) from 18432 to the end;
#   - every other sector n: bytes 0-3 the number n (little endian), 4-19
#     "mendax test disk", 508-511 the complement of n (so a transfer that
#     moves only part of a sector, or the wrong sector, is seen).
# The partitions hold no file system: the contents are the numbers.
#   mkdisk-test.sh OUT.img
set -euo pipefail
out=$1
sectors=32768
tmp=$(mktemp "${out}.XXXXXX")
trap 'rm -f "$tmp"' EXIT
python3 - "$tmp" "$sectors" <<'PY'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "wb") as f:
    for s in range(n):
        sec = bytearray(512)
        if s:
            sec[0:4] = struct.pack("<I", s)
            sec[4:20] = b"mendax test disk"
            sec[508:512] = struct.pack("<I", s ^ 0xFFFFFFFF)
        f.write(sec)
PY
sfdisk --quiet --no-reread --no-tell-kernel "$tmp" >/dev/null <<'TABLE'
label: dos
label-id: 0x6d656e64
start=2048, size=16384, type=c
start=18432, type=82
TABLE
mv "$tmp" "$out"
trap - EXIT
