# tools/gdb/mendax.py - the mendax gdb extension: "mendax ps", "mendax pte
# ADDR [PID]", "mendax vmmap [PID]", "mendax frame PA", "mendax phys".
# Load with gdb-multiarch -x tools/gdb/mendax.py build/<arch>/kernel.elf
# (make debug prints the command). Works on both ports from the kernel's
# symbols and guest memory alone; docs/debugging.md explains the output.
import os
import sys

sys.dont_write_bytecode = True   # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(os.path.expanduser(__file__))))

from mendax_gdb import commands  # noqa: E402

commands.register()
