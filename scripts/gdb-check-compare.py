#!/usr/bin/env python3
# scripts/gdb-check-compare.py ARCH SERIAL GDBVIEW STATUS PASS_STATUS - the
# host half of scripts/gdb-check.sh: holds the gdb extension's view
# (GDBVIEW, from scripts/gdb-check-drive.py) against what the kernel
# printed on the console (SERIAL: user/bin/gdbprobe's "gdbprobe:" lines).
# One verdict line per comparison, then "gdb: N passed, N failed".
import re
import sys

arch, serial_path, view_path, status, pass_status = sys.argv[1:6]
KINDS = {"not yet touched (unmapped)": 0, "zero page (read-only, shared)": 1,
         "zero table (no RAM at all)": 2, "private frame": 3, "copy-on-write shared": 4,
         "swapped": 10, "swap-cached frame": 11}   # kernel/syscall_nr.h enum mendax_vmkind
COW_SHARED, SWAP_CACHED = 4, 11
results = []


def verdict(ok, text, detail=()):
    results.append(ok)
    print("%s - %s: %s" % ("ok" if ok else "FAIL", arch, text))
    for d in ([] if ok else list(detail)[:8]):
        print("    %s" % d)


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


serial, view = read(serial_path), read(view_path)


def kernel_maps():
    maps = {}
    for m in re.finditer(r"^gdbprobe: vmmap (\d+) (\w+) (\w+) (\d+) (\d+) (\d+) (\d+)$", serial,
                         re.M):
        pid, start, end, prot, kind, refs, slot = m.groups()
        maps.setdefault(int(pid), []).append((int(start, 16), int(end, 16), int(prot),
                                              int(kind), int(refs), int(slot)))
    return maps


def sections():
    """gdb's output per command: {"mendax vmmap 1": text, ...} (last one wins)."""
    out, cmd = {}, None
    for line in view.splitlines():
        if line.startswith("(gdb) "):
            cmd = line[6:]
            out[cmd] = ""
        elif cmd:
            out[cmd] += line + "\n"
    return out


RANGE = re.compile(r"^  ([0-9a-f]{8})-([0-9a-f]{8}) ([r-])([w-])([x-]) +\d+ KiB  (.*?)"
                   r"(?: \(slots? (\d+)(?:-\d+)?\))?(?: \((\d+) owners\))?$", re.M)


def gdb_map(text):
    out = []
    for m in RANGE.finditer(text):
        start, last, r, w, x, kind, slot, refs = m.groups()
        prot = (r == "r") | (w == "w") << 1 | (x == "x") << 2
        out.append((int(start, 16), int(last, 16) + 1, prot, KINDS.get(kind, -1), int(refs or 0),
                    int(slot or 0)))
    return out


def compare_maps(views):
    for pid, kmap in sorted(kernel_maps().items()):
        gmap = gdb_map(views.get("mendax vmmap %d" % pid, ""))
        diff = ["kernel %s / gdb %s" % (a, b) for a, b in zip(kmap, gmap) if a != b]
        if len(kmap) != len(gmap):
            diff.insert(0, "kernel %d ranges, gdb %d" % (len(kmap), len(gmap)))
        verdict(not diff and bool(kmap), "gdb's vmmap of pid %d equals the kernel's (%d ranges)"
                % (pid, len(kmap)), diff)


def probe_lines():
    return re.findall(r"^gdbprobe: probe (\d+) (\w+) (\d+) (\d+) (\S+) (\S+)$", serial, re.M)


def pte_view(text):
    """(kind, refs, rights) from one "mendax pte" output."""
    lie = re.search(r"^  lie: (.*?)(?: \(slot \d+\))?(?: \((\d+) owners\)| \(refcount \d+\))?$",
                    text, re.M)
    rights = re.search(r"^  rights: (\S+)", text, re.M)
    kind = KINDS.get(lie.group(1), -1) if lie else -1
    refs = int(lie.group(2) or 0) if lie else 0
    return kind, refs, ("rw" if rights.group(1)[1] == "w" else "ro") if rights else "-"


def kernel_kind(maps, pid, va):
    for start, end, _, kind, _, _ in maps.get(pid, []):
        if start <= va < end:
            return kind
    return 0


