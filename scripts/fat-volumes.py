#!/usr/bin/env python3
"""The extra FAT volumes of the storage tests (user/tests/storage.c), made
and checked from the host, and the files the persistence test leaves.

Volumes (FAT16, made by mkfs.fat and filled by mtools; 4608 sectors):
  full      clean, holding only full-test-volume.txt: the guest fills it to
            -ENOSPC, frees it, fills it again and leaves that second file
            (fill.bin) for the host to check
  damaged   a real volume damaged on purpose, entry by entry:
              good.txt, ok/inner.txt   untouched: must stay readable
              range.txt   its second cluster's FAT entry is beyond the
                          last cluster (an out-of-range cluster number)
              badfirst.txt its first cluster (directory entry) is beyond
                          the last cluster
              loop.bin    cluster 3 of its chain links back to cluster 1
                          and its size is larger than the volume: a chain
                          that loops before the size is covered
              endless/    one cluster linked to itself, every slot used:
                          a directory that never ends

Commands:
  make-x86-disk OUT        the PC's second disk (vdb, 8 MiB): p1 damaged
                           at 2048, p2 full at 8192, every other sector
                           patterned; OUT.pristine is a copy
  make-volume KIND OUT     one volume (KIND full or damaged) in file OUT
  break-bpb IMG START      the FAT count of the boot sector of the
                           partition at START becomes 0 (a bad BPB), and
                           IMG.before-boot2 keeps a copy of the result
  check-x86-disk IMG LOG   after the suite: every sector outside the two
                           partitions as in IMG.pristine; both volumes
                           checked (check_full, check_damaged)
  check-volumes IMG FULL DAMAGED LOG   the same checks on a card (ARM),
                           partitions starting at sectors FULL, DAMAGED
  check-same IMG [START...]  after the second boot: IMG (or only its
                           volumes at START...) is byte for byte as in
                           IMG.before-boot2 (a refused volume is not
                           written; a mounted one that is only read is not)
  check-persist IMG [second]  partition 1 passes fsck.fat -n and holds the
                           files user/tests/storage.c wrote for the next
                           boot (with "second": also the one
                           user/bin/persistcheck.c wrote before halting)
"""
import os
import re
import shutil
import struct
import subprocess
import sys

SECTOR = 512
VOL_SECTORS = 4608
X86_SECTORS = 16384
X86_DAMAGED, X86_FULL = 2048, 8192

# What user/tests/storage.c writes for the next boot, and its bytes.
PERSIST = [("persist/small.txt", 1, 13), ("persist/sector.bin", 2, 512),
           ("persist/multi.bin", 3, 100000),
           ("persist/a long name that needs several long-name entries.txt", 4, 700),
           ("persist/sub/deeper/nested.bin", 5, 5000)]
SECOND = ("persist/second-boot.txt", "written by persistcheck, then halt\n")


def persist_bytes(seed, n):
    return bytes(((i * 7 + seed * 31) ^ (i >> 9)) & 0xFF for i in range(n))


def fill_bytes(n):
    """What the guest writes into the full volume (word i = i * 2654435761)."""
    words = (n + 3) // 4
    return b"".join(((i * 2654435761) & 0xFFFFFFFF).to_bytes(4, "little") for i in range(words))[:n]


def run(*args, **kw):
    return subprocess.run(list(args), check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)


