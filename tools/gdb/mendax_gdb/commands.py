# tools/gdb/mendax_gdb/commands.py - the "mendax" gdb commands: ps, pte,
# vmmap, frame, phys. Each prints what the modules compute; a state that
# cannot be read is one error line, never a Python trace.
import gdb
from . import target, procs, vmmap, frames, lies
from .port import arch


def pte_lines(va, proc):
    w = arch().walk(proc.slot, va)
    out = ["va %#010x in pid %d (slot %d, %s)" % (va, proc.pid, proc.slot, target.port())]
    for level in w.levels:
        out += level.lines()
    lie = lies.classify(w)
    if w.has_frame:
        out.append("  pa: %#010x (frame %#010x, %d KiB page)" % (w.pa, w.frame, w.page_size // 1024))
        out.append("  rights: %s" % w.prot_text())
    out.append("  lie: %s" % lie.text())
    return out


def ps_lines():
    out = ["  PID  PPID SLOT STATE        NAME"]
    for p in procs.all_procs():
        out.append("%s%4d %5d %4d %-12s %s" % ("*" if p.current else " ", p.pid, p.ppid, p.slot,
                                             "%s (%s)" % (p.state[2:], p.letter), p.name))
    return out


def run(fn):
    """Runs a command body, printing its lines or its one error line."""
    try:
        for line in fn():
            gdb.write(line + "\n")
    except (target.MendaxError, ValueError) as e:
        gdb.write("mendax: %s\n" % e)
    except gdb.MemoryError as e:   # before paging is on, the kernel's addresses read nothing
        gdb.write("mendax: %s (is the MMU on yet? stop after vmm_init, e.g. 'break proc_start')\n"
                  % e)


class Mendax(gdb.Command):
    """mendax ps | pte ADDR [PID] | vmmap [PID] | frame PA | phys [direct|qemu]
The lies of mendax's memory manager, read from guest memory (docs/debugging.md)."""

    def __init__(self):
        super().__init__("mendax", gdb.COMMAND_DATA, prefix=True)


class Ps(gdb.Command):
    """mendax ps: the processes (pid, parent, slot, state, name; * = current)."""

    def __init__(self):
        super().__init__("mendax ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        run(ps_lines)


class Pte(gdb.Command):
    """mendax pte ADDR [PID]: ADDR's walk through PID's tables (default: the current process)."""

    def __init__(self):
        super().__init__("mendax pte", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if not 1 <= len(args) <= 2:
            gdb.write("usage: mendax pte ADDR [PID]\n")
            return
        va = int(gdb.parse_and_eval(args[0])) & 0xffffffff
        run(lambda: pte_lines(va, procs.resolve(args[1] if len(args) > 1 else None)))


class Vmmap(gdb.Command):
    """mendax vmmap [PID]: what each range of PID's address space really is."""

    def __init__(self):
        super().__init__("mendax vmmap", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        run(lambda: vmmap.lines(procs.resolve(arg.strip() or None)))


class Frame(gdb.Command):
    """mendax frame PA: the frame database record of PA's frame, and its owners."""

    def __init__(self):
        super().__init__("mendax frame", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            gdb.write("usage: mendax frame PA\n")
            return
        pa = int(gdb.parse_and_eval(arg)) & 0xffffffff
        run(lambda: frames.describe(pa))


class Phys(gdb.Command):
    """mendax phys [direct|qemu]: how physical memory is read - through the
kernel's direct map (default) or QEMU's physical-memory mode."""

    def __init__(self):
        super().__init__("mendax phys", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        mode = arg.strip()
        if mode:
            if mode not in ("direct", "qemu"):
                gdb.write("usage: mendax phys [direct|qemu]\n")
                return
            target.PHYS.mode = mode
            target.PHYS.forget()
        gdb.write("mendax: physical memory read through %s\n" % (
            "the direct map" if target.PHYS.mode == "direct" else "QEMU's PhyMemMode"))


def register():
    for cls in (Mendax, Ps, Pte, Vmmap, Frame, Phys):
        cls()