def compare_probes(views):
    maps, bad, n = kernel_maps(), [], 0
    for pid, va, kind, refs, rights, what in probe_lines():
        n += 1
        want = (int(kind), int(refs), rights)
        got = pte_view(views.get("mendax pte %#x %s" % (int(va, 16), pid), ""))
        if got != want:
            bad.append("pid %s %s (%s): expected %s, gdb says %s" % (pid, va, what, want, got))
        if kernel_kind(maps, int(pid), int(va, 16)) != int(kind):
            bad.append("pid %s %s (%s): the kernel's vmmap disagrees with the probe" % (pid, va, what))
    verdict(n > 0 and not bad, "gdb's pte walks give every probe the lie, owners and rights "
            "the kernel set up (%d probes)" % n, bad)


def compare_modes(views):
    """The walks through the direct map and through QEMU's PhyMemMode."""
    pairs = [(k, k + " [phys qemu]") for k in views
             if k.startswith("mendax pte ") and not k.endswith("]")]
    diff = [a for a, b in pairs if views[a] != views.get(b)]
    verdict(bool(pairs) and not diff, "walks read through QEMU's physical-memory mode equal "
            "those through the direct map (%d walks)" % len(pairs), diff)


def compare_ps(views):
    text = views.get("mendax ps", "")
    gps = {(int(m.group(1)), m.group(2), m.group(3))
           for m in re.finditer(r"^[ *]\s*(\d+)\s+\d+\s+\d+\s+\w+ \((\w)\)\s+(\S+)$", text, re.M)}
    kps = {(int(p), s, n) for p, s, n in re.findall(r"^gdbprobe: ps (\d+) (\w) (\S+)$", serial, re.M)}
    verdict(bool(kps) and kps <= gps, "gdb's ps lists the kernel's processes (%d)" % len(kps),
            ["kernel %s not in gdb's" % (p,) for p in sorted(kps - gps)])


def swap_slot(maps, pid, va):
    for start, end, _, _, _, slot in maps.get(pid, []):
        if start <= va < end:
            return slot + (va - start) // 4096
    return -1


def frame_ok(frame, kind, refs, va, slot):
    """A shared frame's record: in use, its refcount its owners - each space
    that maps it, and for the swap cache's frame the cache too (by slot)."""
    users = re.findall(r"owner: user page of pid (\d+) at 0x%s" % va, frame)
    cache = len(re.findall(r"owner: the swap cache \(slot %d[,)]" % slot, frame))
    return "state FRAME_USED, refcount %d," % refs in frame and \
        len(users) + (cache if kind == SWAP_CACHED else 0) == refs and \
        (kind != SWAP_CACHED or cache == 1)


def compare_frames(views):
    """Each shared probe's frame (copy-on-write, swap-cached), read by gdb."""
    maps, bad, seen = kernel_maps(), [], 0
    for pid, va, kind, refs, _, what in probe_lines():
        if int(kind) not in (COW_SHARED, SWAP_CACHED):
            continue
        text = views.get("mendax pte %#x %s" % (int(va, 16), pid), "")
        m = re.search(r"^  pa: \S+ \(frame (0x[0-9a-f]+)", text, re.M)
        frame = views.get("mendax frame %s" % m.group(1), "") if m else ""
        seen += 1
        if not frame_ok(frame, int(kind), int(refs), va, swap_slot(maps, int(pid), int(va, 16))):
            bad.append("pid %s %s: %s" % (pid, va, frame.strip().replace("\n", " | ") or "no frame"))
    verdict(seen > 1 and not bad, "gdb's frame record of each shared probe (copy-on-write, "
            "swap-cached): in use, its refcount the spaces that map it and the swap cache", bad)


views = sections()
verdict(view.startswith("stopped in introspect_vmmap"), "gdb stopped the kernel at the probe's "
        "vmmap call", [view[:200]] if view else ["no gdb view"])
compare_ps(views)
compare_maps(views)
compare_probes(views)
compare_frames(views)
compare_modes(views)
verdict(status == pass_status and "gdbprobe: done" in serial,
        "the probe ran on to its end, every frame returned (QEMU status %s)" % status)
print("gdb: %d passed, %d failed" % (results.count(True), results.count(False)))
sys.exit(0 if all(results) else 1)
