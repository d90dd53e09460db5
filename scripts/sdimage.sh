#!/usr/bin/env bash
# Builds a Raspberry Pi 2 SD card image for mendax: a FAT16 partition
# holding the GPU firmware, config.txt, U-Boot, the Pi 2 device tree,
# boot.scr, a U-Boot environment that boots at once, and the kernel uImage;
# then a 64 MiB Linux swap partition (type 0x82), the swap area the kernel
# enables at boot (kernel/swap_area.c).
#   sdimage.sh OUT.img KERNEL.uimg FIRMWARE_DIR BOARD_UBOOT_DIR WORK_DIR [BOOTARGS]
# BOOTARGS (tests only) goes into U-Boot's environment as bootargs, which
# bootm writes into the device tree's /chosen for the kernel.
# The image can be written to a real card with dd (docs/hardware.md).
set -euo pipefail
out=$1 kernel=$2 fw=$3 src=$4 work=$5 bootargs=${6:-}
size_mib=128         # QEMU's SD model wants a power of two
part_start=2048      # sectors: the FAT partition starts at 1 MiB
swap_sectors=131072  # 64 MiB of swap at the end of the card
part_sectors=$((size_mib * 1024 * 1024 / 512 - part_start - swap_sectors))

mkdir -p "$work"
mkimage -A arm -O linux -T script -C none -n "mendax boot script" \
	-d "$src/boot.cmd" "$work/boot.scr" >/dev/null
# rpi_2 U-Boot reads its environment from uboot.env on mmc 0:1 (FAT).
cp "$src/uboot-env.txt" "$work/uboot-env.txt"
[ -n "$bootargs" ] && printf 'bootargs=%s\n' "$bootargs" >>"$work/uboot-env.txt"
mkenvimage -s 0x4000 -o "$work/uboot.env" "$work/uboot-env.txt"

rm -f "$out.tmp"
truncate -s ${size_mib}M "$out.tmp"
# Partition 1 type 0x0e (FAT16 LBA), bootable; partition 2 swap, to the end.
printf 'label: dos\nstart=%d, size=%d, type=e, bootable\nstart=%d, type=82\n' \
	"$part_start" "$part_sectors" $((part_start + part_sectors)) | sfdisk --quiet "$out.tmp"
# (Its stderr only on failure: with the swap partition after the volume,
# mkfs always notes that the image is bigger than the size given.)
mkfs.vfat -F 16 -n MENDAX --offset "$part_start" "$out.tmp" $((part_sectors / 2)) \
	>/dev/null 2>"$work/mkfs.err" || { cat "$work/mkfs.err" >&2; exit 1; }
part="$out.tmp@@$((part_start * 512))"
mcopy -i "$part" "$fw/bootcode.bin" "$fw/start.elf" "$fw/fixup.dat" \
	"$fw/u-boot.bin" "$fw/bcm2836-rpi-2-b.dtb" "$src/config.txt" \
	"$work/boot.scr" "$work/uboot.env" ::/
mcopy -i "$part" "$kernel" ::/kernel.uimg
# /bin: mendax's programs (SDIMAGE_BIN: their ELF files), so that the card
# runs them from disk; names without ".elf", or the name after a ':'
# (path/hello.elf:hello2 becomes /bin/hello2).
if [ -n "${SDIMAGE_BIN:-}" ]; then
	mmd -i "$part" ::/bin
	for entry in $SDIMAGE_BIN; do
		elf=${entry%%:*}
		name=$(basename "$elf" .elf)
		[ "$entry" != "$elf" ] && name=${entry#*:}
		mcopy -i "$part" "$elf" "::/bin/$name"
	done
fi
mv "$out.tmp" "$out"
echo "  sd card image $out"
