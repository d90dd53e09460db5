# tools/gdb/mendax_gdb/frames.py - the frame database (mm/pmm.h struct
# pmm_frame, one record per frame from pmm_db_span.base_pfn on) and the owners of
# a frame that can be found from symbols and tables; the page cache's
# record of a frame (mm/pcache.c: one per frame, the swap cache included).
import gdb
from . import target, procs, regions
from .port import arch

STATES = None
MAX_LISTED = 4   # user mappings of one frame listed per process


@target.memo
def _pmm():
    """mm/pmm.h's pmm_db_span: (database address, its first frame number, records)."""
    span = target.value("pmm_db_span")
    return int(span["db"]) & 0xffffffff, int(span["base_pfn"]), int(span["nframes"])


RECORD = None


def _record_type():
    global RECORD
    if RECORD is None:
        RECORD = gdb.lookup_type("struct pmm_frame")
    return RECORD


def state_name(n):
    global STATES
    if STATES is None:
        STATES = {int(f.enumval): f.name for f in gdb.lookup_type("enum frame_state").fields()}
    return STATES.get(n, "state %d" % n)


def record(pa):
    """The frame's record as a dict, or None outside the database."""
    db, base, n = _pmm()
    i = (pa >> 12) - base
    if not db or i < 0 or i >= n:
        return None
    at = db + i * _record_type().sizeof
    r = gdb.Value(at).cast(_record_type().pointer()).dereference()
    return {"index": i, "at": at, "next": int(r["next"]),
            "prev": int(r["prev"]), "refcount": int(r["refcount"]),
            "state": int(r["state"]), "flags": int(r["flags"])}


def refcount(pa):
    """As pmm_refcount: 0 unless the frame is in use."""
    r = record(pa)
    return r["refcount"] if r and state_name(r["state"]) == "FRAME_USED" else 0


# mm/pcache.c's index_flags: the index in the low 20 bits, then flags.
PCACHE_INDEX_MASK, PCACHE_DIRTY = 0x000fffff, 0x00400000


@target.memo
def _pcache():
    pc = target.static("mm/pcache.c", "pc")
    return int(pc["rec"]) & 0xffffffff, int(pc["base_pfn"]), int(pc["nframes"])


@target.memo
def cached(pa):
    """As pcache_frame_info: (object address, index, dirty) when the page
    cache owns the frame, else None."""
    rec, base, n = _pcache()
    i = (pa >> 12) - base
    if not rec or i < 0 or i >= n:
        return None
    r = target.value("((struct pcache_rec *)%#x)[%d]" % (rec, i))
    obj, flags = int(r["obj"]) & 0xffffffff, int(r["index_flags"])
    return (obj, flags & PCACHE_INDEX_MASK, bool(flags & PCACHE_DIRTY)) if obj else None


@target.memo
def swap_cache_object():
    """The swap cache's object (mm/swap_area.h: swap_area.obj)."""
    return target.symbol_address("swap_area.obj")


def cache_owner(pa):
    c = cached(pa)
    if not c:
        return []
    obj, index, dirty = c
    if obj == swap_cache_object():
        return ["the swap cache (slot %d%s)" % (index, ", dirty" if dirty else "")]
    return ["the page cache (object %#010x, page %d%s)" % (obj, index, ", dirty" if dirty else "")]


@target.memo
def zero_page():
    return int(target.static("mm/vmm.c", "vmm_zero_page_pa"))


def _fixed_owners(pa):
    kvb = target.symbol_address("KERNEL_VIRT_BASE")
    db, _, n = _pmm()
    db -= kvb
    found = []
    if pa == zero_page():
        found.append("the zero page")
    if pa == arch().zero_table() & ~0xfff:
        found.append("the zero table")
    if db <= pa < db + n * _record_type().sizeof:
        found.append("the frame database")
    if target.symbol_address("__kernel_start") - kvb <= pa < target.symbol_address("__kernel_end") - kvb:
        found.append("the kernel image")
    return found + cache_owner(pa)


def _space_owners(pa, slot, pid):
    found = ["%s of pid %d (slot %d)" % (what, pid, slot)
             for frame, what in arch().table_frames(slot) if frame == pa]
    users = ["user page of pid %d at %#010x (%s)" % (pid, va, "rw" if writable else "ro")
             for va, frame, writable in arch().user_pages(slot) if frame == pa]
    found += users[:MAX_LISTED]
    if len(users) > MAX_LISTED:   # the zero page: thousands
        found.append("... and %d more user pages of pid %d" % (len(users) - MAX_LISTED, pid))
    regs = regions.Regions(slot)
    for va in regs.window_pages():
        w = arch().walk(slot, va)
        if w.frame == pa:
            found.append("region records of pid %d (window page at %#010x)" % (pid, va))
    return found


def owners(pa):
    """Every owner found: fixed kernel frames, then each live space's."""
    pa &= ~0xfff
    found = _fixed_owners(pa)
    for p in procs.all_procs():
        if p.state != "P_ZOMBIE" and arch().top_table(p.slot):
            found += _space_owners(pa, p.slot, p.pid)
    return found


def describe(pa):
    r = record(pa)
    if r is None:
        return ["frame %#010x: outside the frame database" % pa]
    lines = ["frame %#010x: record %d at %#010x" % (pa & ~0xfff, r["index"], r["at"]),
             "  state %s, refcount %d, flags %#04x" % (state_name(r["state"]), r["refcount"],
                                                    r["flags"])]
    if state_name(r["state"]) == "FRAME_FREE":
        nil = 0xffffffff
        lines.append("  free list: next %s, prev %s" % tuple(
            "-" if x == nil else str(x) for x in (r["next"], r["prev"])))
    found = owners(pa)
    lines += ["  owner: %s" % o for o in found] or ["  owner: none found (kernel heap, "
                                                  "a driver buffer, or not mapped anywhere)"]
    return lines
