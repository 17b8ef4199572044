"""Running a migration's repositories as tasks on a Dask cluster.

One task per target, each calling ``migrate_one`` on a worker; a task that cannot run
becomes that repository's error. A stop (``stop``) sets a cluster-wide ``distributed.Event``
that every task checks before each step (``ClusterStop``), so a task not begun does nothing
and one at work stops at its next step; the tasks still waiting on the scheduler are
cancelled at once, and the rest when the grace runs out. A push under way on a remote
worker cannot be ended from here: it is reported ``interrupted`` if it has not finished by
then.

The workers send their progress events (``Events``) to the scheduler as ``log_event``s on
the run's topic (``ClusterEvents``), which this process subscribes to, so that the live
display shows each repository's stage as with the local pool. A task whose worker was lost
is run again by the scheduler on another worker; how many times is the report's
``retries`` (the scheduler's count of the workers lost while holding the task).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from gomend.engine.git.progress import Events
from gomend.engine.git.report import RepoReport
from gomend.engine.git.repository import MigrateOptions, OnDone, migrate_one, not_started
from gomend.engine.git.stop import StopRequest
from gomend.engine.git.targets import MigrateError

POLL = 0.05  # seconds between looks at the futures and the stop request
CONNECT_TIMEOUT = 5  # seconds to reach the scheduler


class ClusterStop:
    """The stop flag on a Dask worker: the run's ``distributed.Event``, asked at each step."""

    def __init__(self, name: str) -> None:
        self.name = name

    def is_set(self) -> bool:
        try:
            from distributed import Event

            return bool(Event(self.name).is_set())  # type: ignore[no-untyped-call]
        except Exception:  # no scheduler to ask: the task goes on as it would have
            return False


class ClusterEvents:
    """Progress events from a Dask worker: each ``(target, stage)`` is sent to the scheduler
    on the run's topic, for the client that subscribed to it."""

    def __init__(self, topic: str) -> None:
        self.topic = topic

    def put(self, item: tuple[str, str]) -> None:
        with contextlib.suppress(Exception):  # progress is never worth failing a task for
            from distributed import get_worker

            get_worker().log_event(self.topic, list(item))


def lost_workers(keys: Sequence[str], dask_scheduler: Any = None) -> dict[str, int]:
    """Per task key, how many workers were lost while they held it (run on the scheduler,
    sent by value: the scheduler need not have gomend)."""
    tasks = dask_scheduler.tasks
    return {k: int(getattr(tasks[k], "suspicious", 0)) for k in keys if k in tasks}


def run_dask(
    targets: Sequence[str],
    options: MigrateOptions,
    scheduler: str | None,
    on_done: OnDone | None,
    stop: StopRequest | None = None,
    events: Events | None = None,
) -> list[RepoReport]:
    try:
        from distributed import Client, Event
    except ImportError:
        raise MigrateError(
            "the Dask executor needs dask.distributed: pip install 'gomend[dask]'"
        ) from None
    if not scheduler:
        raise MigrateError("--executor dask needs --scheduler ADDRESS")
    stop = stop or StopRequest()
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise MigrateError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    found: dict[int, RepoReport] = {}
    run = uuid.uuid4().hex[:8]
    flag = ClusterStop(f"gomend-stop-{run}")
    progress = ClusterEvents(f"gomend-progress-{run}") if events is not None else None

    def collect(i: int, future: Any) -> None:
        try:
            report = future.result()
        except Exception as exc:  # a worker lost or a task that could not run
            report = RepoReport(targets[i], error=f"dask task failed: {exc}")
            report.interrupted = stop.requested
        with contextlib.suppress(Exception):
            lost = client.run_on_scheduler(lost_workers, [future.key])  # type: ignore[no-untyped-call]
            report.retries = lost.get(future.key, 0)
        found[i] = report
        if on_done:
            on_done(report)

    try:
        if events is not None and progress is not None:
            client.subscribe_topic(  # type: ignore[no-untyped-call]
                progress.topic, lambda event: events.put(tuple(event[1]))
            )
        futures: dict[int, Any] = {
            i: client.submit(
                migrate_one, target, options, progress, flag, key=f"gomend-{run}-{i}", pure=False
            )
            for i, target in enumerate(targets)
        }
        while futures and not stop.requested:
            for i in [i for i, f in futures.items() if f.done()]:
                collect(i, futures.pop(i))
            if futures:
                time.sleep(POLL)
        if stop.requested:
            event = Event(flag.name, client=client)  # type: ignore[no-untyped-call]
            unstarted = _wind_down(client, event, futures, stop, collect)
            for i in futures:
                why = "not started" if i in unstarted else "still at work on a Dask worker"
                found[i] = not_started(targets[i], options, why)
                if on_done:
                    on_done(found[i])
    finally:
        client.close()  # type: ignore[no-untyped-call]
    return [found[i] for i in range(len(targets))]


def _wind_down(
    client: Any,
    event: Any,
    futures: dict[int, Any],
    stop: StopRequest,
    collect: Callable[[int, Any], None],
) -> set[int]:
    """Tell the tasks to stop, cancel the ones no worker has (their indices are returned),
    wait for the others until the grace runs out, then cancel what is left (``futures``
    keeps what never answered)."""
    with contextlib.suppress(Exception):
        event.set()

    def waiting(keys: Sequence[str], dask_scheduler: Any = None) -> list[str]:
        """The keys whose tasks no worker has been given yet (run on the scheduler, sent
        by value: the scheduler need not have gomend)."""
        tasks = dask_scheduler.tasks
        return [k for k in keys if k in tasks and tasks[k].state not in ("processing", "memory")]

    unstarted: set[int] = set()
    with contextlib.suppress(Exception):
        keys = set(client.run_on_scheduler(waiting, [f.key for f in futures.values()]))
        unstarted = {i for i, f in futures.items() if f.key in keys}
        client.cancel([futures[i] for i in unstarted], force=True)
    while len(futures) > len(unstarted) and time.monotonic() < stop.deadline():
        for i in [i for i, f in futures.items() if i not in unstarted and f.done()]:
            collect(i, futures.pop(i))
        time.sleep(POLL)
    with contextlib.suppress(Exception):
        client.cancel(list(futures.values()), force=True)
    return unstarted
