"""One repository of a migration: cloned or fetched, its modules found, its branches built; never raises.

A clone's branches start from the remote's current default branch, or ``origin/<base>``
for ``--base`` (``remote_base``); a local repository's from its ``HEAD`` or ``--base``.
Where git knows no identity (a fresh CI runner, a Dask worker) and ``--author`` is not
given, the commits are made by ``gomend <gomend@localhost>``.

Whatever goes wrong in one repository (an unreachable URL, a folder that is not a
repository, a bug) ends up in its report, so that it never stops the others. Progress goes
to the ``Events`` given, or, in a worker process, to the ones ``init_worker`` set; so does
the stop flag, checked before each step: once a stop is asked, a repository that did not
finish is reported ``interrupted``. Its git commands go to ``<workdir>/logs/<name>.log``
(``log_path``, ``gitlog``). A pool worker leads a session of its own, ignores SIGINT and
SIGHUP and outlives a SIGTERM (which ends the git processes it runs), so that the parent
alone decides when it stops, and ends itself if the parent dies; neither git nor ssh can
prompt in it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import git

from gomend.engine.git.branch import BranchError, BranchOptions, build_branches
from gomend.engine.git.command import git_command
from gomend.engine.git.commits import DEFAULT_AUTHOR, has_identity
from gomend.engine.git.gitlog import repository_log
from gomend.engine.git.progress import Events
from gomend.engine.git.records import INTERRUPTED
from gomend.engine.git.report import RepoReport, module_rows
from gomend.engine.git.stop import Interrupted, StopFlag, checkpoint, end_when_orphaned
from gomend.engine.git.targets import (
    clone_folder,
    fetch_or_clone,
    find_modules,
    is_url,
    parts_for,
    remote_base,
    repository_name,
    repository_root,
)
from gomend.engine.git.workdir import prune_worktrees


@dataclass(frozen=True)
class MigrateOptions:
    branch: BranchOptions
    workdir: str
    split_modules: bool = False
    full_clone: bool = False  # clone every blob now, not when it is read


_worker_events: Events | None = None
_worker_stop: StopFlag | None = None


def init_worker(events: Events | None, stop: StopFlag | None = None) -> None:
    """A pool's initializer: where the worker sends its progress events and reads the stop
    flag; its own session and process group, no SIGINT or SIGHUP, a SIGTERM that only ends
    its git processes, and an end of its own once its parent is gone."""
    global _worker_events, _worker_stop
    _worker_events, _worker_stop = events, stop
    if stop is not None:
        # A session of its own: no Ctrl-C from the terminal, and no terminal at all, so an
        # ssh host-key or passphrase prompt fails at once instead of stopping the worker.
        with contextlib.suppress(OSError, AttributeError):  # a leader already; Windows
            os.setsid()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _outlive)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        os.environ["GIT_TERMINAL_PROMPT"] = "0"  # not in the terminal's foreground any more
        end_when_orphaned()


def _outlive(signum: int, frame: object) -> None:
    """SIGTERM to the worker's group ends its git processes; the worker reports and goes on."""


def not_started(target: str, options: MigrateOptions, why: str = "not started") -> RepoReport:
    """The report of a repository a stop left out."""
    path = "" if is_url(target) else os.path.abspath(os.path.expanduser(target))
    return RepoReport(target, path=path, error=why, interrupted=True)


OnDone = Callable[[RepoReport], None]  # told of each repository's report as it comes in


def fill_missing(
    found: dict[int, RepoReport],
    targets: Sequence[str],
    options: MigrateOptions,
    on_done: OnDone | None,
    why: str,
) -> list[RepoReport]:
    """The reports in the order of the targets: each one no executor answered for is
    reported ``interrupted`` (``why``) and told to ``on_done``, as the others were."""
    for index, target in enumerate(targets):
        if index not in found:
            found[index] = not_started(target, options, why)
            if on_done:
                on_done(found[index])
    return [found[i] for i in range(len(targets))]


def migrate_one(
    target: str,
    options: MigrateOptions,
    events: Events | None = None,
    stop: StopFlag | None = None,
) -> RepoReport:
    """Clone or fetch, find the modules, build the branches: never raises."""
    flag = stop if stop is not None else _worker_stop
    if flag is not None and flag.is_set():  # a task that begins after a stop does nothing
        return not_started(target, options)
    log = log_path(options.workdir, target)
    with repository_log(log, f"migrate {target}") as written:
        report = _migrate(target, options, events, flag)
    report.log = written
    return report


def log_path(workdir: str, target: str) -> str:
    """``<workdir>/logs/<name>.log``: a clone's folder name, or a local repository's name
    and a short hash of its real path."""
    if is_url(target):
        name = os.path.basename(clone_folder(workdir, target))
    else:
        real = os.path.realpath(os.path.expanduser(target))
        digest = hashlib.sha1(real.encode(), usedforsecurity=False).hexdigest()[:10]
        name = f"{repository_name(real)}-{digest}"
    return os.path.join(workdir, "logs", f"{name}.log")


def _migrate(
    target: str, options: MigrateOptions, events: Events | None, flag: StopFlag | None
) -> RepoReport:
    started = time.perf_counter()
    report = RepoReport(target)
    sink = events if events is not None else _worker_events

    def say(stage: str) -> None:
        if stage not in ("done", "failed"):
            checkpoint(flag)
        if sink is not None:
            sink.put((target, stage))

    try:
        branch_options = dataclasses.replace(options.branch, keep_current=True)
        if is_url(target):
            say("fetching" if os.path.isdir(clone_folder(options.workdir, target)) else "cloning")
            report.path = fetch_or_clone(target, options.workdir, options.full_clone)
            repo = git.Repo(report.path)
            base = remote_base(repo, branch_options.base)
            branch_options = dataclasses.replace(branch_options, base=base)
        else:
            report.path = os.path.abspath(os.path.expanduser(target))
            repo = repository_root(report.path)
            prune_worktrees(report.path)  # what a killed run left (a clone's: clean_workdir)
        if branch_options.author is None and not has_identity(git_command(repo)):
            branch_options = dataclasses.replace(branch_options, author=DEFAULT_AUTHOR)
        say("finding modules")
        base = branch_options.base or "HEAD"
        try:
            modules = find_modules(repo, base)
        except git.GitCommandError:
            modules = []  # an unknown base: build_branches says so
        parts = parts_for(modules, branch_options.name, options.split_modules)
        results = build_branches(report.path, parts, branch_options, progress=say)
        report.modules = module_rows(modules, results)
        report.interrupted = any(m.status == INTERRUPTED for m in report.modules)
    except Interrupted:
        report.error, report.interrupted = "stopped before it finished", True
    except BranchError as exc:
        report.error = str(exc)
    except Exception as exc:  # a bug or an odd repository must not stop the others
        report.error = f"internal error: {type(exc).__name__}: {exc}"
    if report.error and flag is not None and flag.is_set():
        report.interrupted = True  # a git command the stop ended
    report.seconds = time.perf_counter() - started
    say("failed" if report.failed else "done")
    return report
