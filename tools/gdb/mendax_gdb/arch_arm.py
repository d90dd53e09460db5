# tools/gdb/mendax_gdb/arch_arm.py - the ARM port's tables as gdb sees
# them: ARMv7-A short descriptors (ARM ARM B3.5.1), TTBCR.N = 2, so TTBR0
# (each slot's 4 KiB L1 table, arm_spaces[slot].l1, also mapped for good
# in the L1 region) walks 0-1 GiB and the kernel's 16 KiB arm_kernel_l1
# the rest. L2 tables (1 KiB) are read by physical address; the zero
# table is arm_zero_table_pa. TEX remap is off (SCTLR.TRE = 0): TEX/C/B
# are read plainly. The access flag is on (SCTLR.AFE = 1, arch/arm/mm/
# desc.h): AP[0] is the access flag AF and AP[2:1] give the rights in the
# simplified model (B3.7.1). A swap entry is an L2 fault word whose low 12
# bits are 0x5a4, the slot in bits 31:12.
from . import target
from .walk import Level, Walk, MAPPED, ZERO_TABLE
from .walk import VMM_READ, VMM_WRITE, VMM_EXEC, VMM_USER, VMM_DEVICE

TTBR0_SPAN = 1 << 30        # TTBCR.N = 2 (arch/arm/mm/layout.h TTBR0_SPAN)
L2_ENTRIES = 256

# AP[2:1] in the simplified model, SCTLR.AFE = 1 (B3.7.1, table B3-9).
AP_TEXT = {0: "PL1 rw, PL0 none", 1: "PL1 rw, PL0 rw", 2: "PL1 ro, PL0 none", 3: "PL1 ro, PL0 ro"}
SWAP_MARK, SWAP_SHIFT = 0x5a4, 12   # arch/arm/mm/desc.h PTE_SWAP_MARK, PTE_SWAP_SHIFT


def is_swap(e):
    return e & 0xfff == SWAP_MARK


def top_table(slot):
    return target.uint("arm_spaces[%d].l1" % slot)


def kernel_table():
    return target.symbol_address("arm_kernel_l1") - target.symbol_address("KERNEL_VIRT_BASE")


def zero_table():
    return target.uint("arm_zero_table_pa")


def bit(e, n):
    return str(e >> n & 1)


def memory_fields(e, b, c, tex, ap2, ap10, s, ng):
    ap = (e >> ap2 & 1) << 1 | (e >> (ap10 + 1) & 1)
    return [("AP[2:1]", "%s%s (%s)" % (ap >> 1, ap & 1, AP_TEXT[ap])),
            ("AF", bit(e, ap10)),
            ("TEX", format(e >> tex & 7, "03b")), ("C", bit(e, c)), ("B", bit(e, b)),
            ("S", bit(e, s)), ("nG", bit(e, ng))]


def l1_fields(e):
    t = e & 3
    if t == 0:
        return [("type", "00 (fault)")]
    if t == 1:
        return [("type", "01 (page table)"), ("PXN", bit(e, 2)), ("NS", bit(e, 3)),
                ("domain", str(e >> 5 & 15)), ("L2", "%#010x" % (e & ~0x3ff))]
    kind = "supersection" if e >> 18 & 1 else "section"
    return [("type", "1%s (%s)" % (e & 1, kind)), ("PXN", bit(e, 0)), ("XN", bit(e, 4)),
            ("domain", str(e >> 5 & 15))] + memory_fields(e, 2, 3, 12, 15, 10, 16, 17) + \
        [("NS", bit(e, 19)), ("base", "%#010x" % (e & 0xfff00000))]


def l2_fields(e):
    t = e & 3
    if t == 0:
        swap = [("swap", "slot %d" % (e >> SWAP_SHIFT))] if is_swap(e) else []
        return [("type", "00 (fault)")] + swap
    if t == 1:
        return [("type", "01 (large page)"), ("XN", bit(e, 15))] + \
            memory_fields(e, 2, 3, 12, 9, 4, 10, 11) + [("base", "%#010x" % (e & 0xffff0000))]
    return [("type", "1%s (small page)" % (e & 1)), ("XN", bit(e, 0))] + \
        memory_fields(e, 2, 3, 6, 9, 4, 10, 11) + [("base", "%#010x" % (e & 0xfffff000))]


