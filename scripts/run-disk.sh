#!/usr/bin/env bash
# The disk `make run` boots with (both ports; ARM's SD card must be a power
# of two): made once (128 MiB: partition 1 FAT32 of 48 MiB, made by
# mkfs.fat, from sector 2048; partition 2 Linux swap of 64 MiB, the swap
# area kernel/swap_area.c enables; the rest unused), then kept
# across runs and rebuilds, so what a user writes on mendax is still there
# next time. Every run refreshes /bin with the programs just built and
# touches nothing else. Start from a fresh disk: make clean-disks.
#   run-disk.sh IMAGE ELF...
set -euo pipefail
img=$1
shift
p1_start=2048 p1_sectors=98304 swap_sectors=131072
if [ ! -f "$img" ]; then
	mkdir -p "$(dirname "$img")"
	tmp=$(mktemp "$img.XXXXXX")
	vol=$(mktemp "$img.vol.XXXXXX")
	trap 'rm -f "$tmp" "$vol"' EXIT
	truncate -s 128M "$tmp"
	printf 'label: dos\nstart=%d, size=%d, type=c, bootable\nstart=%d, size=%d, type=82\n' \
		$p1_start $p1_sectors $((p1_start + p1_sectors)) $swap_sectors | sfdisk --quiet "$tmp"
	rm -f "$vol"
	mkfs.fat -C -F 32 -s 1 -n MENDAX "$vol" $((p1_sectors / 2)) >/dev/null
	printf 'This disk is mendax'"'"'s: make run keeps it; /bin is refreshed at every run.\n' |
		mcopy -i "$vol" - ::README.TXT
	dd if="$vol" of="$tmp" bs=512 seek=$p1_start conv=notrunc status=none
	mv "$tmp" "$img"
	trap - EXIT
	rm -f "$vol"
	echo "  disk $img (new: FAT32 + swap)"
fi
part="$img@@$((p1_start * 512))"
mmd -D s -i "$part" ::/bin </dev/null 2>/dev/null || true   # -D s: an existing /bin is kept (never a prompt)
for elf in "$@"; do
	mcopy -D o -i "$part" "$elf" "::/bin/$(basename "$elf" .elf)" </dev/null
done
