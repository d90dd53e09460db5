#!/usr/bin/env python3
# scripts/layout-svg.py [--check] - draws each port's virtual address space
# as docs/layout-<arch>.svg from the constants the kernel is built with:
# scripts/layout-values.c is compiled against arch/<arch>/mm/layout.h,
# lib/config.h and mm/vmm.h and prints them, so the picture cannot drift
# from the code. Left: the 4 GiB to scale; right: every range again with a
# height growing with log2 of its size (the small ones would be invisible
# otherwise). --check compares the committed files with a fresh drawing
# (one verdict line per port, then "layout: N passed, N failed").
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIB, GIB = 1 << 20, 1 << 30
COLOURS = {"user": "#cfe8ff", "lie": "#fff0a8", "window": "#e3d4ff", "tables": "#ffd2c4",
           "meta": "#ffe2b8", "heap": "#cdf3cd", "direct": "#dcdcdc", "device": "#f4c8e0",
           "unused": "#ffffff"}


def values(arch):
    """NAME -> number, from scripts/layout-values.c built for arch."""
    extra = ["-include", "boards/rpi2/board.h"] if arch == "arm" else []
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "layout-values")
        subprocess.run(["gcc", "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-DMENDAX_HOST_TEST",
                        "-I.", "-include", "arch/%s/mm/layout.h" % arch] + extra +
                       ["-o", exe, "scripts/layout-values.c"], cwd=ROOT, check=True)
        out = subprocess.run([exe], check=True, capture_output=True, text=True).stdout
    return {name: int(v, 16) for name, v in (line.split() for line in out.splitlines())}


