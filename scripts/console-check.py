#!/usr/bin/env python3
"""Drives `make run` on a pseudo-terminal, as a person at a terminal would.

    scripts/console-check.py ARCH session|hangup

The test build boots with init=sh, so the shell is the first process.
session: a line longer than the shell's 127 characters is refused whole
  (its tail never runs as a command); Ctrl-C interrupts a program that
  spins forever and the shell lives on; vmmap refuses pid 0 and "abc";
  Ctrl-A X quits QEMU (the multiplexed serial + monitor of `make run`).
hangup: once the shell is up the terminal is closed (as when a terminal
  window closes or its tmux session is killed): QEMU must end.
Prints "ok - NAME" or "FAIL - NAME: why"; the transcript goes to
build/logs/. Exit status 0 on pass.
"""
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time

PROMPT = rb"mendax\$ "
# What is typed after the long line, and what must answer before the next
# prompt; "spin" is interrupted with Ctrl-C once it runs.
STEPS = [
    ("hel\x03", r"\^C"),                                  # Ctrl-C at the prompt drops the line
    ("hello short\r", r"\[hello\] \[short\]"),
    ("spin\r", r"killed: interrupted \(Ctrl-C\)"),
    ("vmmap 0\r", r"vmmap: 0: no such process"),
    ("vmmap abc\r", r"usage: vmmap"),
    ("hello after\r", r"\[hello\] \[after\]"),          # the shell survived all of it
]


class Session:
    def __init__(self, arch, log, marker):
        extra = "-append init=sh -name " + marker
        argv = ["make", "--no-print-directory", "-s", "ARCH=" + arch, "TEST=1", "run",
                "QEMU_EXTRA=" + extra]
        self.pid, self.fd = pty.fork()   # the child leads a session on the pty
        if self.pid == 0:
            os.execvp(argv[0], argv)
        self.out = b""
        self.log = log

    def expect(self, pattern, timeout):
        """Waits until the output since the last expect matches pattern."""
        regex = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        end = time.time() + timeout
        while True:
            m = regex.search(self.out)
            if m:
                seen, self.out = self.out[:m.end()], self.out[m.end():]
                return seen
            left = end - time.time()
            if left <= 0 or not self.read(left):
                raise RuntimeError("no output matching /%s/ within %ss" % (regex.pattern.decode(), timeout))

    def read(self, timeout):
        if self.fd is None:              # the terminal is closed
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            data = b""
        if not data:
            return False
        self.log.write(data)
        self.log.flush()
        self.out += data
        return True

    def send(self, data):
        os.write(self.fd, data.encode() if isinstance(data, str) else data)

    def wait_exit(self, timeout):
        end = time.time() + timeout
        while time.time() < end:
            self.read(0.2)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        return None

    def kill(self):
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except OSError:
            pass


def session_check(s):
    s.expect(PROMPT, 90)
    # 6 + 121 = 127 characters, then a tail that would run on its own.
    s.send("hello " + "a" * 121 + "hello tail\r")
    seen = s.expect(PROMPT, 10)
    if b"[tail]" in seen or b"sh: hello" in seen:
        raise RuntimeError("a part of a long line ran as a command")
    if b"line too long" not in seen:
        raise RuntimeError("a long line was not refused")
    for typed, answer in STEPS:
        s.send(typed)
        if typed == "spin\r":
            s.expect("spin: spinning as pid", 10)
            time.sleep(0.3)              # let it spin in user mode
            s.send(b"\x03")
        s.expect(answer, 10)
        s.expect(PROMPT, 10)
    s.send(b"\x01x")                     # Ctrl-A X
    status = s.wait_exit(10)
    if status is None:
        raise RuntimeError("Ctrl-A X did not quit QEMU")


def halt_check(s):
    """The shell's halt: the machine syncs, says so and stops - no prompt
    comes back. (Without isa-debug-exit/semihosting in `make run` the CPU
    halts and QEMU stays; Ctrl-A X ends it then.)"""
    s.expect(PROMPT, 90)
    s.send("halt\r")
    s.expect(r"mendax: halt: file systems synced, stopping", 10)
    if s.wait_exit(3) is None:
        if re.search(PROMPT, s.out):
            raise RuntimeError("a prompt came back after halt")
        s.send(b"\x01x")
        if s.wait_exit(10) is None:
            raise RuntimeError("QEMU did not end after halt and Ctrl-A X")


def qemu_pids(marker):
    """QEMU itself: its command line starts with the binary (make's and the
    watcher's also hold the marker, but not at such a start)."""
    pattern = r"^\S*qemu-system-\S+ .*-name " + marker
    r = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True)
    return r.stdout.split()


def hangup_check(s, marker):
    s.expect(PROMPT, 90)
    if not qemu_pids(marker):
        raise RuntimeError("cannot find the QEMU process")
    os.close(s.fd)                       # the terminal goes away
    s.fd = None
    end = time.time() + 10
    while time.time() < end and qemu_pids(marker):
        time.sleep(0.2)
    left = qemu_pids(marker)
    if left:
        for pid in left:
            os.kill(int(pid), signal.SIGKILL)
        raise RuntimeError("QEMU still running 10 s after the terminal closed")
    s.wait_exit(5)


def main():
    arch, mode = sys.argv[1], sys.argv[2]
    name = {"session": "%s: console: long line refused, Ctrl-C interrupts, Ctrl-A X quits" % arch,
            "hangup": "%s: console: closing the terminal ends QEMU" % arch,
            "halt": "%s: console: the shell's halt syncs and stops the machine" % arch}[mode]
    logdir = os.environ.get("LOGDIR", "build/logs")
    os.makedirs(logdir, exist_ok=True)
    path = os.path.join(logdir, "%s_console_%s.log" % (arch, mode))
    marker = "mendax-console-%d" % os.getpid()
    with open(path, "wb") as log:
        s = Session(arch, log, marker)
        try:
            if mode == "session":
                session_check(s)
            elif mode == "halt":
                halt_check(s)
            else:
                hangup_check(s, marker)
        except RuntimeError as e:
            print("FAIL - %s: %s (log: %s)" % (name, e, path))
            log.flush()
            with open(path, "rb") as f:
                text = f.read().decode(errors="replace")
            tail = text.replace("\r", "").splitlines()[-10:]
            for line in tail:
                print("    | " + line)
            return 1
        finally:
            s.kill()
            for pid in qemu_pids(marker):
                os.kill(int(pid), signal.SIGKILL)
    print("ok - " + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
