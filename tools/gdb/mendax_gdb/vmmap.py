# tools/gdb/mendax_gdb/vmmap.py - the table kernel/introspect.c's
# introspect_vmmap makes (and user/bin/vmmap prints), computed from guest
# memory: every page of every region classified, runs of one kind, rights
# (and owner count, for shared frames) merged into one range.
from . import lies, regions
from .port import arch

PAGE = 4096


def user_prot(prot):
    return prot & 7   # VMM_READ/WRITE/EXEC are PROT_READ/WRITE/EXEC


def ranges(slot):
    """[start, end, kind, refs, prot] lists, as the vmmap system call gives them."""
    out = []
    for start, end, prot in regions.Regions(slot).records:
        for va in range(start, end, PAGE):
            lie = lies.classify(arch().walk(slot, va))
            refs = lie.refs if lie.kind == lies.VM_COW_SHARED else 0
            last = out[-1] if out else None
            if last and last[1] == va and last[2] == lie.kind and last[4] == user_prot(prot) \
                    and last[3] == refs:
                last[1] = va + PAGE
            else:
                out.append([va, va + PAGE, lie.kind, refs, user_prot(prot)])
    return out


def range_line(r):
    start, end, kind, refs, prot = r
    rights = ("r" if prot & 1 else "-") + ("w" if prot & 2 else "-") + ("x" if prot & 4 else "-")
    line = "  %08x-%08x %s %6u KiB  %s" % (start, end - 1, rights, (end - start) // 1024,
                                          lies.NAMES[kind])
    return line + (" (%u owners)" % refs if kind == lies.VM_COW_SHARED else "")


def lines(proc):
    rs = ranges(proc.slot)
    regs = regions.Regions(proc.slot)
    return ["address space of pid %d (%d ranges):" % (proc.pid, len(rs)),
            "  (slot %d; %d region records %s)" % (proc.slot, regs.count, regs.where())] + \
        [range_line(r) for r in rs]