def x86_ranges(v):
    span, half = v["TABLE_SPAN"], v["USER_END"] // 2
    slots = v["CONFIG_MAX_PROCS"]
    return [
        (0, half, "user", "user space: code, data, sbrk heap", "PDEs 0-%d, one set per space"
         % (half // span - 1)),
        (half, half + span, "lie", "one table span on the zero table",
         "1 PDE -> the zero table -> 1024 x the zero page: 0 frames"),
        (half + span, v["USER_END"], "user", "user space: mmap (first fit from %#x), stack" % half,
         "untouched 4 MiB spans share the zero table"),
        (v["KERNEL_VIRT_BASE"], v["KERNEL_VIRT_BASE"] + v["DIRECT_MAP_PHYS_END"], "direct",
         "direct map of RAM", "4 MiB global pages; kernel image at %#x"
         % (v["KERNEL_VIRT_BASE"] + v["KERNEL_LOAD_PHYS"])),
        (v["KHEAP_BASE"], v["KHEAP_END"], "heap", "kernel heap", "page tables preallocated"),
        (v["KSTACK_REGION"], v["KSTACK_REGION"] + v["VMM_KSTACK_BYTES"], "tables", "kernel stacks",
         "stack i at %#x + i * 8 KiB, a guard page below each" % (v["KSTACK_REGION"] + 4096)),
        (v["PD_REGION"], v["PD_REGION"] + slots * 4096, "tables", "page-directory region",
         "slot i's directory at %#x + i * 4096 (%d slots)" % (v["PD_REGION"], slots)),
        (v["META_REGION"], v["META_REGION"] + v["VMM_META_BYTES"], "meta", "VMM metadata windows",
         "slot i's region records at %#x + i * %d KiB"
         % (v["META_REGION"], v["VMM_META_SLOT_BYTES"] // 1024)),
        (v["ALT_PT_BASE"], v["SELF_PT_BASE"], "window", "alternate window (PDE 1022)",
         "another space's page tables"),
        (v["SELF_PT_BASE"], 1 << 32, "window", "recursive window (PDE 1023)",
         "this space's page tables; its directory at 0xfffff000"),
    ]


def arm_ranges(v):
    span, half = 4 * v["TABLE_SPAN"], v["USER_END"] // 2
    slots = v["CONFIG_MAX_PROCS"]
    dev0, dev1 = v["BOARD_DEV0_VIRT"], v["BOARD_DEV1_VIRT"]
    return [
        (0, half, "user", "user space: code, data, sbrk heap", "TTBR0: one 4 KiB L1 table a space"),
        (half, half + span, "lie", "four table spans on the zero table",
         "4 L1 entries -> the zero table -> 256 x the zero page each: 0 frames"),
        (half + span, v["USER_END"], "user", "user space: mmap (first fit from %#x), stack" % half,
         "untouched 1 MiB spans share the zero table"),
        (v["L2_WINDOW"], v["TTBR0_SPAN"], "window", "L2 window (L1 entry 1023)",
         "PTE of va at %#x + (va >> 12) * 4" % v["L2_WINDOW"]),
        (v["KERNEL_VIRT_BASE"], v["KERNEL_VIRT_BASE"] + v["DIRECT_MAP_PHYS_END"], "direct",
         "direct map of RAM", "1 MiB global sections (TTBR1)"),
        (v["KHEAP_BASE"], v["KHEAP_END"], "heap", "kernel heap", "L2 tables preallocated"),
        (v["KSTACK_REGION"], v["KSTACK_REGION"] + v["VMM_KSTACK_BYTES"], "tables", "kernel stacks",
         "stack i at %#x + i * 8 KiB, a guard page below each" % (v["KSTACK_REGION"] + 4096)),
        (v["L1_REGION"], v["L1_REGION"] + slots * 4096, "tables", "L1 region: TTBR0 tables",
         "slot i's table at %#x + i * 4096 (%d slots)" % (v["L1_REGION"], slots)),
        (v["META_REGION"], v["META_REGION"] + v["VMM_META_BYTES"], "meta", "VMM metadata windows",
         "slot i's region records at %#x + i * %d KiB"
         % (v["META_REGION"], v["VMM_META_SLOT_BYTES"] // 1024)),
        (dev0, dev0 + v["BOARD_DEV0_MIB"] * MIB, "device", "peripherals", "Device memory, XN"),
        (dev1, dev1 + v["BOARD_DEV1_MIB"] * MIB, "device", "ARM-local peripherals", "Device memory"),
    ]


def with_gaps(ranges):
    """The ranges in address order with every hole between them as unused."""
    out, at = [], 0
    for r in sorted(ranges):
        if r[0] > at:
            out.append((at, r[0], "unused", "(unused)", ""))
        out.append(r)
        at = r[1]
    if at < 1 << 32:
        out.append((at, 1 << 32, "unused", "(unused)", ""))
    return out


def size_text(n):
    for unit, div in (("GiB", GIB), ("MiB", MIB), ("KiB", 1024)):
        if n >= div and n % div == 0:
            return "%d %s" % (n // div, unit)
    return "%d bytes" % n


def row_height(size):
    return 30 + 4 * (size.bit_length() - 13)   # 4 KiB: 30 px, 4 GiB: 110 px


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg(arch, rows):
    heights = [row_height(r[1] - r[0]) for r in rows]
    top, h = 50, sum(heights)
    lin_x, lin_w, log_x, log_w = 90, 70, 300, 680
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="%d" '
           'font-family="monospace" font-size="11">' % (h + top + 40),
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           '<text x="20" y="22" font-size="15" font-weight="bold">mendax %s: virtual address '
           'space (scripts/layout-svg.py, from arch/%s/mm/layout.h)</text>' % (arch, arch),
           '<text x="%d" y="42">to scale</text>' % lin_x,
           '<text x="%d" y="42">each range, height by log2 of its size</text>' % log_x]

    def lin_y(addr):
        return top + h - addr * h / (1 << 32)

    y = top + h
    for (start, end, kind, name, note), rh in zip(rows, heights):
        y0, y1 = lin_y(end), lin_y(start)
        out.append('<polygon points="%d,%.2f %d,%.2f %d,%d %d,%d" fill="%s" fill-opacity="0.45" '
                   'stroke="none"/>' % (lin_x + lin_w, y0, lin_x + lin_w, y1, log_x, y, log_x,
                                        y - rh, COLOURS[kind]))
        out.append('<rect x="%d" y="%.2f" width="%d" height="%.2f" fill="%s" stroke="#555555" '
                   'stroke-width="0.5"/>' % (lin_x, y0, lin_w, max(y1 - y0, 0.5), COLOURS[kind]))
        out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#555555"/>'
                   % (log_x, y - rh, log_w, rh, COLOURS[kind]))
        out.append('<text x="%d" y="%d" font-weight="bold">%s</text>' % (log_x + 8, y - rh + 14, esc(name)))
        out.append('<text x="%d" y="%d">%#010x-%#010x  %s%s</text>' % (
            log_x + 8, y - rh + 26, start, end - 1, size_text(end - start),
            ("  " + esc(note)) if note else ""))
        y -= rh
    for addr in range(0, 1 << 32, GIB):
        out.append('<text x="%d" y="%.2f" text-anchor="end">%#010x</text>' % (lin_x - 6, lin_y(addr) + 4, addr))
    out.append('<text x="%d" y="%.2f" text-anchor="end">0xffffffff</text>' % (lin_x - 6, top + 4))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def drawing(arch):
    v = values(arch)
    return svg(arch, with_gaps(x86_ranges(v) if arch == "x86" else arm_ranges(v)))


def main():
    check = sys.argv[1:] == ["--check"]
    results = []
    for arch in ("x86", "arm"):
        path = os.path.join(ROOT, "docs", "layout-%s.svg" % arch)
        new = drawing(arch)
        if not check:
            with open(path, "w") as f:
                f.write(new)
            print("wrote %s" % os.path.relpath(path, ROOT))
            continue
        try:
            with open(path) as f:
                same = f.read() == new
        except OSError:
            same = False
        results.append(same)
        print("%s - layout: docs/layout-%s.svg is what scripts/layout-svg.py draws from "
              "arch/%s/mm/layout.h now%s" % ("ok" if same else "FAIL", arch, arch,
                                             "" if same else " (run scripts/layout-svg.py)"))
    if check:
        print("layout: %d passed, %d failed" % (results.count(True), results.count(False)))
        sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
