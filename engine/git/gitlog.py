"""A repository's log in a migration: every git command run for it, its exit status and output.

``repository_log(path)`` opens the log (written anew on each run) for the block; while it
is open, in the thread that opened it, every runner made from ``LoggedGit`` (all of the
layer's: ``command.git_command`` and the clone's) writes each command there: the command
line, its exit status and time, then its standard output (``|``) and error (``!``), each cut
to ``LIMIT`` characters. Passwords and tokens in URLs are masked, in the command and in its
output.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import time
from collections.abc import Iterator
from typing import Any, TextIO

import git

LIMIT = 4000  # characters kept of each stream of each command
_LOG: contextvars.ContextVar[TextIO | None] = contextvars.ContextVar("gomend_git_log", default=None)
# a URL's user information: "user:password@" (the password masked) or "token@" (all of it)
_USERINFO_RE = re.compile(r"(://)([^/\s:@]+)(:[^/\s@]*)?@")


@contextlib.contextmanager
def repository_log(path: str, title: str) -> Iterator[str]:
    """The git commands of the block are logged to ``path`` (its folder made as needed);
    when it cannot be written, nothing is logged and the run goes on."""
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        sink: TextIO | None = open(path, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        sink = None
    if sink is None:
        yield ""
        return
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    sink.write(f"# gomend: {_mask(title)} ({stamp})\n")
    token = _LOG.set(sink)
    try:
        yield path
    finally:
        _LOG.reset(token)
        sink.close()


class LoggedGit(git.Git):
    """A git runner whose commands go to the repository log open in this thread, if any."""

    def execute(self, command: Any, *args: Any, **kwargs: Any) -> Any:
        sink = _LOG.get()
        if sink is None or args:
            return super().execute(command, *args, **kwargs)
        parts = list(command) if isinstance(command, (list, tuple)) else [str(command)]
        line = _mask(" ".join(_one_line(str(p)) for p in parts))
        if kwargs.get("as_process") or kwargs.get("output_stream") is not None:
            _write(sink, f"$ {line}\n(a process read as it runs)\n")
            return super().execute(command, **kwargs)
        extended = kwargs.get("with_extended_output", False)
        kwargs["with_extended_output"] = True
        started = time.monotonic()
        try:
            status, out, err = super().execute(command, **kwargs)
        except git.GitCommandError as exc:
            took = time.monotonic() - started
            out, err = _unwrap(exc.stdout, "stdout"), _unwrap(exc.stderr, "stderr")
            _write(sink, _entry(line, exc.status, took, out, err))
            raise
        _write(sink, _entry(line, status, time.monotonic() - started, out, err))
        return (status, out, err) if extended else out


def _entry(line: str, status: object, seconds: float, out: object, err: object) -> str:
    text = f"$ {line}\nexit {status} in {seconds:.2f} s\n"
    for mark, stream in (("|", out), ("!", err)):
        body = _text(stream)
        if body:
            text += "".join(f"{mark} {row}\n" for row in body.splitlines())
    return text


def _one_line(part: str) -> str:
    """A command's argument on one line: a commit message by its first line."""
    lines = part.splitlines()
    return f"{lines[0]} [...]" if len(lines) > 1 else part


def _text(stream: object) -> str:
    if isinstance(stream, bytes):
        stream = stream.decode("utf-8", "replace")
    if not isinstance(stream, str) or not stream:
        return ""
    text = _mask(stream.replace("\0", "\n").rstrip("\n"))
    if len(text) > LIMIT:
        text = text[:LIMIT] + f"\n... ({len(text) - LIMIT} more characters)"
    return text


def _unwrap(text: str, name: str) -> str:
    """A ``GitCommandError`` stream without the ``\\n  stdout: '...'`` around it."""
    prefix = f"\n  {name}: '"
    if text.startswith(prefix) and text.endswith("'"):
        return text[len(prefix) : -1]
    return text


def _mask(text: str) -> str:
    """URLs without their secrets: ``https://bot:*****@host``, ``https://*****@host``."""
    return _USERINFO_RE.sub(lambda m: f"{m[1]}{m[2]}:*****@" if m[3] else f"{m[1]}*****@", text)


def _write(sink: TextIO, text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        sink.write(text)
        sink.flush()
