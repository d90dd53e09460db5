#!/usr/bin/env bash
# Boots one kernel under QEMU for the test harness and judges the run.
#   qemu-check.sh NAME TIMEOUT EXPECT_STATUS REQUIRED_REGEXES -- QEMU ARGS...
# Passes only when QEMU exits with EXPECT_STATUS before TIMEOUT seconds (or,
# for EXPECT_STATUS "halt", is still running then) and
# the console output has, for each regex in REQUIRED_REGEXES (separated by
# ";;"), a line matching it (an exit status alone proves nothing: a kernel
# loaded at the wrong address can exit 0).
# Prints "ok - NAME" or "FAIL - NAME" with the reason; the full log is kept
# in build/logs/NAME.log. Exit status 0 on pass.
set -uo pipefail
name=$1 limit=$2 want_status=$3 want_line=$4
shift 4
[ "${1:-}" = "--" ] && shift

logdir=${LOGDIR:-build/logs}
mkdir -p "$logdir"
log="$logdir/$(printf '%s' "$name" | tr -c 'A-Za-z0-9_.-' '_').log"

timeout --kill-after=5 "$limit" "$@" </dev/null >"$log" 2>&1
status=$?
tr -d '\r' <"$log" >"$log.tmp" && mv "$log.tmp" "$log"

# EXPECT_STATUS "halt": the guest must still be running (halted) at TIMEOUT.
reason=
timed_out=0
{ [ "$status" = 124 ] || [ "$status" = 137 ]; } && timed_out=1
if [ "$want_status" = halt ] && [ "$timed_out" = 0 ]; then
	reason="QEMU exited with status $status; the guest should have halted and kept QEMU running"
elif [ "$want_status" != halt ] && [ "$timed_out" = 1 ]; then
	reason="timed out after ${limit}s"
elif [ "$want_status" != halt ] && [ "$status" != "$want_status" ]; then
	reason="QEMU exit status $status, expected $want_status"
else
	rest=$want_line
	while [ -n "$rest" ]; do
		pattern=${rest%%;;*}
		[ "$pattern" = "$rest" ] && rest= || rest=${rest#*;;}
		if ! grep -qE "$pattern" "$log"; then
			reason="no output line matching /$pattern/"
			break
		fi
	done
fi

if [ -z "$reason" ]; then
	echo "ok - $name"
	exit 0
fi
echo "FAIL - $name: $reason (log: $log)"
tail -n 15 "$log" | sed 's/^/    | /'
exit 1
