#!/usr/bin/env bash
# Installs the Debian packages mendax needs to build, boot and test, if any
# are missing. Idempotent and silent when everything is present.
set -euo pipefail

packages=(
	make gcc libc6-dev gcc-multilib          # host tests and the x86 port (gcc -m32)
	gcc-arm-none-eabi                        # the ARM port
	qemu-system-arm qemu-system-x86          # booting both ports
	u-boot-tools                             # mkimage: the ARM uImage
	device-tree-compiler                     # dtc: the Raspberry Pi 2 device tree
	gdb-multiarch                            # make debug
	mtools dosfstools fdisk                  # SD card and disk images; fsck.fat judges them
	clang libclang-rt-14-dev                 # make fuzz: libFuzzer + sanitizers (tests/fuzz)
)

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing missing Debian packages: ${missing[*]}"
sudo=
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || { echo "deps: not root and no sudo; install them by hand" >&2; exit 1; }
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
