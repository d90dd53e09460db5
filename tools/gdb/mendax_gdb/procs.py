# tools/gdb/mendax_gdb/procs.py - the process table (kernel/proc.c's
# procs[], one entry per address-space slot, and idle_proc in slot 0).
import gdb
from . import target


class Proc:
    def __init__(self, v, current):
        self.pid = int(v["pid"])
        self.slot = int(v["slot"])
        self.state = str(v["state"])
        parent = v["parent"]
        self.ppid = int(parent["pid"]) if int(parent) else 0
        self.name = v["name"].string(length=16).split("\0")[0] or "-"
        self.current = int(v.address) == current

    @property
    def letter(self):
        """ps's letter (kernel/introspect.c): Z, S, or R for running and runnable."""
        return {"P_ZOMBIE": "Z", "P_SLEEPING": "S", "P_FREE": "-"}.get(self.state, "R")


@target.memo
def all_procs():
    """Slot 0's idle process, then every slot below slot_bound with a process."""
    table = target.static("kernel/proc.c", "procs")
    current = int(target.static("kernel/proc.c", "current"))
    bound = int(target.static("kernel/proc.c", "slot_bound"))
    pointers = target.words(target.read_virt(int(table.address), bound * 4))
    out = [Proc(target.static("kernel/proc.c", "idle_proc"), current)]
    for p in pointers[1:]:
        if p:
            out.append(Proc(gdb.Value(p).cast(table.type.target()).dereference(), current))
    return out


def live_slots():
    """Slots whose address space exists (zombies' are already gone)."""
    return [p.slot for p in all_procs() if p.state != "P_ZOMBIE"]


def by_pid(pid):
    for p in all_procs():
        if p.pid == pid:
            return p
    raise target.MendaxError("no process with pid %d" % pid)


def current():
    for p in all_procs():
        if p.current:
            return p
    raise target.MendaxError("no current process")


def resolve(arg):
    """The process an optional PID argument names (default: the current one)."""
    return by_pid(int(arg, 0)) if arg else current()
