"""Worker processes: chunks of work out, their results back, one pipe per worker.

A lean pool for the runner (``engine/run/runner.py``): each worker is a process with a duplex
pipe, started with a function that prepares it (``setup``, called once with ``args``) and
one that does a chunk of work (``work``). The parent sends a chunk to the worker with the
fewest chunks outstanding (at most ``PER_WORKER``, so that a worker finds its next chunk
waiting when it finishes one) and collects results as they come. It does the sending and
collecting itself, without the helper threads of ``concurrent.futures``, which cost the
parent more CPU than walking the tree did, on the two cores that the workers need.

Workers are forked on Linux (they start with everything the parent loaded) and spawned
elsewhere. They ignore Ctrl-C, which the parent handles, and end at once on SIGTERM; a worker whose parent is gone
reads the end of its pipe and exits. A worker that dies (a crash in a native library)
raises ``WorkerDied`` in the parent.
"""

from __future__ import annotations

import gc
import signal
import sys
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # multiprocessing is imported when workers start: a warm run needs none
    from multiprocessing.connection import Connection

PER_WORKER = 2


class WorkerDied(RuntimeError):
    pass


def _serve(
    conn: Connection,
    setup: Callable[..., None],
    args: tuple[Any, ...],
    work: Callable[[Any], Any],
    inherited: tuple[Connection, ...] = (),
) -> None:
    """A worker's life: prepare, then answer each chunk until the parent says stop, or is
    gone. ``inherited``: the parent's ends of this worker's pipe and of the pipes to the
    workers forked before it, which the fork copied here; closed, so that every worker sees
    the end of its pipe as soon as the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: just end
    for other in inherited:
        other.close()
    setup(*args)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        try:
            conn.send(work(chunk))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, conn: Connection, process: Any) -> None:
        self.conn = conn
        self.process = process
        self.outstanding: deque[Any] = deque()  # tickets of the chunks sent, oldest first


class Pool:
    """``jobs`` workers, started when the first chunk is sent."""

    def __init__(
        self,
        jobs: int,
        setup: Callable[..., None],
        args: tuple[Any, ...],
        work: Callable[[Any], Any],
    ) -> None:
        self.jobs = max(1, jobs)
        self._setup, self._args, self._work = setup, args, work
        self._workers: list[_Worker] = []

    def _start(self) -> None:
        import multiprocessing

        fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux"
        context: Any = multiprocessing.get_context("fork" if fork else "spawn")
        if fork:  # the workers' collectors leave what the parent made alone, so that the
            gc.freeze()  # pages holding it stay shared (measured: 0.03 s of a cold run)
        for _ in range(self.jobs):
            parent, child = context.Pipe()
            inherited = (parent, *(w.conn for w in self._workers)) if fork else ()
            process = context.Process(
                target=_serve,
                args=(child, self._setup, self._args, self._work, inherited),
                daemon=True,
            )
            process.start()
            child.close()
            self._workers.append(_Worker(parent, process))
        if fork:
            gc.unfreeze()

    def has_room(self) -> bool:
        return not self._workers or any(len(w.outstanding) < PER_WORKER for w in self._workers)

    def send(self, ticket: Any, chunk: Any) -> None:
        """Send a chunk to the least busy worker; ``ticket`` comes back with its results.
        The caller makes sure there is room (``has_room``, else ``collect``)."""
        if not self._workers:
            self._start()
        worker = min(self._workers, key=lambda w: len(w.outstanding))
        try:
            worker.conn.send(chunk)
        except OSError:  # its end is closed: it died (an EPIPE must not pass for stdout's)
            raise WorkerDied(self._died(worker)) from None
        worker.outstanding.append(ticket)

    def busy(self) -> bool:
        return any(w.outstanding for w in self._workers)

    def collect(self, block: bool) -> list[tuple[Any, Any]]:
        """``(ticket, results)`` of the chunks finished (waiting for one with ``block``)."""
        from multiprocessing.connection import wait

        waiting = {w.conn: w for w in self._workers if w.outstanding}
        if not waiting:
            return []
        done = []
        for conn in wait(list(waiting), None if block else 0):
            worker = waiting[conn]  # type: ignore[index]
            try:
                results = worker.conn.recv()
            except (EOFError, OSError):
                raise WorkerDied(self._died(worker)) from None
            done.append((worker.outstanding.popleft(), results))
        return done

    @staticmethod
    def _died(worker: _Worker) -> str:
        worker.process.join(1)
        return f"a worker process ended unexpectedly (exit code {worker.process.exitcode})"

    def close(self) -> None:
        """Stop the workers: idle ones are told to, busy ones (a run cut short) are
        terminated, since their results are not wanted."""
        for worker in self._workers:
            if worker.outstanding:
                worker.process.terminate()
            else:
                try:
                    worker.conn.send(None)
                except OSError:
                    worker.process.terminate()
        for worker in self._workers:
            worker.process.join(5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []
