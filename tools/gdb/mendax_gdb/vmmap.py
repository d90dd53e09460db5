# tools/gdb/mendax_gdb/vmmap.py - the table kernel/introspect.c's
# introspect_vmmap makes (and user/bin/vmmap prints), computed from guest
# memory: every page of every region classified, runs of one kind, rights
# (and owner count, for shared frames) merged into one range.
from . import lies, regions
from .port import arch

PAGE = 4096


def user_prot(prot):
    return prot & 7   # VMM_READ/WRITE/EXEC are PROT_READ/WRITE/EXEC


def continues(last, va, lie, prot):
    """As introspect.c's continues: same kind and rights, the same owners
    where the kind counts them, and on swap the next slot."""
    start, end, kind, refs, rprot, slot = last
    if end != va or kind != lie.kind or rprot != prot:
        return False
    if kind in lies.ON_SWAP and slot + (va - start) // PAGE != lie.slot:
        return False
    return kind not in lies.OWNED or refs == lie.refs


def ranges(slot):
    """[start, end, kind, refs, prot, swap slot] lists, as the vmmap system
    call gives them (refs only for kinds that count owners)."""
    out = []
    for start, end, prot in regions.Regions(slot).records:
        for va in range(start, end, PAGE):
            lie = lies.classify(arch().walk(slot, va))
            refs = lie.refs if lie.kind in lies.OWNED else 0
            if out and continues(out[-1], va, lie, user_prot(prot)):
                out[-1][1] = va + PAGE
            else:
                out.append([va, va + PAGE, lie.kind, refs, user_prot(prot), lie.slot])
    return out


def range_line(r):
    start, end, kind, refs, prot, slot = r
    rights = ("r" if prot & 1 else "-") + ("w" if prot & 2 else "-") + ("x" if prot & 4 else "-")
    line = "  %08x-%08x %s %6u KiB  %s" % (start, end - 1, rights, (end - start) // 1024,
                                          lies.NAMES[kind])
    pages = (end - start) // PAGE
    if kind in lies.ON_SWAP:   # as user/bin/vmmap.c prints them
        line += " (slot %u)" % slot if pages == 1 else " (slots %u-%u)" % (slot, slot + pages - 1)
    return line + (" (%u owners)" % refs if kind in lies.OWNED else "")


def lines(proc):
    rs = ranges(proc.slot)
    regs = regions.Regions(proc.slot)
    return ["address space of pid %d (%d ranges):" % (proc.pid, len(rs)),
            "  (slot %d; %d region records %s)" % (proc.slot, regs.count, regs.where())] + \
        [range_line(r) for r in rs]
