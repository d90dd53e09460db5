#!/usr/bin/env bash
# scripts/gdb-check.sh ARCH PASS_STATUS GDB ELF [mistake] -- QEMU ARGS... (make
# check-gdb): boots the test build with init=gdbprobe (user/bin/gdbprobe.c;
# 16 MiB of RAM and a swap partition, so the probe can put pages on swap)
# under QEMU's gdbstub, lets scripts/gdb-check-drive.py take the gdb
# extension's view (tools/gdb/mendax.py) at the probe's stop, and has
# scripts/gdb-check-compare.py hold it against what the kernel printed.
# With "mistake" the decoder is broken on purpose and the comparison must
# fail. Prints verdict lines; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
arch=$1 pass_status=$2 gdb=$3 elf=$4
shift 4
mistake=
if [ "$1" = mistake ]; then mistake=1; shift; fi
[ "$1" = -- ] && shift
logdir=${LOGDIR:-build/logs}
mkdir -p "$logdir"
tag=gdb-$arch${mistake:+-mistake}
serial=$logdir/$tag-serial.log gdbout=$logdir/$tag-view.log gdblog=$logdir/$tag-gdb.log
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
rm -f "$gdbout"

# QEMU's status stays on the script's own process list until waited for.
"$@" -append "mem=16M ktests=off init=gdbprobe" -S -gdb "tcp:127.0.0.1:$port" >"$serial" 2>&1 &
qemu=$!
# Until the stub listens (state 0A in /proc/net/tcp): a test connection
# would itself be taken for gdb.
hexport=$(printf ':%04X 00000000:0000 0A' "$port")
for _ in $(seq 50); do
	grep -q "$hexport" /proc/net/tcp && break
	sleep 0.1
done
MENDAX_GDB_PORT=$port MENDAX_GDB_OUT=$gdbout MENDAX_GDB_SERIAL=$serial MENDAX_GDB_MISTAKE=$mistake \
	timeout 60 "$gdb" -batch -nx -x tools/gdb/mendax.py -x scripts/gdb-check-drive.py "$elf" \
	>"$gdblog" 2>&1
( sleep 30; kill "$qemu" 2>/dev/null ) &
watchdog=$!
wait "$qemu"
status=$?
kill "$watchdog" 2>/dev/null
wait "$watchdog" 2>/dev/null

if [ -n "$mistake" ]; then
	if python3 scripts/gdb-check-compare.py "$arch" "$serial" "$gdbout" "$status" "$pass_status" \
		>"$logdir/$tag-compare.log" 2>&1; then
		echo "FAIL - $arch: gdb check passed with a decode mistake injected"
		exit 1
	fi
	echo "ok - $arch: gdb check fails with an injected decode mistake ($(grep -c '^FAIL' \
		"$logdir/$tag-compare.log") verdict(s) fail)"
	exit 0
fi
python3 scripts/gdb-check-compare.py "$arch" "$serial" "$gdbout" "$status" "$pass_status"
