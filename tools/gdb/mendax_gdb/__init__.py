# tools/gdb/mendax_gdb - the mendax gdb extension's modules (loaded by
# tools/gdb/mendax.py). Everything is computed from the kernel's symbols
# and guest memory; nothing here asks the running kernel to do anything.