# Bit positions of the permission and type fields: small page, section.
SMALL = {"xn": 0, "ap1": 5, "ap2": 9, "tex0": 6, "c": 3}
SECTION = {"xn": 4, "ap1": 11, "ap2": 15, "tex0": 12, "c": 3}


def memory_prot(e, at):
    """As arch/arm/mm/desc.h's pte_decode (sections read the same way):
    the access flag is no right."""
    def on(name):
        return e >> at[name] & 1
    p = VMM_READ
    p |= VMM_USER if on("ap1") else 0
    p |= VMM_WRITE if not on("ap2") else 0
    p |= VMM_EXEC if not on("xn") else 0
    p |= VMM_DEVICE if not (on("tex0") or on("c")) else 0
    return p


def l2_prot(e):
    return memory_prot(e, SMALL)


def section_prot(e):
    return memory_prot(e, SECTION)


def walk(slot, va):
    w = Walk(slot, va)
    if va < TTBR0_SPAN:
        l1, name = top_table(slot), "L1"
        if not l1:
            raise target.MendaxError("slot %d has no TTBR0 table" % slot)
        entries = 1024
    else:
        l1, name, entries = kernel_table(), "L1k", 4096
    i = va >> 20
    e = target.PHYS.table(l1, entries)[i]
    t = e & 3
    if t == 0:
        w.levels.append(Level(name, l1, i, e, l1_fields, "nothing (fault)"))
        return w
    if t & 2:
        w.levels.append(Level(name, l1, i, e, l1_fields, "a 1 MiB section"))
        w.kind, w.frame, w.page_size, w.prot = MAPPED, e & 0xfff00000, 1 << 20, section_prot(e)
        return w
    l2, zt = e & ~0x3ff, zero_table()
    what = "the zero table (static, read-only)" if l2 == zt else "L2 table at pa %#010x" % l2
    w.levels.append(Level(name, l1, i, e, l1_fields, what))
    j = va >> 12 & (L2_ENTRIES - 1)
    pte = target.PHYS.table(l2, L2_ENTRIES)[j]
    if not pte & 2:
        swap = is_swap(pte) and l2 != zt
        w.levels.append(Level("L2", l2, j, pte, l2_fields, "swap slot %d (fault)"
                              % (pte >> SWAP_SHIFT) if swap else "nothing (fault)"))
        return w.swapped(pte >> SWAP_SHIFT) if swap else w
    w.levels.append(Level("L2", l2, j, pte, l2_fields, "frame at pa %#010x" % (pte & ~0xfff)))
    w.kind = ZERO_TABLE if l2 == zt else MAPPED
    w.frame, w.prot = pte & ~0xfff, l2_prot(pte)
    return w


def _private_l2(slot):
    """(first va, L2 table pa) of slot's private L2 tables."""
    zt = zero_table()
    user_mibs = target.uint("arch_vmm_user_end") >> 20
    for i, e in enumerate(target.PHYS.table(top_table(slot), 1024)[:user_mibs]):
        if e & 3 == 1 and e & ~0x3ff != zt:
            yield i << 20, e & ~0x3ff


def table_frames(slot):
    """The frames slot's translation tables use: (pa, what) pairs. L2
    tables come four to a page (the page of 4 MiB region r)."""
    out = [(top_table(slot), "TTBR0 table"),
           (target.uint("arm_spaces[%d].window" % slot), "L2 window page")]
    seen = set()
    for va, l2 in _private_l2(slot):
        page = l2 & ~0xfff
        if page not in seen:
            seen.add(page)
            r = va >> 22
            out.append((page, "L2 tables of %#010x-%#010x" % (r << 22, ((r + 1) << 22) - 1)))
    return out


def user_pages(slot):
    """(va, frame, writable) of every valid small page in slot's private tables."""
    for base, l2 in _private_l2(slot):
        for j, pte in enumerate(target.PHYS.table(l2, L2_ENTRIES)):
            if pte & 2:
                yield base | (j << 12), pte & ~0xfff, (l2_prot(pte) & VMM_WRITE) != 0
