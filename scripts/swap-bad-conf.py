#!/usr/bin/env python3
"""A QEMU blkdebug configuration that makes reads of the swap area of a
disk image fail with EIO (make check-swap-bad, docs/testing.md): one
inject-error rule per swap slot above GOOD (a rule matches any request
that covers its sector; a slot is the 8 sectors at partition offset
slot * 8, slot 0 unused: kernel/swap_area.c). Slots 1..GOOD stay good,
like swap=failreads's (kernel/swap_area.c SWAP_GOOD_SLOTS): the area is
handed out from slot 1, and the clock takes the test's init's pages
first, so they can come back. Writes, and reads elsewhere, succeed.

  swap-bad-conf.py IMG OUT    the first partition of type 0x82 in IMG's MBR
"""
import struct
import sys

SECTOR, SLOT_SECTORS = 512, 8
GOOD = 512


def swap_partition(img):
    with open(img, "rb") as f:
        mbr = f.read(SECTOR)
    if mbr[510:512] != b"\x55\xaa":
        sys.exit(f"swap-bad-conf: {img}: no MBR")
    for i in range(4):
        e = mbr[446 + 16 * i: 462 + 16 * i]
        start, size = struct.unpack_from("<II", e, 8)
        if e[4] == 0x82 and size:
            return start, size
    sys.exit(f"swap-bad-conf: {img}: no partition of type 0x82")


def main(img, out):
    start, size = swap_partition(img)
    with open(out, "w") as f:
        for slot in range(GOOD + 1, size // SLOT_SECTORS):
            f.write(f'[inject-error]\nevent = "read_aio"\nerrno = "5"\n'
                    f'sector = "{start + slot * SLOT_SECTORS}"\nonce = "off"\n\n')


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
