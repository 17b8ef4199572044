"""The commands that make git branches: branch (the fixes of one repository, committed on a
new branch) and migrate (branches across many repositories, in parallel, with a report)."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from gomend.engine.cli.console import err
from gomend.engine.cli.options import (
    ConfigOpt,
    GeneratedOpt,
    IgnoreOpt,
    JobsOpt,
    NoProgressOpt,
    QuietOpt,
    SelectOpt,
    UnsafeOpt,
    VendorOpt,
    VerifyOpt,
    fail_usage,
    registry_guard,
    require_go,
    split_ids,
    typed_options,
)
from gomend.engine.config import ConfigError, resolve_config
from gomend.engine.registry import all_codemods, select_codemods

if TYPE_CHECKING:
    from gomend.engine.git.branch import BranchOptions
    from gomend.engine.git.migrate import RepoReport, StopRequest

BranchNameOpt = Annotated[
    str, typer.Option("--name", help="The branch to make (with --split module: its prefix).")
]
BaseOpt = Annotated[
    str | None,
    typer.Option("--base", help="Start the branch here (default: HEAD).", show_default=False),
]
AuthorOpt = Annotated[
    str | None,
    typer.Option(
        "--author",
        help="'Name <email>' for author and committer (default: the repository's git config).",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing branch.")]
PushOpt = Annotated[
    str | None,
    typer.Option("--push", metavar="REMOTE", help="Push the branch there.", show_default=False),
]


def _branch_options(
    select: list[str] | None,
    ignore: list[str] | None,
    unsafe_fixes: bool,
    include_generated: bool,
    include_vendor: bool,
    config_file: str | None = None,
    **kwargs: object,
) -> BranchOptions:
    from gomend.engine.git.branch import BranchOptions

    try:
        codemods = select_codemods(split_ids(select) or None, split_ids(ignore) or None)
    except KeyError as exc:
        raise fail_usage(f"unknown codemod id: {exc.args[0]} (see 'gomend list')") from None
    if config_file is not None:  # checked now, so a bad file stops before any repository
        try:
            resolve_config(["."], config_file, all_codemods())
        except ConfigError as exc:
            raise fail_usage(str(exc)) from None
    if kwargs.get("verify"):
        require_go()
    given = typed_options("unsafe_fixes", "include_generated")
    given |= {n for n, v in (("select", select), ("ignore", ignore)) if split_ids(v)}
    return BranchOptions(
        codemod_ids=tuple(c.id for c in codemods),
        unsafe_fixes=unsafe_fixes,
        include_generated=include_generated,
        include_vendor=include_vendor,
        config_file=os.path.abspath(config_file) if config_file else None,
        given=frozenset(given),
        **kwargs,  # type: ignore[arg-type]
    )


def branch(
    repo: Annotated[
        str,
        typer.Argument(metavar="[REPO]", help="The repository (default: the one containing '.')."),
    ] = ".",
    name: BranchNameOpt = "gomend/runtime-fixes",
    base: BaseOpt = None,
    author: AuthorOpt = None,
    force: ForceOpt = False,
    push: PushOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    jobs: JobsOpt = 0,
    quiet: QuietOpt = False,
    include_generated: GeneratedOpt = False,
    include_vendor: VendorOpt = False,
    config_file: ConfigOpt = None,
    verify: VerifyOpt = False,
    no_progress: NoProgressOpt = False,  # accepted as by every command; branch shows none
) -> None:
    """Commit the fixes on a new branch (one commit per codemod), built in a temporary
    worktree: your working tree, index, stash and current branch are left alone. With
    --verify, each commit holds only the packages Go still builds and vets."""
    from gomend.engine.git.branch import BranchError, build_branch

    registry_guard()
    options = _branch_options(
        select,
        ignore,
        unsafe_fixes,
        include_generated,
        include_vendor,
        config_file,
        name=name,
        base=base,
        author=author,
        force=force,
        push=push,
        jobs=jobs or os.cpu_count() or 1,
        verify=verify,
    )
    try:
        result = build_branch(repo, options)
    except BranchError as exc:
        err.print(f"gomend: error: {exc}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    for problem in result.problems:
        err.print(problem, markup=False)
    for commit in result.commits:
        files = f"{len(commit.files)} file{'s' if len(commit.files) != 1 else ''}"
        typer.echo(
            f"{commit.sha[:12]} {commit.codemod}: {files}, "
            f"{commit.fixes} fix{'es' if commit.fixes != 1 else ''}"
        )
    if result.commits and _has_uncommitted_edits(repo):
        err.print(
            "gomend: note: uncommitted edits in the working tree are not in the branch, which "
            "is built from committed files only (commit them first to have them fixed)",
            markup=False,
        )
    if not quiet or result.error:
        err.print(result.summary(), markup=False)
    raise typer.Exit(1 if result.error else 0)


def _stopped(
    stop: StopRequest,
    reports: list[RepoReport],
    report: str | None,
    seconds: float,
    repeats: list[str],
) -> NoReturn:
    """After SIGINT or SIGTERM: the report of what finished (the rest ``interrupted``), one
    line, and the signal's exit code (130, 143)."""
    from gomend.engine.git.migrate import write_report

    cut = sum(1 for r in reports if r.interrupted)
    line = (
        f"gomend: interrupted by {stop.signal_name}: {len(reports) - cut} of {len(reports)} "
        f"repositories finished, {cut} interrupted"
    )
    if report:
        try:
            write_report(report, reports, seconds, repeats)
            line += f"; report written to {report}"
        except OSError as exc:
            line += f"; cannot write {report}: {exc.strerror or exc}"
    err.print(line, markup=False)
    raise SystemExit(128 + stop.signum)


