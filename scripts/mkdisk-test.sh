#!/usr/bin/env bash
# The test disk every port's test run attaches (128 MiB, raw; a power of
# two, as QEMU's SD card needs):
#   - sector 0: an MBR written by sfdisk:
#       partition 1 FAT32 (LBA, type 0x0c), sectors 2048-83967 (40 MiB): a
#         real volume made by mkfs.fat, holding what the host put there for
#         the guest to find (/host/hello.txt), an empty /bin, and the
#         mount points of the second disk's volumes (/mnt/vdb1, /mnt/vdb2:
#         scripts/fat-volumes.py), each holding not-mounted.txt, which a
#         mounted volume hides;
#       partition 2 Linux swap (0x82), sectors 83968-215039 (64 MiB): the
#         swap area (kernel/swap_area.c) unless the boot says swap=off;
#         the guest writes it, so the host-side checks skip it;
#       partition 3 non-FS data (0xda), sectors 215040-262143: scratch for
#         the raw block tests;
#   - every sector n outside partition 1: bytes 0-3 the number n (little
#     endian), 4-19 "mendax test disk", 508-511 the complement of n (so a
#     transfer that moves only part of a sector, or the wrong sector, is seen).
#   mkdisk-test.sh OUT.img
set -euo pipefail
out=$1
sectors=262144
p1_start=2048 p1_sectors=81920
tmp=$(mktemp "${out}.XXXXXX")
vol=$(mktemp "${out}.vol.XXXXXX")
trap 'rm -f "$tmp" "$vol"' EXIT
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
start=2048, size=81920, type=c
start=83968, size=131072, type=82
start=215040, type=da
TABLE
rm -f "$vol"
mkfs.fat -C -F 32 -s 1 -n MENDAXTEST "$vol" $((p1_sectors / 2)) >/dev/null
mmd -i "$vol" ::host ::bin ::mnt ::mnt/vdb1 ::mnt/vdb2
printf 'hello from the host\n' | mcopy -i "$vol" - ::host/hello.txt
for d in vdb1 vdb2; do
	printf 'the root volume: nothing is mounted here\n' | mcopy -i "$vol" - ::mnt/$d/not-mounted.txt
done
dd if="$vol" of="$tmp" bs=512 seek=$p1_start conv=notrunc status=none
mv "$tmp" "$out"
trap - EXIT
rm -f "$vol"
