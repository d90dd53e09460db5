#!/usr/bin/env bash
# The disk both ports' bench builds boot (make bench; x86 virtio-blk, ARM
# the SD card): 512 MiB, sparse (a power of two, as QEMU's SD card needs;
# still an SDSC card), an MBR written by sfdisk:
#   partition 1 FAT32 (LBA, type 0x0c), sectors 2048-616447 (300 MiB), made
#     by mkfs.fat with 4 KiB clusters (76,800 of them: FAT32 needs at least
#     65,525), empty: user/bin/fsbench.c makes and removes what it measures;
#   partition 2 non-FS data (0xda), 8 MiB after it: kernel/bench.c's raw
#     write benchmark (disk_write_per_kib) writes there;
#   partition 3 Linux swap (0x82), 64 MiB after that: the swap area the
#     kernel enables at boot (kernel/swap_area.c), which make bench's
#     thrash boot (mem=16M, user/bin/thrashbench.c) swaps to, and where
#     kernel/bench_swap.c times one page's block_read / block_write.
#   mkdisk-bench.sh OUT.img
set -euo pipefail
out=$1
p1_start=2048 p1_sectors=614400
tmp=$(mktemp "${out}.XXXXXX")
vol=$(mktemp "${out}.vol.XXXXXX")
trap 'rm -f "$tmp" "$vol"' EXIT
truncate -s 512M "$tmp"
sfdisk --quiet --no-reread --no-tell-kernel "$tmp" >/dev/null <<TABLE
label: dos
label-id: 0x6d656e64
start=$p1_start, size=$p1_sectors, type=c
start=$((p1_start + p1_sectors)), size=16384, type=da
start=$((p1_start + p1_sectors + 16384)), size=131072, type=82
TABLE
rm -f "$vol"
mkfs.fat -C -F 32 -s 8 -n MENDAXBENCH "$vol" $((p1_sectors / 2)) >/dev/null
mmd -i "$vol" ::bin   # the exec benchmarks' programs (the Makefile adds them)
dd if="$vol" of="$tmp" bs=512 seek=$p1_start conv=notrunc,sparse status=none
mv "$tmp" "$out"
trap - EXIT
rm -f "$vol"