def _has_uncommitted_edits(repo: str) -> bool:
    """Whether tracked files of the repository differ from its HEAD (staged or not)."""
    import git

    try:
        return git.Repo(repo, search_parent_directories=True).is_dirty(untracked_files=False)
    except (git.GitError, OSError, ValueError):
        return False


class Split(StrEnum):
    repository = "repository"
    module = "module"


class Executor(StrEnum):
    process = "process"
    dask = "dask"


def migrate(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REPO...", help="Repository paths or clone URLs.", show_default=False
        ),
    ] = None,
    repos: Annotated[
        str | None,
        typer.Option(
            "--repos",
            metavar="FILE",
            help="Targets, one a line ('#' comments).",
            show_default=False,
        ),
    ] = None,
    workdir: Annotated[
        str | None,
        typer.Option(
            "--workdir",
            help="Where clones go, reused between runs (default: ~/.cache/gomend/repos).",
            show_default=False,
        ),
    ] = None,
    split: Annotated[
        Split, typer.Option("--split", help="One branch per repository, or per Go module.")
    ] = Split.repository,
    executor: Annotated[
        Executor, typer.Option("--executor", help="A local process pool, or a Dask cluster.")
    ] = Executor.process,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="The Dask scheduler (tcp://host:8786).",
            show_default=False,
        ),
    ] = None,
    report: Annotated[
        str | None,
        typer.Option(
            "--report", metavar="FILE", help="Write the report (.json or .md).", show_default=False
        ),
    ] = None,
    name: BranchNameOpt = "gomend/runtime-fixes",
    base: BaseOpt = None,
    author: AuthorOpt = None,
    force: ForceOpt = False,
    push: PushOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Repositories at once (0: all cores).", min=0)
    ] = 0,
    no_progress: NoProgressOpt = False,
    quiet: QuietOpt = False,
    include_generated: GeneratedOpt = False,
    include_vendor: VendorOpt = False,
    config_file: ConfigOpt = None,
    verify: VerifyOpt = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Analyse and report; make no branch, push nothing.")
    ] = False,
    full_clone: Annotated[
        bool, typer.Option("--full-clone", help="Clone every blob (default: a partial clone).")
    ] = False,
    failed_from: Annotated[
        str | None,
        typer.Option(
            "--failed-from",
            metavar="REPORT",
            help="Only the repositories that failed or were interrupted in this JSON report "
            "(of REPO... and --repos, when given).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Make fix branches across many repositories and every Go module in them, in parallel,
    with a report. Exit 1 when any repository failed. With --verify, each commit holds only
    the packages Go still builds and vets. Ctrl-C or SIGTERM starts nothing new, lets a push
    under way finish for 5 s, writes the report (the rest interrupted) and exits 130 / 143;
    a log per repository goes to WORKDIR/logs."""
    from gomend.engine.git import migrate as mig

    registry_guard()
    started = time.perf_counter()
    options = _branch_options(
        select,
        ignore,
        unsafe_fixes,
        include_generated,
        include_vendor,
        config_file,
        name=name,
        base=base,
        author=author,
        force=force,
        push=push,
        verify=verify,
        dry_run=dry_run,
    )
    try:
        if report:
            mig.report_kind(report)
        if executor is Executor.dask and not scheduler:
            raise mig.MigrateError("--executor dask needs --scheduler ADDRESS")
        all_targets, repeats = mig.migration_targets(targets or [], repos, failed_from)
        if not all_targets and failed_from is not None:
            err.print(f"gomend: nothing to rerun: no repository failed in {failed_from}")
            raise typer.Exit(0)
        if not all_targets:
            raise mig.MigrateError("no repositories: give REPO... or --repos FILE")
        for repeat in repeats:
            err.print(f"gomend: note: {repeat} is given more than once; it runs once")
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
        folder = workdir or os.path.join(cache, "gomend", "repos")
        settings = mig.MigrateOptions(
            options,
            os.path.abspath(os.path.expanduser(folder)),
            split is Split.module,
            full_clone=full_clone,
        )
        workers = jobs or os.cpu_count() or 1
        show = not no_progress and err.is_terminal
        stop = mig.StopRequest()
        with contextlib.ExitStack() as stack:
            events = None
            on_done = None  # a line per repository as it finishes, unless --no-progress
            if not quiet and not no_progress:
                on_done = lambda r: err.print(mig.finished_line(r), markup=False)  # noqa: E731
            if show:
                display = stack.enter_context(
                    mig.MigrationProgress(err.console, len(all_targets), lines=not quiet)
                )
                pooled = executor is Executor.process  # with a stop: always in workers
                events = display.events() if pooled else display
                on_done = display.finished
            with stop.on_signals():
                reports = mig.run_migration(
                    all_targets,
                    settings,
                    jobs=workers,
                    executor=executor.value,
                    scheduler=scheduler,
                    events=events,
                    on_done=on_done,
                    stop=stop,
                )
    except mig.MigrateError as exc:
        raise fail_usage(str(exc)) from None
    seconds = time.perf_counter() - started
    if stop.requested:
        _stopped(stop, reports, report, seconds, repeats)
    from rich.console import Console

    out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 1000)
    mig.print_report(out, reports)
    if report:
        try:
            mig.write_report(report, reports, seconds, repeats)
        except OSError as exc:
            err.print(f"gomend: error: cannot write {report}: {exc.strerror or exc}", markup=False)
            raise typer.Exit(1) from None
    for failed in (r for r in reports if r.failed):
        reason = failed.error or "; ".join(m.error for m in failed.modules if m.error)
        err.print(f"{failed.target}: failed: {reason}", markup=False)
    if not quiet:
        err.print(mig.summary_line(reports, seconds), markup=False)
    raise typer.Exit(1 if any(r.failed for r in reports) else 0)
