#!/usr/bin/env bash
# Proves on the built objects that the layers below the kernel heap never
# call it: no undefined reference to kmalloc, kfree or any kheap_* symbol
# in the PMM, the generic VMM, boot memory setup, or the arch MMU backend.
#   check-heap-independence.sh NM BUILD_DIR ARCH
# As a control, it also checks that nm does see such references where
# they exist (kernel/main.o calls kheap_init), so a broken nm cannot pass.
set -uo pipefail
nm_tool=$1 build=$2 arch=$3
heap_re='^(kmalloc|kfree|kzalloc|krealloc|kheap_[A-Za-z0-9_]+)$'

objs=("$build/mm/pmm.o" "$build/mm/boot_mem.o" "$build/mm/tlbcheck.o" "$build/mm/pcache.o")
objs+=($(ls "$build"/mm/vmm*.o 2>/dev/null))
objs+=($(ls "$build"/arch/"$arch"/mm/*.o 2>/dev/null))

fail=0
for o in "${objs[@]}"; do
	if [ ! -f "$o" ]; then
		echo "  missing object $o"
		fail=1
		continue
	fi
	bad=$("$nm_tool" -u "$o" | awk '{print $NF}' | grep -E "$heap_re")
	if [ -n "$bad" ]; then
		echo "  $o calls the heap: $(echo $bad)"
		fail=1
	fi
done

control=$("$nm_tool" -u "$build/kernel/main.o" 2>/dev/null | awk '{print $NF}' | grep -cE "$heap_re")
if [ "$control" = 0 ]; then
	echo "  control failed: nm found no heap reference in kernel/main.o"
	fail=1
fi

name="$arch: pmm, vmm and arch mm never call the heap (${#objs[@]} objects)"
if [ "$fail" = 0 ]; then
	echo "ok - $name"
else
	echo "FAIL - $name"
fi
exit $fail
