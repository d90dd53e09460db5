#!/usr/bin/env bash
# Proves the layering check (scripts/check-layering.py) can fail: tiny
# "mm", "kernel" and "fs" objects (tests/layering/), compiled with the
# port's compiler, grouped into cases the check must refuse with the
# offending path, and one it must accept (the pager called through a
# pointer fs/ hands over, docs/layering.md).
#   check-layering-fixtures.sh CC OBJDUMP ARCH OUTDIR [CFLAGS...]
set -uo pipefail
cc=$1 objdump=$2 arch=$3 out=$4
shift 4
src=tests/layering
fail=0

compile() {	# compile rel-path [flags]: $src/rel.c -> $out/rel.o
	local rel=$1
	shift
	mkdir -p "$out/$(dirname "$rel")"
	if ! "$cc" "$@" -c -o "$out/$rel.o" "$src/$rel.c"; then
		echo "FAIL - $arch: layering fixture $src/$rel.c does not compile"
		fail=1
	fi
}
rm -rf "$out"
for f in mm/kheap mm/fault mm/hook mm/pagein mm/pager_call kernel/helper_heap \
	kernel/helper_clean fs/pager; do
	compile "$f" -O2 -ffreestanding -fno-builtin -Wall -Werror "$@"
done
thumb=()
[ "$arch" = arm ] && thumb=(-mthumb)	# this one's calls are R_ARM_THM_CALL
compile kernel/helper_static -O2 -ffreestanding -Wall -Werror "$@" "${thumb[@]}"

# run-case name expect-status expected-line [--allow file] objects...
run_case() {
	local name=$1 status=$2 want=$3 log allow=()
	shift 3
	if [ "$1" = --allow ]; then
		allow=(--allow "$2")
		shift 2
	fi
	log=$(python3 scripts/check-layering.py --objdump "$objdump" --base "$out" \
		--label "fixture $name" "${allow[@]}" "${@/#/$out/}" 2>&1)
	local got=$?
	if [ "$got" = "$status" ] && grep -qF -- "$want" <<<"$log"; then
		echo "ok - $arch: layering fixture '$name': exit $got, reports \"$want\""
	else
		echo "FAIL - $arch: layering fixture '$name': exit $got (want $status), \"$want\" expected in:"
		sed 's/^/    /' <<<"$log"
		fail=1
	fi
}
run_case clean 0 "ok - fixture clean" \
	mm/fault.o kernel/helper_clean.o mm/pager_call.o fs/pager.o mm/kheap.o
run_case heap-by-call 1 "reaches the heap: vmm_fault -> helper_x -> kmalloc" \
	mm/fault.o kernel/helper_heap.o mm/kheap.o
run_case heap-by-address 1 \
	"reaches the heap: vmm_hook_init -> helper_y -> release_all[kernel/helper_static.o] -> kfree" \
	mm/hook.o kernel/helper_static.o mm/kheap.o
run_case names-fs 1 "mm/pagein.o names a symbol of fs/: vmm_page_in -> fs_get_page" \
	mm/pagein.o fs/pager.o mm/kheap.o
# An allowed edge is not followed; one that no longer exists fails.
echo "helper_x -> kmalloc  # the fixture's excuse" >"$out/allowed.txt"
run_case allowed-edge 0 "allowed edge, not followed: helper_x -> kmalloc" \
	--allow "$out/allowed.txt" mm/fault.o kernel/helper_heap.o mm/kheap.o
run_case stale-allowed-edge 1 "allowed edge helper_x -> kmalloc is not in the graph" \
	--allow "$out/allowed.txt" mm/fault.o kernel/helper_clean.o mm/kheap.o
exit $fail
