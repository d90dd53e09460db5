# tools/gdb/mendax_gdb/target.py - how the extension reads the guest: the
# kernel's symbols (static ones too, by file), words of virtual memory, and
# physical memory - through the kernel's direct map (KERNEL_VIRT_BASE + pa,
# arch/*/mm/direct_map.c) by default, or through QEMU's physical-memory
# mode of its gdbstub ("maint packet Qqemu.PhyMemMode:1"). Both work on
# Debian 12's QEMU 7.2 for i386 and raspi2b (docs/debugging.md).
import struct
import gdb


class MendaxError(Exception):
    """A state the extension cannot read or decode (reported, never a trace)."""


# Values read from the guest are kept until it runs again (the next stop):
# a vmmap classifies thousands of pages against the same few symbols.
MEMO = {}


def memo(fn):
    def cached(*args):
        key = (fn.__name__,) + args
        if key not in MEMO:
            MEMO[key] = fn(*args)
        return MEMO[key]
    cached.__doc__ = fn.__doc__
    return cached


@memo
def value(expr):
    """A symbol or expression of the kernel, as a gdb.Value."""
    try:
        return gdb.parse_and_eval(expr)
    except gdb.error as e:
        raise MendaxError("cannot evaluate %s: %s" % (expr, e))


def static(filename, name):
    """A file-static variable (e.g. mm/pmm.c's pmm), by its DWARF file name."""
    return value("'%s'::%s" % (filename, name))


@memo
def uint(expr):
    return int(value(expr)) & 0xffffffff


@memo
def symbol_address(name):
    """The address of a symbol, also of an absolute one from the linker
    script (KERNEL_VIRT_BASE)."""
    return int(value("(unsigned long)&%s" % name)) & 0xffffffff


def has_symbol(name):
    return gdb.lookup_global_symbol(name) is not None or \
        gdb.lookup_static_symbol(name) is not None or \
        gdb.lookup_symbol(name)[0] is not None


def read_virt(va, size):
    """Bytes of the guest at a virtual address, through the current MMU."""
    try:
        return bytes(gdb.selected_inferior().read_memory(va, size))
    except gdb.MemoryError as e:
        raise MendaxError("cannot read %d bytes at va %#010x: %s" % (size, va, e))


def words(raw):
    return list(struct.unpack("<%dI" % (len(raw) // 4), raw))


class Phys:
    """Physical memory. mode "direct": through the direct map (RAM below
    arch_vmm_direct_map_end); mode "qemu": QEMU's physical-memory mode,
    switched on for each read and off again so gdb's own view (stack,
    code) stays virtual."""

    def __init__(self):
        self.mode = "direct"
        self.cache = {}

    def forget(self):
        self.cache = {}

    def _direct(self, pa, size):
        base, end = symbol_address("KERNEL_VIRT_BASE"), uint("arch_vmm_direct_map_end")
        if pa + size > end:
            raise MendaxError("pa %#010x is above the direct map (ends at %#010x); "
                              "try 'mendax phys qemu'" % (pa, end))
        return read_virt(base + pa, size)

    def _qemu(self, pa, size):
        gdb.execute("maint packet Qqemu.PhyMemMode:1", to_string=True)
        try:
            return read_virt(pa, size)
        finally:
            gdb.execute("maint packet Qqemu.PhyMemMode:0", to_string=True)

    def read(self, pa, size):
        """Bytes at pa; whole aligned blocks are cached until the next stop."""
        key = (pa, size)
        if key not in self.cache:
            reader = self._qemu if self.mode == "qemu" else self._direct
            self.cache[key] = reader(pa, size)
        return self.cache[key]

    def table(self, pa, entries):
        """A translation table of 32-bit entries at pa (cached decoded)."""
        key = ("table", pa, entries)
        if key not in self.cache:
            self.cache[key] = words(self.read(pa, entries * 4))
        return self.cache[key]

    def word(self, pa):
        return words(self.read(pa & ~3, 4))[0]


PHYS = Phys()


def on_stop(_event):
    PHYS.forget()
    MEMO.clear()


gdb.events.stop.connect(on_stop)


@memo
def port():
    """"x86" or "arm", from the symbols each port's MMU backend defines."""
    if has_symbol("x86_pd_phys"):
        return "x86"
    if has_symbol("arm_spaces"):
        return "arm"
    raise MendaxError("no mendax kernel symbols (load build/<arch>/kernel.elf)")
