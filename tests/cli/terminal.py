"""Runs a command in a pseudo-terminal and answers its prompts, as a person at a terminal would.

Usage: terminal.py PROMPT KEYS [PROMPT KEYS ...] -- COMMAND [ARG ...]

For each pair, waits until PROMPT has appeared in the output, then types KEYS (Python escapes:
\\r is Enter). With PTY_COLUMNS set, the terminal is that many columns wide. Prints everything
the command wrote and exits with its exit status.
"""

import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

TIMEOUT = 20


def main():
    split = sys.argv.index("--")
    pairs = sys.argv[1:split]
    command = sys.argv[split + 1:]
    steps = [(pairs[i], pairs[i + 1].encode("latin-1", "backslashreplace").decode("unicode_escape")) for i in range(0, len(pairs), 2)]
    pid, fd = pty.fork()
    if pid == 0:
        columns = os.environ.get("PTY_COLUMNS")
        if columns:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, int(columns), 0, 0))
        os.execvp(command[0], command)
    seen = b""
    for prompt, keys in steps:
        deadline = time.time() + TIMEOUT
        while prompt.encode() not in seen:
            if time.time() > deadline:
                sys.stdout.write(seen.decode(errors="replace"))
                sys.exit(f"timed out waiting for {prompt!r}")
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                seen += os.read(fd, 4096)
        time.sleep(0.1)
        os.write(fd, keys.encode())
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(seen.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


main()
