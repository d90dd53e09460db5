# tools/gdb/mendax_gdb/lies.py - which lie a walked page is, decided the
# way kernel/introspect.c's page_kind decides it: a list of classifiers
# tried in order, the first that recognises the page wins. A new kind
# (a swapped page: an invalid entry carrying a swap slot; a file page:
# a frame the page cache owns) is one more function with @classifier,
# placed before the ones it must take precedence over.
from . import frames, target
from .walk import UNMAPPED, ZERO_TABLE

# kernel/syscall_nr.h's enum mendax_vmkind, and user/bin/vmmap.c's words.
VM_UNMAPPED, VM_ZERO_PAGE, VM_ZERO_TABLE, VM_PRIVATE, VM_COW_SHARED = range(5)
VM_KERNEL = -1   # gdb only: a kernel mapping (not in any user vmmap)
NAMES = {VM_UNMAPPED: "not yet touched (unmapped)", VM_ZERO_PAGE: "zero page (read-only, shared)",
         VM_ZERO_TABLE: "zero table (no RAM at all)", VM_PRIVATE: "private frame",
         VM_COW_SHARED: "copy-on-write shared", VM_KERNEL: "kernel mapping"}


class Lie:
    def __init__(self, kind, refs=0):
        self.kind, self.refs = kind, refs

    def text(self):
        t = NAMES[self.kind]
        if self.kind == VM_COW_SHARED:
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
def unmapped(w):
    return Lie(VM_UNMAPPED) if w.kind == UNMAPPED else None


@classifier
def kernel(w):
    return Lie(VM_KERNEL) if w.va >= target.uint("arch_vmm_user_end") else None


@classifier
def zero_page(w):
    return Lie(VM_ZERO_PAGE) if w.frame == frames.zero_page() else None


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
