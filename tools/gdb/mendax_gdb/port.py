# tools/gdb/mendax_gdb/port.py - picks the port's table module (x86 or
# ARM) from the symbols of the loaded kernel, so the commands never ask
# which architecture they run on.
from . import target, arch_x86, arch_arm


def arch():
    return arch_x86 if target.port() == "x86" else arch_arm
