# tools/gdb/mendax_gdb/regions.py - a slot's region records (mm/vmm_region.c):
# sorted (start, end, prot) records, the first 6 inline in .bss, past that
# in the slot's window of the metadata range; records_of[slot] says where
# they are now, tables[slot] how many and how many window pages back them.
from . import target

FILE = "mm/vmm_region.c"


class Regions:
    def __init__(self, slot):
        t = target.static(FILE, "tables")[slot]
        self.count, self.pages = int(t["count"]), int(t["pages"])
        recs = target.static(FILE, "records_of")[slot]
        self.base = int(recs) & 0xffffffff
        self.records = [(int(recs[i]["start"]), int(recs[i]["end"]), int(recs[i]["prot"]))
                        for i in range(self.count)]

    def where(self):
        if not self.pages:
            return "inline in .bss at %#010x" % self.base
        return "in the metadata window at %#010x (%d page%s)" % (
            self.base, self.pages, "" if self.pages == 1 else "s")

    def window_pages(self):
        """Kernel virtual addresses of the window pages in use."""
        return [self.base + i * 4096 for i in range(self.pages)]
