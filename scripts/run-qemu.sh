#!/usr/bin/env bash
# Runs QEMU for `make run` / `make debug` (scripts/run-qemu.sh QEMU ARGS...)
# so that it ends when its terminal goes away. When a terminal closes (or
# its tmux session is killed) the kernel sends SIGHUP to the session leader
# only; when `make run` is that leader (tmux new 'make run', ssh host make
# run), GNU make survives the hang-up, so QEMU, which would quit on SIGHUP,
# never gets one and runs on in the background. Here a watcher checks the
# terminal once a second and stops QEMU (SIGTERM: a clean shutdown) once
# the terminal is hung up. Without a terminal on stdin nothing is watched.
set -u
if [ -t 0 ]; then
	exec 3<&0          # the terminal, for the watcher (its stdin is /dev/null)
	qemu_pid=$$        # exec below keeps the pid
	(
		trap '' HUP    # the watcher must outlive a hang-up to act on it
		while kill -0 "$qemu_pid" 2>/dev/null; do
			sleep 1
			# On a hung-up terminal every ioctl fails, so isatty() is false.
			if ! [ -t 3 ]; then
				kill -TERM "$qemu_pid" 2>/dev/null
				exit 0
			fi
		done
	) &
	exec 3<&-
fi
exec "$@"
