"""Running a migration's repositories here: one after another (a run that cannot be
stopped), or in a process pool.

Each runs ``migrate_one`` per target and gives the reports in the order of the targets,
calling ``on_done`` with each report as it comes in. A worker that dies becomes that
repository's error; the others go on. The pool is given no more repositories than it has
workers, so that a stop (``stop``) starts nothing new: the repositories not started are
reported ``interrupted``, the workers are told to stop at their next step, a push under way
may finish within the grace, and then the workers' process groups are ended (SIGTERM, then
SIGKILL), so that no worker and no git process outlives the run. The Dask executor is in
``cluster``.
"""

from __future__ import annotations

import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from gomend.engine.git.progress import Events
from gomend.engine.git.report import RepoReport
from gomend.engine.git.repository import (
    MigrateOptions,
    OnDone,
    fill_missing,
    init_worker,
    migrate_one,
    not_started,
)
from gomend.engine.git.stop import KILL, TERM_WAIT, StopRequest, signal_groups

POLL = 0.1  # seconds between looks at the stop request while repositories run


def run_serial(
    targets: Sequence[str],
    options: MigrateOptions,
    events: Events | None,
    on_done: OnDone | None,
) -> list[RepoReport]:
    """One after another, in this process: for a run no signal can stop (a stop always runs
    in workers, ``migrate.run_migration``)."""
    reports = []
    for target in targets:
        report = migrate_one(target, options, events)
        if on_done:
            on_done(report)
        reports.append(report)
    return reports


def run_pool(
    targets: Sequence[str],
    options: MigrateOptions,
    jobs: int,
    events: Events | None,
    on_done: OnDone | None,
    stop: StopRequest | None = None,
) -> list[RepoReport]:
    stop = stop or StopRequest()
    found: dict[int, RepoReport] = {}
    waiting = deque(range(len(targets)))
    running: dict[Future[RepoReport], int] = {}
    workers = min(jobs, len(targets))

    def collect(done: set[Future[RepoReport]]) -> None:
        for future in done:
            index = running.pop(future)
            try:
                report = future.result()
            except Exception as exc:  # a worker that died (or was ended by a stop)
                report = RepoReport(targets[index], error=f"worker failed: {exc}")
                report.interrupted = stop.requested
            found[index] = report
            if on_done:
                on_done(report)

    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=init_worker, initargs=(events, stop.flag)
    )
    try:
        while (waiting or running) and not stop.requested:
            while waiting and len(running) < workers:
                index = waiting.popleft()
                running[pool.submit(migrate_one, targets[index], options)] = index
            done, _ = wait(running, timeout=POLL, return_when=FIRST_COMPLETED)
            collect(done)
        if stop.requested:
            stop.flag.set()
            for index in waiting:
                found[index] = not_started(targets[index], options)
                if on_done:
                    on_done(found[index])
            _wind_down(pool, running, stop, collect)
    except BaseException:  # a bug here, or a KeyboardInterrupt: no worker may outlive it
        stop.flag.set()
        signal_groups(list(pool._processes or {}), KILL)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return fill_missing(found, targets, options, on_done, "stopped before it finished")


def _wind_down(
    pool: ProcessPoolExecutor,
    running: dict[Future[RepoReport], int],
    stop: StopRequest,
    collect: Callable[[set[Future[RepoReport]]], None],
) -> None:
    """Wait for the repositories at work until the grace runs out, then end the workers'
    process groups: SIGTERM (the git processes end, the worker winds up and reports), and
    SIGKILL to what is left ``TERM_WAIT`` seconds later."""
    termed = killed = 0.0
    while running:
        now = time.monotonic()
        groups = list(pool._processes or {})  # each worker leads its own process group
        if not termed and now >= stop.deadline():
            signal_groups(groups, signal.SIGTERM)
            termed = now
        elif termed and not killed and now >= termed + TERM_WAIT:
            signal_groups(groups, KILL)
            killed = now
        elif killed and now >= killed + TERM_WAIT:
            break  # nothing more to be had from the pool
        done, _ = wait(running, timeout=POLL, return_when=FIRST_COMPLETED)
        collect(done)
