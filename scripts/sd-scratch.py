#!/usr/bin/env python3
"""Scratch disk images for the in-kernel disk tests, and the host-side check
of what the guest wrote to them.

  sd-scratch.py make IMG SIZE_MIB   IMG and IMG.pristine: sparse, the given
                                    power-of-two size (QEMU's SD card needs
                                    one; at least 128 MiB), an MBR with a
                                    FAT partition and a swap partition
                                    (partition 2, 64 MiB from sector 65536,
                                    after the others: the swap area the
                                    guest writes, never compared); the FAT
                                    partition is a real
                                    FAT16 volume made by mkfs.fat (with
                                    /host/hello.txt from the host, an empty
                                    /bin, /mnt/sd0p3 and /mnt/sd0p4),
                                    mounted as / by the guest; partitions
                                    3 (damaged) and 4 (full) are the FAT16
                                    volumes of scripts/fat-volumes.py,
                                    mounted on /mnt/sd0p3 and /mnt/sd0p4;
                                    every other patterned sector begins
                                    with its own 32-bit sector number
  sd-scratch.py check IMG           the sectors the guest writes hold the
                                    write pattern, nothing else outside the
                                    FAT partition changed, and fsck.fat -n
                                    finds the FAT partition sound

The patterned sectors, the written ones and the write pattern are the ones
tests/kernel/test_sd.c uses (keep them in step).
"""
import os
import subprocess
import sys

SECTOR = 512
PATTERN_HEAD = 32768         # sectors 0 .. 32767 (16 MiB) are patterned
PATTERN_TAIL = 2048          # and so are the last 2048 (1 MiB)
P1_START, P1_SIZE = 2048, 8192      # FAT16 (LBA) partition, type 0x0e
P2_START, P2_SIZE = 65536, 131072   # Linux swap, type 0x82 (64 MiB; the table's
                                    # order is not the disk's: the four entries are
                                    # all used, so swap is entry 2, placed last)
P3_START = 20480                    # damaged FAT16 (scripts/fat-volumes.py), 0x0e
P4_START = 25088                    # full-test FAT16, 0x0e
VOL_SIZE = 4608                     # each of them
WRITE_SINGLE = 20000
WRITE_MULTI, WRITE_MULTI_COUNT = 20100, 24


def written_sectors(sectors):
    return ([WRITE_SINGLE] + list(range(WRITE_MULTI, WRITE_MULTI + WRITE_MULTI_COUNT))
            + [sectors - 1])


def write_pattern(n):
    """What the guest writes to sector n: word i is (n * 128 + i) ^ 0xC0FFEE00."""
    return b"".join(((n * 128 + i) ^ 0xC0FFEE00).to_bytes(4, "little") for i in range(128))


def number_sector(n):
    """Sector n of a fresh image: n in its first and last words."""
    w = n.to_bytes(4, "little")
    return w + bytes(SECTOR - 8) + w


def in_fat(n):
    return (P1_START <= n < P1_START + P1_SIZE or P3_START <= n < P3_START + VOL_SIZE
            or P4_START <= n < P4_START + VOL_SIZE)


def in_swap(n):
    """The swap partition: the guest writes it whenever it swaps."""
    return P2_START <= n < P2_START + P2_SIZE


def patterned(sectors):
    head = range(0, min(PATTERN_HEAD, sectors))
    tail = range(max(PATTERN_HEAD, sectors - PATTERN_TAIL), sectors)
    return [n for n in list(head) + list(tail) if not in_fat(n) and not in_swap(n)]


def make_fat(img):
    """Partition 1 becomes a FAT16 volume the host filled a little."""
    vol = img + ".vol"
    subprocess.run(["rm", "-f", vol], check=True)
    subprocess.run(["mkfs.fat", "-C", "-F", "16", "-s", "1", "-n", "MENDAXTEST", vol,
                    str(P1_SIZE // 2)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["mmd", "-i", vol, "::host", "::bin", "::mnt", "::mnt/sd0p3", "::mnt/sd0p4"],
                   check=True)
    subprocess.run(["mcopy", "-i", vol, "-", "::host/hello.txt"], input=b"hello from the host\n",
                   check=True)
    for d in ("sd0p3", "sd0p4"):
        subprocess.run(["mcopy", "-i", vol, "-", f"::mnt/{d}/not-mounted.txt"],
                       input=b"the root volume: nothing is mounted here\n", check=True)
    place(img, vol, P1_START)
    for kind, start in (("damaged", P3_START), ("full", P4_START)):
        subprocess.run([os.path.join(os.path.dirname(__file__), "fat-volumes.py"), "make-volume",
                        kind, vol], check=True)
        place(img, vol, start)


def place(img, vol, start):
    with open(vol, "rb") as src, open(img, "r+b") as dst:
        dst.seek(start * SECTOR)
        dst.write(src.read())
    os.remove(vol)


def fsck_fat(img):
    vol = img + ".checkvol"
    with open(img, "rb") as src, open(vol, "wb") as dst:
        src.seek(P1_START * SECTOR)
        dst.write(src.read(P1_SIZE * SECTOR))
    r = subprocess.run(["fsck.fat", "-n", vol], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    os.remove(vol)
    if r.returncode:
        print("".join("  fsck: " + l + "\n" for l in r.stdout.decode().splitlines()), end="")
    return r.returncode == 0


def make(img, size_mib):
    size = size_mib << 20
    if size_mib < 128 or size_mib & (size_mib - 1):
        sys.exit("sd-scratch: size must be a power of two MiB, at least 128")
    sectors = size // SECTOR
    with open(img, "wb") as f:
        f.truncate(size)
        for n in patterned(sectors):
            f.seek(n * SECTOR)
            f.write(number_sector(n))
    table = (f"label: dos\nlabel-id: 0x6d656e64\n"
             f"start={P1_START}, size={P1_SIZE}, type=e\n"
             f"start={P2_START}, size={P2_SIZE}, type=82\n"
             f"start={P3_START}, size={VOL_SIZE}, type=e\n"
             f"start={P4_START}, size={VOL_SIZE}, type=e\n")
    subprocess.run(["sfdisk", "--quiet", "--wipe", "never", img], input=table.encode(),
                   check=True, stdout=subprocess.DEVNULL)
    make_fat(img)
    subprocess.run(["cp", "--sparse=always", img, img + ".pristine"], check=True)


def data_extents(path):
    """(start, end) byte ranges holding data (the rest are holes)."""
    out, fd = [], os.open(path, os.O_RDONLY)
    try:
        end, off = os.fstat(fd).st_size, 0
        while off < end:
            try:
                start = os.lseek(fd, off, os.SEEK_DATA)
            except OSError:
                break
            stop = os.lseek(fd, start, os.SEEK_HOLE)
            out.append((start, stop))
            off = stop
    finally:
        os.close(fd)
    return out


def read_sector(f, n):
    f.seek(n * SECTOR)
    return f.read(SECTOR)


def check(img):
    pristine = img + ".pristine"
    size = os.path.getsize(img)
    if size != os.path.getsize(pristine):
        sys.exit(f"FAIL - {img}: size changed")
    sectors = size // SECTOR
    written = set(written_sectors(sectors))
    to_check = set(written)
    for path in (img, pristine):
        for start, stop in data_extents(path):
            to_check.update(n for n in range(start // SECTOR, (stop + SECTOR - 1) // SECTOR)
                            if not in_fat(n) and not in_swap(n))
    bad = []
    with open(img, "rb") as a, open(pristine, "rb") as b:
        for n in sorted(to_check):
            want = write_pattern(n) if n in written else read_sector(b, n)
            if read_sector(a, n) != want:
                bad.append(n)
    if bad:
        kind = ["written" if n in written else "unwritten" for n in bad[:8]]
        print(f"FAIL - {img}: {len(bad)} sectors wrong, first {list(zip(bad[:8], kind))}")
        return 1
    if not fsck_fat(img):
        print(f"FAIL - {img}: fsck.fat -n finds the FAT partition damaged")
        return 1
    print(f"ok - {os.path.basename(img)}: the {len(written)} sectors the guest wrote hold the "
          f"pattern, the others outside the FAT and swap partitions are unchanged, fsck.fat -n clean")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
    else:
        sys.exit(__doc__)
