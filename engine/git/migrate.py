"""Migrations: fix branches across many repositories and every Go module inside each.

A target is a local repository or a clone URL (``targets``); in each repository every
``go.mod`` is found, and with ``split_modules`` each module gets its own branch, otherwise
the repository gets one (``repository``). Repositories run one after another, in a process
pool (``executors``) or as tasks on a Dask cluster (``cluster``); one repository failing
never stops the others, and a stop (``stop``: SIGINT, SIGTERM) starts nothing new and
reports what it left out as ``interrupted``. The report has one row per module: findings
per codemod, files changed, branch, status, pushed, error; as a table, JSON or Markdown
(``report``), and a live display shows the work as it goes (``progress``). Each run first
removes what killed runs left in the work folder (``workdir``).

``run_migration`` is the entry point; the names a command line needs for a migration are
named here too.
"""

from __future__ import annotations

from collections.abc import Sequence

from gomend.engine.git.cluster import run_dask
from gomend.engine.git.executors import run_pool, run_serial
from gomend.engine.git.progress import Events, MigrationProgress
from gomend.engine.git.report import RepoReport, finished_line, summary_counts, summary_line
from gomend.engine.git.reportforms import (
    failed_targets,
    print_report,
    report_kind,
    write_report,
)
from gomend.engine.git.repository import MigrateOptions, OnDone
from gomend.engine.git.stop import StopRequest
from gomend.engine.git.targets import MigrateError, read_targets, target_key, unique_targets
from gomend.engine.git.workdir import clean_workdir

__all__ = [
    "Events",
    "MigrateError",
    "MigrateOptions",
    "MigrationProgress",
    "OnDone",
    "RepoReport",
    "StopRequest",
    "finished_line",
    "migration_targets",
    "print_report",
    "read_targets",
    "report_kind",
    "run_migration",
    "summary_counts",
    "summary_line",
    "write_report",
]


def migration_targets(
    given: Sequence[str], repos_file: str | None = None, failed_from: str | None = None
) -> tuple[list[str], list[str]]:
    """The repositories to run, each once, and the ones given again (left out): those
    given and in ``repos_file``; with ``failed_from``, only those that failed or were
    interrupted in that JSON report (of the ones given, when any are)."""
    targets = list(given) + (read_targets(repos_file) if repos_file else [])
    if failed_from is not None:
        failed = failed_targets(failed_from)
        if targets:
            keys = {target_key(t) for t in failed}
            targets = [t for t in targets if target_key(t) in keys]
        else:
            targets = failed
    return unique_targets(targets)


def run_migration(
    targets: Sequence[str],
    options: MigrateOptions,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    events: Events | None = None,
    on_done: OnDone | None = None,
    stop: StopRequest | None = None,
) -> list[RepoReport]:
    """Every target's report, in the order given; after a ``stop``, the ones it left out
    or cut short are ``interrupted``. What killed runs left in the work folder goes first.

    With a ``stop`` to honour, the repositories always run in worker processes (one for
    ``jobs=1``), each in a session of its own, so that a Ctrl-C at the terminal reaches this
    process alone and a push under way can finish; ``events`` must then be a queue
    (``MigrationProgress.events``). Without one, ``jobs=1`` runs them here."""
    clean_workdir(options.workdir)
    if executor == "dask":
        return run_dask(targets, options, scheduler, on_done, stop, events)
    if stop is None and (jobs <= 1 or len(targets) <= 1):
        return run_serial(targets, options, events, on_done)
    return run_pool(targets, options, max(1, jobs), events, on_done, stop)