def mkfs(out, label):
    if os.path.exists(out):
        os.remove(out)
    run("mkfs.fat", "-C", "-F", "16", "-s", "1", "-n", label, out, str(VOL_SECTORS // 2))


def put(vol, name, data):
    run("mcopy", "-o", "-i", vol, "-", "::" + name, input=data)


class Fat16:
    """Just enough of a FAT16 image to damage it (offsets from the BPB)."""

    def __init__(self, data):
        self.d = data
        bps, self.spc, rsvd, self.nfats, rootents = struct.unpack_from("<HBHBH", data, 11)
        self.fatsz = struct.unpack_from("<H", data, 22)[0]
        total = struct.unpack_from("<H", data, 19)[0] or struct.unpack_from("<I", data, 32)[0]
        self.fat0 = rsvd * bps
        self.root = self.fat0 + self.nfats * self.fatsz * bps
        self.data0 = self.root + rootents * 32
        self.clusters = (total * bps - self.data0) // (self.spc * bps)
        self.csize = self.spc * bps

    def set_fat(self, c, v):
        for k in range(self.nfats):
            struct.pack_into("<H", self.d, self.fat0 + k * self.fatsz * SECTOR + 2 * c, v)

    def get_fat(self, c):
        return struct.unpack_from("<H", self.d, self.fat0 + 2 * c)[0]

    def entry(self, dir_off, nslots, raw, missing_ok=False):
        """Offset of the short entry named raw (11 bytes) in a directory."""
        for i in range(nslots):
            off = dir_off + 32 * i
            if self.d[off] == 0:
                break
            if self.d[off] != 0xE5 and self.d[off + 11] != 0x0F and self.d[off:off + 11] == raw:
                return off
        if missing_ok:
            return None
        sys.exit(f"fat-volumes: no entry {raw!r}")

    def first_cluster(self, off):
        return struct.unpack_from("<H", self.d, off + 26)[0]

    def cluster_off(self, c):
        return self.data0 + (c - 2) * self.csize


def make_full(out):
    mkfs(out, "FULLTEST")
    put(out, "full-test-volume.txt", b"the storage tests fill this volume\n")


def make_damaged(out):
    mkfs(out, "DAMAGED")
    put(out, "good.txt", b"a good file on a damaged volume\n")
    run("mmd", "-i", out, "::ok", "::endless")
    put(out, "ok/inner.txt", b"inner file, still readable\n")
    put(out, "range.txt", bytes(range(256)) * 6)          # 3 clusters
    put(out, "badfirst.txt", b"x" * 100)
    put(out, "loop.bin", bytes(4 * SECTOR))                # 4 clusters
    with open(out, "rb") as f:
        v = Fat16(bytearray(f.read()))
    nroot = (v.data0 - v.root) // 32
    rng = v.first_cluster(v.entry(v.root, nroot, b"RANGE   TXT"))
    v.set_fat(rng, v.clusters + 2 + 10)                    # past the last cluster
    bad = v.entry(v.root, nroot, b"BADFIRSTTXT")
    struct.pack_into("<H", v.d, bad + 26, v.clusters + 2 + 100)
    loop = v.entry(v.root, nroot, b"LOOP    BIN")
    c1 = v.first_cluster(loop)
    c2 = v.get_fat(c1)
    c3 = v.get_fat(c2)
    v.set_fat(c3, c1)                                      # 1 -> 2 -> 3 -> 1 ...
    struct.pack_into("<I", v.d, loop + 28, (v.clusters + 64) * v.csize)
    endless = v.first_cluster(v.entry(v.root, nroot, b"ENDLESS    "))
    base = v.cluster_off(endless)
    for i in range(2, v.csize // 32):                      # keep "." and ".."
        e = bytearray(32)
        e[0:11] = b"F%07d" % i + b"TXT"
        e[11] = 0x20
        v.d[base + 32 * i:base + 32 * i + 32] = e
    v.set_fat(endless, endless)                            # never reaches an end
    with open(out, "wb") as f:
        f.write(v.d)


MAKERS = {"full": make_full, "damaged": make_damaged}


def number_sector(n):
    w = n.to_bytes(4, "little")
    return w + b"vdb: damaged disk" + bytes(SECTOR - 8 - 17) + w


def make_x86_disk(out):
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        for n in range(X86_SECTORS):
            f.write(number_sector(n))
    table = (f"label: dos\nlabel-id: 0x64616d67\nstart={X86_DAMAGED}, size={VOL_SECTORS}, type=e\n"
             f"start={X86_FULL}, size={VOL_SECTORS}, type=e\n")
    run("sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", "--wipe", "never", tmp,
        input=table.encode())
    for kind, start in (("damaged", X86_DAMAGED), ("full", X86_FULL)):
        vol = tmp + "." + kind
        MAKERS[kind](vol)
        with open(vol, "rb") as src, open(tmp, "r+b") as dst:
            dst.seek(start * SECTOR)
            dst.write(src.read())
        os.remove(vol)
    shutil.copyfile(tmp, out + ".pristine")
    os.replace(tmp, out)


def extract(img, start, sectors=VOL_SECTORS):
    vol = f"{img}.vol{start}"
    with open(img, "rb") as src, open(vol, "wb") as dst:
        src.seek(start * SECTOR)
        dst.write(src.read(sectors * SECTOR))
    return vol


def fsck_clean(vol):
    r = subprocess.run(["fsck.fat", "-n", vol], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode:
        print("".join("  fsck: " + l + "\n" for l in r.stdout.decode().splitlines()), end="")
    return r.returncode == 0


def mtype(vol, name):
    return subprocess.run(["mtype", "-i", vol, "::" + name], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL).stdout


def mdir_free(vol):
    out = run("mdir", "-i", vol, "::").stdout.decode()
    m = re.search(r"([0-9 ]+) bytes free", out)
    return int(m.group(1).replace(" ", "")) if m else None


def check_full(img, start, log):
    """The guest left the volume full: fsck.fat -n clean, fill.bin of the
    size the guest reported, holding what it wrote, and no space left."""
    text = open(log, errors="replace").read()
    if "storage: skipped" in text:
        return "a storage test skipped: the volumes were not mounted"
    for test in ("volumes mounted on /mnt", "a full volume is -ENOSPC", "a damaged volume: -EIO"):
        if not re.search(r"^ok - user: storage: " + re.escape(test), text, re.M):
            return f"the guest's test '{test}...' did not pass"
    m = re.findall(r"^  full: (\d+) bytes fit, twice", text, re.M)
    if not m:
        return "the guest did not report the full volume (no '  full: N bytes fit, twice')"
    want = int(m[-1])
    vol = extract(img, start)
    try:
        if not fsck_clean(vol):
            return "fsck.fat -n finds the full volume damaged"
        got = mtype(vol, "fill.bin")
        if got != fill_bytes(want):
            return f"fill.bin holds {len(got)} bytes, not the {want} the guest wrote"
        free = mdir_free(vol)
        if free is None or free >= SECTOR:
            return f"mdir says {free} bytes free on the volume the guest filled"
    finally:
        os.remove(vol)
    return None


def read_root_file(v, raw):
    """The bytes of a root-directory file of v, its chain followed (bounded)."""
    off = v.entry(v.root, (v.data0 - v.root) // 32, raw, missing_ok=True)
    if off is None:
        return None
    size, c, out = struct.unpack_from("<I", v.d, off + 28)[0], v.first_cluster(off), b""
    while len(out) < size and 2 <= c < v.clusters + 2 and len(out) <= v.clusters * v.csize:
        out += bytes(v.d[v.cluster_off(c):v.cluster_off(c) + v.csize])
        c = v.get_fat(c)
    return out[:size]


def check_damaged(img, start):
    """What the guest wrote on the damaged volume is there (read here: mtools
    refuses the whole volume), and the good file is unchanged."""
    with open(img, "rb") as f:
        f.seek(start * SECTOR)
        v = Fat16(bytearray(f.read(VOL_SECTORS * SECTOR)))
    if read_root_file(v, b"GOOD    TXT") != b"a good file on a damaged volume\n":
        return "good.txt on the damaged volume changed"
    if read_root_file(v, b"NEW     TXT") != b"written next to damaged files\n":
        return "new.txt, written by the guest on the damaged volume, is not there"
    return None


def outside_unchanged(img, parts):
    with open(img, "rb") as a, open(img + ".pristine", "rb") as b:
        x, y = a.read(), b.read()
    if len(x) != len(y):
        return "the disk changed size"
    for n in range(len(x) // SECTOR):
        if any(s <= n < s + VOL_SECTORS for s in parts):
            continue
        if x[n * SECTOR:(n + 1) * SECTOR] != y[n * SECTOR:(n + 1) * SECTOR]:
            return f"sector {n}, outside the partitions, changed"
    return None


def report(name, why):
    print(f"FAIL - {name}: {why}" if why else f"ok - {name}")
    return 1 if why else 0


def check_x86_disk(img, log):
    name = "x86: the damaged disk after the suite (nothing outside its partitions changed; full volume: fsck.fat -n, mtype, mdir)"
    why = (outside_unchanged(img, [X86_DAMAGED, X86_FULL]) or check_full(img, X86_FULL, log)
           or check_damaged(img, X86_DAMAGED))
    return report(name, why)


def check_volumes(img, full, damaged, log):
    name = "arm: the card's full and damaged volumes after the suite (fsck.fat -n, mtype, mdir)"
    return report(name, check_full(img, full, log) or check_damaged(img, damaged))


def break_bpb(img, start):
    with open(img, "r+b") as f:
        f.seek(start * SECTOR + 16)                       # BPB_NumFATs
        f.write(b"\0")
    shutil.copyfile(img, img + ".before-boot2")


def check_same(img, starts):
    """IMG as IMG.before-boot2: whole, or the volumes at starts only."""
    with open(img, "rb") as a, open(img + ".before-boot2", "rb") as b:
        x, y = a.read(), b.read()
    spans = [(s * SECTOR, (s + VOL_SECTORS) * SECTOR) for s in starts] or [(0, max(len(x), len(y)))]
    same = all(x[lo:hi] == y[lo:hi] for lo, hi in spans)
    what = "the volumes at sectors " + ", ".join(map(str, starts)) if starts else "every byte"
    return report(f"{os.path.basename(img)}: {what} unchanged by the second boot (refused and read-only volumes)",
                  None if same else "the image changed")


def partition_1(img):
    out = run("sfdisk", "--dump", img).stdout.decode()
    m = re.search(r"1 : start= *(\d+), size= *(\d+)", out)
    return int(m.group(1)), int(m.group(2))


def check_persist(img, second):
    name = (f"{os.path.basename(img)}: the files of the first boot read on the host"
            + (" after the second boot (and the one it wrote before halting)" if second else ""))
    start, size = partition_1(img)
    vol = extract(img, start, size)
    try:
        if not fsck_clean(vol):
            return report(name, "fsck.fat -n finds the root volume damaged")
        for path, seed, n in PERSIST:
            if mtype(vol, path) != persist_bytes(seed, n):
                return report(name, f"{path} does not hold the {n} bytes the guest wrote")
        listing = run("mdir", "-i", vol, "::persist").stdout.decode()
        if "a long name that needs several long-name entries.txt" not in listing:
            return report(name, "mdir does not show the long name")
        if second and mtype(vol, SECOND[0]) != SECOND[1].encode():
            return report(name, f"{SECOND[0]} is not on the disk: halt did not sync it")
    finally:
        os.remove(vol)
    return report(name, None)


def main(a):
    if len(a) == 2 and a[0] == "make-x86-disk":
        make_x86_disk(a[1])
    elif len(a) == 3 and a[0] == "make-volume" and a[1] in MAKERS:
        MAKERS[a[1]](a[2])
    elif len(a) == 3 and a[0] == "break-bpb":
        break_bpb(a[1], int(a[2]))
    elif len(a) == 3 and a[0] == "check-x86-disk":
        return check_x86_disk(a[1], a[2])
    elif len(a) == 5 and a[0] == "check-volumes":
        return check_volumes(a[1], int(a[2]), int(a[3]), a[4])
    elif len(a) >= 2 and a[0] == "check-same":
        return check_same(a[1], [int(x) for x in a[2:]])
    elif len(a) in (2, 3) and a[0] == "check-persist":
        return check_persist(a[1], len(a) == 3 and a[2] == "second")
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
