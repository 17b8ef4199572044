"""Stopping a migration: the signals that ask for it, the flag each repository checks, and the
processes ended when the grace runs out.

``StopRequest.on_signals`` turns SIGINT, SIGTERM and SIGHUP into a request (the handler
only notes the signal; a second one asks for a stop now). From then on no repository
starts: one at work raises ``Interrupted`` at its next step (``checkpoint``: before a
clone, a module's fixes, a push), and a push under way may finish within ``GRACE`` seconds.
When the grace runs out, each pool worker's whole process group (the worker and its git
processes) gets SIGTERM, and SIGKILL ``TERM_WAIT`` seconds later. Workers run in sessions of
their own, so that a Ctrl-C at the terminal reaches gomend alone and the run decides what
stops; a worker whose parent is gone ends its own group (``end_when_orphaned``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

GRACE = 5.0  # seconds a push under way may take to finish once a stop is asked
TERM_WAIT = 2.0  # seconds between SIGTERM and SIGKILL to what is still running
SIGNAL_NAMES = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM"}
if hasattr(signal, "SIGHUP"):  # the terminal closed, or an ssh session dropped
    SIGNAL_NAMES[signal.SIGHUP] = "SIGHUP"


class Interrupted(Exception):
    """The run was stopped before this repository finished."""


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


def checkpoint(flag: StopFlag | None) -> None:
    """Raise ``Interrupted`` once a stop is asked."""
    if flag is not None and flag.is_set():
        raise Interrupted


class StopRequest:
    """A stop asked by a signal: which one, when, and whether it is to be at once.

    ``flag`` is the same request for worker processes (set by the executor, never by the
    signal handler, which must not take a lock the interrupted code may hold)."""

    def __init__(self, grace: float = GRACE) -> None:
        self.grace = grace
        self.signum = 0
        self.now = False  # a second signal: no grace
        self.asked_at = 0.0
        self._flag: Any = None
        self._pid = os.getpid()

    @property
    def flag(self) -> Any:
        """A ``multiprocessing`` event, made when a pool first needs one."""
        if self._flag is None:
            self._flag = multiprocessing.get_context().Event()
        return self._flag

    @property
    def requested(self) -> bool:
        return bool(self.signum)

    @property
    def signal_name(self) -> str:
        return SIGNAL_NAMES.get(signal.Signals(self.signum), str(self.signum))

    def is_set(self) -> bool:
        return self.requested

    def request(self, signum: int) -> None:
        if self.signum:
            self.now = True
            return
        self.asked_at = time.monotonic()
        self.signum = signum

    def deadline(self) -> float:
        """When what is still running is ended."""
        return self.asked_at + (0.0 if self.now else self.grace)

    def _handle(self, signum: int, frame: object) -> None:
        if os.getpid() == self._pid:  # not a worker just forked, before its own handlers
            self.request(signum)

    @contextlib.contextmanager
    def on_signals(self) -> Iterator[StopRequest]:
        """SIGINT, SIGTERM and SIGHUP ask for a stop while the block runs (in the main
        thread)."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {s: signal.signal(s, self._handle) for s in SIGNAL_NAMES}
        try:
            yield self
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


KILL = getattr(signal, "SIGKILL", signal.SIGTERM)  # Windows has no SIGKILL


def signal_groups(groups: Iterable[int], signum: int) -> None:
    """Send ``signum`` to each process group (gone ones are passed over; without process
    groups, to each leader)."""
    for group in groups:
        with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
            if hasattr(os, "killpg"):
                os.killpg(group, signum)
            else:
                os.kill(group, signum)


def end_when_orphaned(poll: float = 0.5) -> None:
    """In a worker that leads its own process group: a thread that ends the group (the
    worker and its git processes) once the parent is gone, however it went."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        signal_groups([os.getpid()], KILL)

    threading.Thread(target=watch, name="gomend-orphan-watch", daemon=True).start()
