#!/usr/bin/env bash
# Builds and runs the host unit tests of mendax's pure logic with the
# address and undefined-behaviour sanitizers. Prints one verdict line per
# test and "host: N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

out=build/host
mkdir -p "$out"

# Pure kernel sources under test: no inline assembly, no hardware access.
# (lib/string.c is left out: the host libc provides those functions.)
pure_sources=(
	lib/kprintf.c
	lib/memmap.c
	lib/cmdline.c
	lib/fdt.c
	mm/pmm.c
	mm/tlbcheck.c
	mm/kheap.c
	kernel/elf.c
	kernel/initrd.c
	fs/part/mbr.c
	fs/fat/bpb.c
	fs/fat/fat_entry.c
	fs/fat/dirent.c
	fs/fat/lfn.c
	fs/fat/shortname.c
	fs/fat/volume.c
	fs/fat/chain.c
	fs/fat/dir.c
	fs/fat/dir_add.c
	fs/fat/file.c
	fs/fat/ops.c
	fs/cache/bcache.c
	drivers/block/block.c
	fs/vfs/node.c
	fs/vfs/path.c
	fs/vfs/ops.c
	fs/vfs/pager.c
	fs/vfs/data.c
	fs/fat/fat_vfs.c
	mm/vmm_region_array.c
	mm/pcache.c
	mm/swap_slots.c
	lib/pagesim.c
)
for f in arch/arm/boot/atags.c arch/arm/fsr_decode.c arch/arm/insn_decode.c arch/x86/boot/multiboot.c arch/x86/trap_decode.c; do
	[ -f "$f" ] && pure_sources+=("$f")
done

# A partition table written by the real sfdisk (fdisk package): FAT32 at
# 1 MiB, bootable, and a swap partition to the end of a 64 MiB disk.
rm -f "$out/mbr-sfdisk.img"
truncate -s 64M "$out/mbr-sfdisk.img"
printf 'label: dos\nstart=2048, size=32768, type=c, bootable\nstart=34816, type=82\n' |
	sfdisk -q "$out/mbr-sfdisk.img" >/dev/null

# Volumes made by the real mkfs.fat (dosfstools): FAT16 of 16 MiB, FAT32 of
# 64 MiB with one sector per cluster.
rm -f "$out/fat16.img" "$out/fat32.img"
mkfs.fat -C -F 16 "$out/fat16.img" 16384 >/dev/null
mkfs.fat -C -F 32 -s 1 "$out/fat32.img" 65536 >/dev/null
# A FAT16 volume whose root directory mtools filled: long names, names that
# fit 8.3 in either case, and a file of several clusters.
rm -f "$out/fat16-names.img"
mkfs.fat -C -F 16 "$out/fat16-names.img" 16384 >/dev/null
seq 1 3000 >"$out/big.txt"
for name in "Hello World.txt" "a.b.c.d" "readme.md" "UPPER.TXT" "lower.txt" \
	"verylongfilename_with_many_chars_2026.data" "x+y=z[1].c" "Déjà vu.txt"; do
	mcopy -i "$out/fat16-names.img" /dev/null "::$name"
done
mcopy -i "$out/fat16-names.img" "$out/big.txt" ::big.txt

CC=${HOST_CC:-gcc}
flags=(-std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -Itests/host
       -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
       -DMENDAX_HOST_TEST -DMENDAX_TEST)

$CC "${flags[@]}" -o "$out/host-tests" "${pure_sources[@]}" tests/host/*.c
# The heap once more as a release build: its kmalloc has a fast path (a
# class's cached object) that test builds, with their red zones, never take.
# Its summary line is "host-release: N passed, N failed" (scripts/test.sh
# counts it too).
release_flags=()
for f in "${flags[@]}"; do [ "$f" = -DMENDAX_TEST ] || release_flags+=("$f"); done
$CC "${release_flags[@]}" -o "$out/host-tests-kheap-release" lib/kprintf.c mm/kheap.c \
	tests/host/htest_main.c tests/host/test_kheap.c
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	"$out/host-tests-kheap-release" "$@" |
	sed 's/^\(ok\|FAIL\) - host: /\1 - host (kheap release build): /; s/^host: /host-release: /'
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	"$out/host-tests" "$@"
