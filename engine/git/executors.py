"""Running a migration's repositories: one after another, in a process pool, or on a Dask cluster.

Each runs ``migrate_one`` per target and gives the reports in the order of the targets,
calling ``on_done`` with each report as it comes in. A worker that dies or a Dask task
that cannot run becomes that repository's error; the others go on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from gomend.engine.git.progress import Events
from gomend.engine.git.report import RepoReport
from gomend.engine.git.repository import MigrateOptions, init_worker, migrate_one
from gomend.engine.git.targets import MigrateError

OnDone = Callable[[RepoReport], None]


def run_serial(
    targets: Sequence[str],
    options: MigrateOptions,
    events: Events | None,
    on_done: OnDone | None,
) -> list[RepoReport]:
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
) -> list[RepoReport]:
    found: dict[int, RepoReport] = {}
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(targets)), initializer=init_worker, initargs=(events,)
    ) as pool:
        futures = {pool.submit(migrate_one, t, options): i for i, t in enumerate(targets)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                report = future.result()
            except Exception as exc:  # a worker that died
                report = RepoReport(targets[index], error=f"worker failed: {exc}")
            found[index] = report
            if on_done:
                on_done(report)
    return [found[i] for i in range(len(targets))]


def run_dask(
    targets: Sequence[str],
    options: MigrateOptions,
    scheduler: str | None,
    on_done: OnDone | None,
) -> list[RepoReport]:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise MigrateError(
            "the Dask executor needs dask.distributed: pip install 'gomend[dask]'"
        ) from None
    if not scheduler:
        raise MigrateError("--executor dask needs --scheduler ADDRESS")
    try:
        client = Client(scheduler, timeout=30)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise MigrateError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    found: dict[int, RepoReport] = {}
    run = uuid.uuid4().hex[:8]
    try:
        futures = [
            client.submit(migrate_one, target, options, key=f"gomend-{run}-{i}", pure=False)
            for i, target in enumerate(targets)
        ]
        index = {future.key: i for i, future in enumerate(futures)}
        for future in dask_completed(futures):  # type: ignore[no-untyped-call]
            i = index[future.key]
            try:
                report = future.result()
            except Exception as exc:  # a worker lost or a task that could not run
                report = RepoReport(targets[i], error=f"dask task failed: {exc}")
            found[i] = report
            if on_done:
                on_done(report)
    finally:
        client.close()  # type: ignore[no-untyped-call]
    return [found[i] for i in range(len(targets))]
