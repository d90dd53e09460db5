#!/usr/bin/env bash
# Fetches, as Debian packages from Debian's archive, what a Raspberry Pi 2
# SD card needs besides mendax, and extracts the few files used:
#   raspi-firmware (non-free-firmware): bootcode.bin, start.elf, fixup.dat
#   u-boot-rpi (armhf):                 rpi_2/u-boot.bin
#   linux-image-<abi>-armmp (armhf):    bcm2836-rpi-2-b.dtb
# It uses a private apt configuration (own sources list and lists
# directory) so the system's apt setup is never touched, and caches
# everything in CACHE (default .cache/pi-firmware): a second run with all
# files present does nothing.
#   fetch-pi-firmware.sh [CACHE]   -> files in CACHE/files/
set -euo pipefail
cache=${1:-.cache/pi-firmware}
files="$cache/files"
want=(bootcode.bin start.elf fixup.dat u-boot.bin bcm2836-rpi-2-b.dtb)

have_all=1
for f in "${want[@]}"; do [ -s "$files/$f" ] || have_all=0; done
[ "$have_all" = 1 ] && exit 0

die() {
	echo "fetch-pi-firmware: $*" >&2
	echo "fetch-pi-firmware: the SD card needs Debian's raspi-firmware, u-boot-rpi:armhf and" >&2
	echo "  linux-image-armmp:armhf packages from the Debian archive (bookworm, components" >&2
	echo "  main and non-free-firmware); check that the archive is reachable." >&2
	exit 1
}

mkdir -p "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial" "$cache/debs" "$files"
cache=$(cd "$cache" && pwd)
files="$cache/files"
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=${DEBIAN_SUITE:-bookworm}
echo "deb [arch=armhf signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main non-free-firmware" \
	>"$cache/apt/sources.list"
apt_opts=(-q -o Dir::Etc::SourceList="$cache/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
	  -o Dir::State::Lists="$cache/apt/lists" -o Dir::Cache="$cache/apt/cache"
	  -o APT::Architectures::=armhf -o APT::Architecture=armhf -o Debug::NoLocking=1)

echo "fetch-pi-firmware: updating a private package list for armhf + non-free-firmware"
apt-get "${apt_opts[@]}" update >"$cache/apt/update.log" 2>&1 || die "apt-get update failed (see $cache/apt/update.log)"

# The kernel package name carries an ABI number that changes with updates:
# ask the metapackage which one it points at.
kpkg=$(apt-cache "${apt_opts[@]}" depends linux-image-armmp:armhf 2>/dev/null |
	awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$kpkg" ] || die "cannot resolve linux-image-armmp:armhf"
kpkg=${kpkg%:armhf}

cd "$cache/debs"
for p in raspi-firmware u-boot-rpi:armhf "$kpkg:armhf"; do
	name=${p%:armhf}
	ls "${name}"_*.deb >/dev/null 2>&1 && continue
	echo "fetch-pi-firmware: downloading $p"
	apt-get "${apt_opts[@]}" download "$p" >/dev/null 2>"$cache/apt/download.log" ||
		die "apt-get download $p failed (see $cache/apt/download.log)"
done

extract() {   # deb, path inside, output name
	local tmp
	tmp=$(mktemp -d)
	dpkg-deb --fsys-tarfile "$1" | tar -x -C "$tmp" "./$2" 2>/dev/null || { rm -rf "$tmp"; die "$2 not found in $1"; }
	cp "$tmp/$2" "$files/$3"
	rm -rf "$tmp"
}
fw=$(ls raspi-firmware_*.deb | head -n 1)
for f in bootcode.bin start.elf fixup.dat; do extract "$fw" "usr/lib/raspi-firmware/$f" "$f"; done
extract "$(ls u-boot-rpi_*.deb | head -n 1)" usr/lib/u-boot/rpi_2/u-boot.bin u-boot.bin
kdeb=$(ls "${kpkg}"_*.deb | head -n 1)
dtb=$(dpkg-deb -c "$kdeb" | awk '{print $6}' | grep '/bcm2836-rpi-2-b.dtb$' | head -n 1)
[ -n "$dtb" ] || die "bcm2836-rpi-2-b.dtb not in $kdeb"
extract "$kdeb" "${dtb#./}" bcm2836-rpi-2-b.dtb
echo "fetch-pi-firmware: files ready in $files"
