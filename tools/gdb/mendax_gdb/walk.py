# tools/gdb/mendax_gdb/walk.py - what a port's table walk hands back: each
# level's raw descriptor decoded field by field, and the page it ends at
# (unmapped, a swap entry naming its slot, the zero table, or a mapped
# frame with neutral protection bits). Port-neutral; arch_x86.py and arch_arm.py fill it in.

# mm/vmm.h's protection bits (the same values as PROT_* for R/W/X).
VMM_READ, VMM_WRITE, VMM_EXEC, VMM_USER, VMM_DEVICE = 0x1, 0x2, 0x4, 0x8, 0x10

# mm/vmm.h's page kinds, as arch_vmm_query reports them.
UNMAPPED, ZERO_TABLE, MAPPED, SWAPPED = "unmapped", "zero-table", "mapped", "swapped"


class Level:
    """One descriptor: the table it sits in, its index and raw value, its
    decoder (raw -> (name, text) pairs, called only when printed: a vmmap
    walks thousands of entries) and what it leads to."""

    def __init__(self, name, table_pa, index, raw, decoder, leads_to):
        self.name, self.table_pa, self.index, self.raw = name, table_pa, index, raw
        self.decoder, self.leads_to = decoder, leads_to

    def lines(self):
        fields = " ".join("%s=%s" % f for f in self.decoder(self.raw))
        return ["  %-3s table pa %#010x [%4d] at pa %#010x = %#010x"
                % (self.name, self.table_pa, self.index, self.table_pa + self.index * 4, self.raw),
                "      %s" % fields,
                "      -> %s" % self.leads_to]


class Walk:
    """The walk of va in one address space (slot)."""

    def __init__(self, slot, va):
        self.slot, self.va = slot, va
        self.levels = []
        self.kind = UNMAPPED
        self.frame = 0        # the page's frame (4 KiB aligned) when mapped or on the zero table
        self.page_size = 4096
        self.prot = 0         # VMM_* bits of the final entry
        self.swap_slot = 0    # SWAPPED: the slot its entry names

    def swapped(self, slot):
        self.kind, self.swap_slot = SWAPPED, slot
        return self

    @property
    def has_frame(self):
        return self.kind in (MAPPED, ZERO_TABLE)

    @property
    def pa(self):
        return self.frame + (self.va & (self.page_size - 1))

    def prot_text(self):
        p = self.prot
        return "%s%s%s%s%s" % ("r" if p & VMM_READ else "-", "w" if p & VMM_WRITE else "-",
                               "x" if p & VMM_EXEC else "-", " user" if p & VMM_USER else " kernel",
                               " device" if p & VMM_DEVICE else "")
