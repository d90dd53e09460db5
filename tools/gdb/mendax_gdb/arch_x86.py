# tools/gdb/mendax_gdb/arch_x86.py - the x86 port's tables as gdb sees
# them: two-level 32-bit paging without PAE (SDM Vol. 3A 4.3, tables 4-4
# to 4-6). Each slot's directory is x86_pd_phys[slot] (also mapped for
# good in the PD region, docs/memory-layout.md); page tables are read by
# physical address; the zero table is x86_zero_table_pa. A swap entry
# (arch/x86/mm/pte.h) is a PTE with P = 0, the AVL bit 9 set and the slot
# in bits 31:12.
from . import target
from .walk import Level, Walk, MAPPED, ZERO_TABLE
from .walk import VMM_READ, VMM_WRITE, VMM_EXEC, VMM_USER, VMM_DEVICE

P, RW, US, PWT, PCD, A, D, PS, G = 0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100
ADDR = 0xfffff000
SWAP_MARK, SWAP_SHIFT = 0x200, 12   # arch/x86/mm/pte.h X86_SWAP, X86_SWAP_SHIFT


def is_swap(e):
    return e & (P | SWAP_MARK) == SWAP_MARK


def top_table(slot):
    """Physical address of slot's page directory (0: no space)."""
    return target.uint("x86_pd_phys[%d]" % slot)


def zero_table():
    return target.uint("x86_zero_table_pa")


def entry_fields(e, is_pde):
    """Every bit of a PDE or PTE, by its SDM name."""
    f = [("P", "1" if e & P else "0")]
    if not e & P:
        if is_swap(e) and not is_pde:
            return f + [("swap", "slot %d" % (e >> SWAP_SHIFT))]
        return f + [("software", "%#x" % (e >> 1))]
    f += [("RW", "1 (writable)" if e & RW else "0 (read-only)"),
          ("US", "1 (user)" if e & US else "0 (supervisor)"),
          ("PWT", str(e >> 3 & 1)), ("PCD", str(e >> 4 & 1)), ("A", str(e >> 5 & 1))]
    if not is_pde or e & PS:
        f.append(("D", str(e >> 6 & 1)))
    if is_pde:
        f.append(("PS", "1 (4 MiB page)" if e & PS else "0 (page table)"))
    if not is_pde or e & PS:
        f.append(("G", str(e >> 8 & 1)))
    f.append(("avail", str(e >> 9 & 7)))
    f.append(("addr", "%#010x" % (e & (0xffc00000 if is_pde and e & PS else ADDR))))
    return f


def pde_fields(e):
    return entry_fields(e, True)


def pte_fields(e):
    return entry_fields(e, False)


def entry_prot(e):
    """As arch/x86/mm/pte.h's x86_pte_decode: READ and EXEC are implicit."""
    p = VMM_READ | VMM_EXEC
    p |= VMM_WRITE if e & RW else 0
    p |= VMM_USER if e & US else 0
    p |= VMM_DEVICE if e & PCD else 0
    return p


def walk(slot, va):
    w = Walk(slot, va)
    pd = top_table(slot)
    if not pd:
        raise target.MendaxError("slot %d has no page directory" % slot)
    i = va >> 22
    pde = target.PHYS.table(pd, 1024)[i]
    zt = zero_table()
    if not pde & P:
        w.levels.append(Level("PDE", pd, i, pde, pde_fields, "nothing (not present)"))
        return w
    if pde & PS:
        w.levels.append(Level("PDE", pd, i, pde, pde_fields, "a 4 MiB page"))
        w.kind, w.frame, w.page_size, w.prot = MAPPED, pde & 0xffc00000, 4 << 20, entry_prot(pde)
        return w
    pt = pde & ADDR
    what = "the zero table (shared, read-only)" if pt == zt else "page table at pa %#010x" % pt
    w.levels.append(Level("PDE", pd, i, pde, pde_fields, what))
    j = va >> 12 & 1023
    pte = target.PHYS.table(pt, 1024)[j]
    if not pte & P:
        swap = is_swap(pte) and pt != zt
        w.levels.append(Level("PTE", pt, j, pte, pte_fields, "swap slot %d (not present)"
                              % (pte >> SWAP_SHIFT) if swap else "nothing (not present)"))
        return w.swapped(pte >> SWAP_SHIFT) if swap else w
    w.levels.append(Level("PTE", pt, j, pte, pte_fields,
                          "frame at pa %#010x" % (pte & ADDR)))
    w.kind = ZERO_TABLE if pt == zt else MAPPED
    w.frame, w.prot = pte & ADDR, entry_prot(pte)
    return w


def table_frames(slot):
    """The frames slot's translation tables use: (pa, what) pairs."""
    pd = top_table(slot)
    out = [(pd, "page directory")]
    zt = zero_table()
    user_pdes = target.uint("arch_vmm_user_end") >> 22
    for i, pde in enumerate(target.PHYS.table(pd, 1024)[:user_pdes]):
        if pde & P and not pde & PS and pde & ADDR != zt:
            out.append((pde & ADDR, "page table of %#010x-%#010x" % (i << 22, ((i + 1) << 22) - 1)))
    return out


def user_pages(slot):
    """(va, frame, writable) of every present user PTE in slot's private tables."""
    pd = top_table(slot)
    zt = zero_table()
    user_pdes = target.uint("arch_vmm_user_end") >> 22
    for i, pde in enumerate(target.PHYS.table(pd, 1024)[:user_pdes]):
        if not pde & P or pde & PS or pde & ADDR == zt:
            continue
        for j, pte in enumerate(target.PHYS.table(pde & ADDR, 1024)):
            if pte & P:
                yield (i << 22) | (j << 12), pte & ADDR, (pte & RW) != 0
