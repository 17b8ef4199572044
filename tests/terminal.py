"""gomend run on a pseudo-terminal, as a user's shell runs it: the one runner the terminal
tests share."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path


def run_on_terminal(
    args: list[str],
    env: dict[str, str],
    cwd: Path | None = None,
    stdout_on_terminal: bool = True,
    columns: int | None = None,
    timeout: float = 120,
) -> tuple[bytes, bytes, int]:
    """``python -m gomend ARGS`` with standard error (and standard output, unless
    ``stdout_on_terminal`` is false) on a pseudo-terminal, ``columns`` wide when given: what
    the terminal got (``\\r\\n`` as ``\\n``), what the stdout pipe got, and the exit code."""
    leader, follower = pty.openpty()
    if columns is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "gomend", *args],
        cwd=cwd,
        stdin=follower,
        stdout=follower if stdout_on_terminal else subprocess.PIPE,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks: list[bytes] = []

    def drain() -> None:  # a terminal that is not read fills up and stops the writer
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    piped = process.stdout.read() if process.stdout else b""
    code = process.wait(timeout=timeout)
    reader.join(timeout=10)
    os.close(leader)
    return b"".join(chunks).replace(b"\r\n", b"\n"), piped, code
