# scripts/gdb-check-drive.py - the gdb half of scripts/gdb-check.sh, run
# inside gdb-multiarch -batch after tools/gdb/mendax.py. Connects to the
# stopped QEMU, waits for user/bin/gdbprobe's vmmap(self, buf, 251) call
# in introspect_vmmap, and there writes what the extension says - ps, both
# vmmaps, the walk of every probe address the program printed (through the
# direct map, then again through QEMU's physical-memory mode), the frame
# record of each mapped probe - to MENDAX_GDB_OUT. Then lets the kernel
# run to its end. MENDAX_GDB_MISTAKE=1 makes the decoder misread the write
# permission bit on purpose, to show the check can fail.
import os
import re
import gdb

out = open(os.environ["MENDAX_GDB_OUT"], "w")
serial = os.environ["MENDAX_GDB_SERIAL"]


def emit(cmd, label=None):
    out.write("(gdb) %s\n" % (label or cmd))
    out.write(gdb.execute(cmd, to_string=True))


def inject_mistake():
    from mendax_gdb import arch_x86, arch_arm
    arch_x86.RW = arch_x86.US          # x86: "writable" read from the US bit
    arch_arm.SMALL["ap2"] = 8          # ARM: AP[2] read from bit 8 (TEX[2])


def probes():
    """(pid, va) of every "gdbprobe: probe" line printed before the stop."""
    found = []
    with open(serial, errors="replace") as f:
        for line in f:
            m = re.match(r"gdbprobe: probe (\d+) ([0-9a-f]+) ", line)
            if m:
                found.append((int(m.group(1)), int(m.group(2), 16)))
    return found


gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("target remote 127.0.0.1:%s" % os.environ["MENDAX_GDB_PORT"], to_string=True)
if os.environ.get("MENDAX_GDB_MISTAKE"):
    inject_mistake()
gdb.execute("break introspect_vmmap if max == 251", to_string=True)
gdb.execute("continue", to_string=True)
stop = gdb.selected_frame()
out.write("stopped in %s\n" % stop.name())
pids = sorted({pid for pid, _ in probes()})
emit("mendax ps")
for pid in pids:
    emit("mendax vmmap %d" % pid)
for pid, va in probes():
    emit("mendax pte %#x %d" % (va, pid))
emit("mendax phys qemu")
for pid, va in probes():
    emit("mendax pte %#x %d" % (va, pid), "mendax pte %#x %d [phys qemu]" % (va, pid))
emit("mendax phys direct")
for pid, va in probes():
    text = gdb.execute("mendax pte %#x %d" % (va, pid), to_string=True)
    m = re.search(r"frame (0x[0-9a-f]+)", text.split("  pa:")[-1]) if "  pa:" in text else None
    if m:
        emit("mendax frame %s" % m.group(1))
out.write("end of gdb view\n")
out.close()
gdb.execute("delete")
try:
    gdb.execute("continue", to_string=True)
except gdb.error:
    pass   # the remote end closes when the kernel exits the emulator
