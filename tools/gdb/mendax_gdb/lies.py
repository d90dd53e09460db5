# tools/gdb/mendax_gdb/lies.py - which lie a walked page is, decided the
# way kernel/introspect.c's page_kind decides it: a list of classifiers
# tried in order, the first that recognises the page wins. A new kind is
# one more function with @classifier, placed before the ones it must take
# precedence over. Pages of anonymous memory only: file regions' kinds
# (VM_FILE_*) are not decoded here yet (docs/debugging.md).
from . import frames, target
from .walk import UNMAPPED, ZERO_TABLE, SWAPPED

# kernel/syscall_nr.h's enum mendax_vmkind, and user/bin/vmmap.c's words.
(VM_UNMAPPED, VM_ZERO_PAGE, VM_ZERO_TABLE, VM_PRIVATE, VM_COW_SHARED, VM_FILE_UNREAD,
 VM_FILE_CACHED, VM_FILE_MAPPED, VM_FILE_DIRTY, VM_FILE_PRIVATE, VM_SWAPPED,
 VM_SWAP_CACHED) = range(12)
VM_KERNEL = -1   # gdb only: a kernel mapping (not in any user vmmap)
NAMES = {VM_UNMAPPED: "not yet touched (unmapped)", VM_ZERO_PAGE: "zero page (read-only, shared)",
         VM_ZERO_TABLE: "zero table (no RAM at all)", VM_PRIVATE: "private frame",
         VM_COW_SHARED: "copy-on-write shared", VM_SWAPPED: "swapped",
         VM_SWAP_CACHED: "swap-cached frame", VM_KERNEL: "kernel mapping"}
OWNED = (VM_COW_SHARED, VM_SWAP_CACHED)   # kinds whose text names the frame's owners
ON_SWAP = (VM_SWAPPED, VM_SWAP_CACHED)    # kinds whose text names a slot


class Lie:
    def __init__(self, kind, refs=0, slot=0):
        self.kind, self.refs, self.slot = kind, refs, slot

    def text(self):
        t = NAMES[self.kind]
        if self.kind in ON_SWAP:
            t += " (slot %d)" % self.slot
        if self.kind in OWNED:
            t += " (%d owners)" % self.refs
        elif self.kind == VM_PRIVATE:
            t += " (refcount %d)" % self.refs
        return t


CLASSIFIERS = []


def classifier(fn):
    CLASSIFIERS.append(fn)
    return fn


@classifier
def zero_table(w):
    return Lie(VM_ZERO_TABLE) if w.kind == ZERO_TABLE else None


@classifier
def swapped(w):
    return Lie(VM_SWAPPED, 0, w.swap_slot) if w.kind == SWAPPED else None


@classifier
def unmapped(w):
    return Lie(VM_UNMAPPED) if w.kind == UNMAPPED else None


@classifier
def kernel(w):
    return Lie(VM_KERNEL) if w.va >= target.uint("arch_vmm_user_end") else None


@classifier
def zero_page(w):
    return Lie(VM_ZERO_PAGE) if w.frame == frames.zero_page() else None


@classifier
def swap_cached(w):
    """An anonymous frame the page cache owns is the swap cache's (as
    introspect.c's swap_kind says): its index is the slot."""
    c = frames.cached(w.frame)
    return Lie(VM_SWAP_CACHED, frames.refcount(w.frame), c[1]) if c else None


@classifier
def cow_shared(w):
    refs = frames.refcount(w.frame)
    return Lie(VM_COW_SHARED, refs) if refs > 1 else None


@classifier
def private(w):
    return Lie(VM_PRIVATE, frames.refcount(w.frame))


def classify(w):
    for fn in CLASSIFIERS:
        lie = fn(w)
        if lie:
            return lie
    raise target.MendaxError("no classifier took va %#010x" % w.va)
