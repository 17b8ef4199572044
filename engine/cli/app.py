"""The command line (typer): scan, diff, fix, list and explain, as cli.md describes.

Exit codes: 0 nothing to report, 1 findings (scan) or changes (diff), 2 a usage or input
error with one line on stderr naming it.
"""

from __future__ import annotations

import contextlib
import copy
import os
import sys
import time
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import click
import typer
import typer.main

from gomend.engine import __version__
from gomend.engine.cli.diff import unified_diff
from gomend.engine.cli.report import (
    Summary,
    display_path,
    finding_lines,
    github_annotations,
    json_report,
    status_line,
)
from gomend.engine.config import ConfigError, resolve_config
from gomend.engine.registry import RegistryError, all_codemods, get_codemod, select_codemods
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult
from gomend.engine.run.runner import run_paths
from gomend.engine.run.suppress import META_RULES
from gomend.engine.run.walk import Walker, WalkOptions
from gomend.engine.run.writer import write_atomic

app = typer.Typer(
    name="gomend",
    help="Find and fix misuses of Go's runtime APIs (runtime.GC in handlers, GOMAXPROCS in "
    "libraries, LockOSThread never unlocked, lost context cancels, ...).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

if TYPE_CHECKING:
    from rich.console import Console

    from gomend.engine.run.cache import ResultCache
    from gomend.engine.run.index import StatIndex


class _Stderr:
    """Messages on stderr: plain lines, and a rich Console, imported when first needed (a
    progress bar, a terminal), so that a run in CI does not pay for importing rich."""

    def __init__(self) -> None:
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal if self._console is not None else sys.stderr.isatty()

    def print(self, text: str, markup: bool = False) -> None:
        if markup or self.is_terminal:
            self.console.print(text, markup=markup)
        else:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()


err = _Stderr()


class Format(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class UsageError(Exception):
    """A usage or input error: exit 2 with one line."""


def fail_usage(message: str) -> typer.Exit:
    err.print(f"gomend: error: {message}", markup=False)
    return typer.Exit(2)


def _split_ids(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Go files or folders to walk (default: the current folder).", show_default=False
    ),
]
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Only these codemods (ids, comma-separated or repeated).",
        show_default=False,
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        help="Skip these codemods (ids, comma-separated or repeated).",
        show_default=False,
    ),
]
UnsafeOpt = Annotated[
    bool,
    typer.Option(
        "--unsafe-fixes/--no-unsafe-fixes",
        help="Also apply fixes marked unsafe (review them); overrides the configuration.",
        show_default=False,
    ),
]
JobsOpt = Annotated[
    int, typer.Option("--jobs", "-j", help="Worker processes (0: all cores).", min=0)
]
NoProgressOpt = Annotated[bool, typer.Option("--no-progress", help="No progress bar.")]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="No summary line; findings and errors only.")
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
GeneratedOpt = Annotated[
    bool,
    typer.Option(
        "--include-generated/--no-include-generated",
        help="Also rewrite files marked '// Code generated ... DO NOT EDIT.'",
        show_default=False,
    ),
]
VendorOpt = Annotated[
    bool, typer.Option("--include-vendor", help="Also walk vendor/ and testdata/ folders.")
]
ConfigOpt = Annotated[
    str | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="Read the configuration from FILE (default: the nearest gomend.toml, or "
        "pyproject.toml with [tool.gomend], upward from the first path).",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        metavar="FILE",
        help="Write the --format report to FILE; the terminal still gets the text output.",
        show_default=False,
    ),
]
UnusedOpt = Annotated[
    bool,
    typer.Option(
        "--report-unused-suppressions",
        help="Also report //gomend:ignore and //nolint comments that silence nothing.",
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Neither read nor write the result cache (kept per file content, gomend version, "
        "codemods and settings: a stale result is never used).",
    ),
]
CacheDirOpt = Annotated[
    str | None,
    typer.Option(
        "--cache-dir",
        help="The result cache folder (default: $GOMEND_CACHE_DIR, else ~/.cache/gomend, "
        "never the scanned tree: a cache that came with a tree could hide findings).",
        show_default=False,
    ),
]


def _typed(name: str) -> bool | None:
    """Whether an option was typed on the command line (None outside a command)."""
    ctx = click.get_current_context(silent=True)
    source = ctx.get_parameter_source(name) if ctx is not None else None
    return None if source is None else source.name != "DEFAULT"


def _flag(name: str, value: bool, configured: bool | None) -> bool:
    """A boolean option's value: the command line's when given there, else the
    configuration file's, else the default."""
    typed = _typed(name)
    given = value if typed is None else typed
    return value if given or configured is None else configured


class Run:
    """One command's walk and run, shared by scan, diff and fix."""

    def __init__(
        self,
        paths: list[str] | None,
        select: list[str] | None,
        ignore: list[str] | None,
        unsafe_fixes: bool,
        jobs: int,
        include_generated: bool,
        include_vendor: bool,
        config_file: str | None = None,
        report_unused_suppressions: bool = False,
        no_cache: bool = False,
        cache_dir: str | None = None,
        settle: bool = True,
    ) -> None:
        self.paths = paths or ["."]
        for path in self.paths:
            if not os.path.exists(path):
                raise fail_usage(f"path does not exist: {path}")
        try:  # the command line overrides the file, key by key
            config = resolve_config(self.paths, config_file, all_codemods())
        except ConfigError as exc:
            raise fail_usage(str(exc)) from None
        chosen_select, chosen_ignore = _split_ids(select), _split_ids(ignore)
        if not chosen_select:  # --select starts afresh; --ignore alone replaces the file's
            chosen_select = list(config.select or ())
            chosen_ignore = chosen_ignore or list(config.ignore or ())
        try:
            codemods = select_codemods(chosen_select or None, chosen_ignore or None)
        except KeyError as exc:
            raise fail_usage(f"unknown codemod id: {exc.args[0]} (see 'gomend list')") from None
        self.codemods = codemods
        self.options = RunOptions(
            codemod_ids=tuple(c.id for c in codemods),
            unsafe_fixes=_flag("unsafe_fixes", unsafe_fixes, config.unsafe_fixes),
            settings=config.settings,
            include_generated=_flag(
                "include_generated", include_generated, config.include_generated
            ),
            report_unused_suppressions=report_unused_suppressions,
            settle=settle,
        )
        self.jobs = jobs or os.cpu_count() or 1
        self.walk_options = WalkOptions(
            include_vendor=include_vendor, exclude=config.exclude, exclude_base=config.folder
        )
        self.cache: ResultCache | None = None
        self.index: StatIndex | None = None
        if not no_cache:
            from gomend.engine.run.cache import ResultCache, default_cache_dir
            from gomend.engine.run.index import StatIndex, supported

            folder = cache_dir or default_cache_dir()
            walk = (self.paths, repr(self.walk_options))
            self.cache = ResultCache(folder, self.options, codemods, walk)
            if supported():
                self.index = StatIndex(self.cache.root, *walk)
        self.summary = Summary()
        self.started = time.perf_counter()

    def results(self, show_progress: bool) -> Iterator[FileResult]:
        """Each file's result, in path order, while the walk goes on (a progress bar, which
        needs the number of files, waits for the walk)."""
        walker = Walker(self.paths, self.walk_options)
        progress_bar = show_progress and err.is_terminal
        files: Iterable[str] = list(walker) if progress_bar else walker
        noted = 0

        def note_skipped() -> None:  # what the walk passed over, as it goes
            nonlocal noted
            for where, why in walker.skipped[noted:]:
                self.summary.skipped += 1
                err.print(f"{display_path(where)}: skipped: {why}", markup=False)
            noted = len(walker.skipped)

        def walked() -> Iterator[str]:
            for path in files:
                note_skipped()
                yield path

        stream = run_paths(
            walked(), self.options, jobs=self.jobs, cache=self.cache, index=self.index
        )
        if progress_bar and isinstance(files, list) and len(files) > 1:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            columns = (
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=err.console, transient=True) as progress:
                task = progress.add_task("gomend", total=len(files))
                for result in stream:
                    progress.advance(task)
                    self.summary.add(result)
                    yield result
        else:
            for result in stream:
                self.summary.add(result)
                yield result
        note_skipped()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def _report(output_format: Format, results: list[FileResult], run: Run, command: str) -> str:
    """The report of a scan or diff in one format (text: the lines or diffs of the terminal)."""
    fixes_written = command != "scan"
    if output_format is Format.json:
        return json_report(results, run.summary, run.seconds, fixes_written=fixes_written)
    if output_format is Format.sarif:
        from gomend.engine.cli.sarif import sarif_report  # only this format needs it

        return sarif_report(results, run.codemods, fixes_written=fixes_written)
    if output_format is Format.github:
        return "".join(line + "\n" for line in github_annotations(results))
    if command == "diff":
        return "".join(
            unified_diff(display_path(r.path), r.before, r.after)
            for r in results
            if r.status == "changed" and r.before is not None and r.after is not None
        )
    return "".join(line + "\n" for r in results for line in finding_lines(r))


def _deliver(
    output_format: Format, output: str | None, results: list[FileResult], run: Run, command: str
) -> None:
    """The report to stdout (formats other than text, which was streamed) or to --output."""
    if output is None:
        if output_format is not Format.text:
            text = _report(output_format, results, run, command)
            sys.stdout.write(text if not text or text.endswith("\n") else text + "\n")
            sys.stdout.flush()
        return
    text = _report(output_format, results, run, command)
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text if not text or text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise fail_usage(f"cannot write --output {output}: {exc.strerror or exc}") from None


def _registry_guard() -> None:
    try:
        all_codemods()
    except RegistryError as exc:
        err.print(f"gomend: error: {exc}", markup=False)
        raise typer.Exit(2) from None


@app.command()
def scan(
    paths: PathsArg = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    jobs: JobsOpt = 0,
    output_format: FormatOpt = Format.text,
    no_progress: NoProgressOpt = False,
    quiet: QuietOpt = False,
    include_generated: GeneratedOpt = False,
    include_vendor: VendorOpt = False,
    config_file: ConfigOpt = None,
    output: OutputOpt = None,
    report_unused_suppressions: UnusedOpt = False,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Report findings and change nothing. Exit 1 when there are findings.

    //gomend:ignore ID reason (or //nolint:ID) on a finding's line or the line above silences it; one without a reason is reported as suppression-without-reason, and with --report-unused-suppressions one that silences nothing as unused-suppression (see 'gomend explain suppression-without-reason')."""
    _registry_guard()
    run = Run(
        paths,
        select,
        ignore,
        unsafe_fixes,
        jobs,
        include_generated,
        include_vendor,
        config_file=config_file,
        report_unused_suppressions=report_unused_suppressions,
        no_cache=no_cache,
        cache_dir=cache_dir,
        settle=False,  # findings and whether fixes apply: no fixpoint to reach
    )
    terminal = Format.text if output is not None else output_format
    collected = []
    for result in run.results(not no_progress):
        if terminal is Format.text:
            for line in finding_lines(result):
                typer.echo(line)
            note = status_line(result)
            if note:
                err.print(note, markup=False)
        if terminal is not Format.text or output is not None:
            collected.append(result)
    _deliver(output_format, output, collected, run, "scan")
    if not quiet:
        err.print(run.summary.line(run.seconds, changed_word="fixable"), markup=False)
    raise typer.Exit(1 if sum(run.summary.findings.values()) else 0)


@app.command()
def diff(
    paths: PathsArg = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    jobs: JobsOpt = 0,
    output_format: FormatOpt = Format.text,
    no_progress: NoProgressOpt = False,
    quiet: QuietOpt = False,
    include_generated: GeneratedOpt = False,
    include_vendor: VendorOpt = False,
    config_file: ConfigOpt = None,
    output: OutputOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Dry run: print a git-style diff of every fix. Exit 1 when something would change."""
    _registry_guard()
    run = Run(
        paths,
        select,
        ignore,
        unsafe_fixes,
        jobs,
        include_generated,
        include_vendor,
        config_file=config_file,
        no_cache=no_cache,
        cache_dir=cache_dir,
    )
    terminal = Format.text if output is not None else output_format
    collected = []
    for result in run.results(not no_progress):
        note = status_line(result)
        if note:
            err.print(note, markup=False)
        if terminal is not Format.text or output is not None:
            collected.append(result)
        if (
            terminal is Format.text
            and result.status == "changed"
            and result.before is not None
            and result.after is not None
        ):
            sys.stdout.write(unified_diff(display_path(result.path), result.before, result.after))
            sys.stdout.flush()
    _deliver(output_format, output, collected, run, "diff")
    if not quiet:
        err.print(run.summary.line(run.seconds, changed_word="would change"), markup=False)
    raise typer.Exit(1 if run.summary.changed else 0)


@app.command()
def fix(
    paths: PathsArg = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    unsafe_fixes: UnsafeOpt = False,
    jobs: JobsOpt = 0,
    no_progress: NoProgressOpt = False,
    quiet: QuietOpt = False,
    include_generated: GeneratedOpt = False,
    include_vendor: VendorOpt = False,
    config_file: ConfigOpt = None,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Write the fixes in place (each file replaced atomically). Findings without an applied
    fix are listed."""
    _registry_guard()
    run = Run(
        paths,
        select,
        ignore,
        unsafe_fixes,
        jobs,
        include_generated,
        include_vendor,
        config_file=config_file,
        no_cache=no_cache,
        cache_dir=cache_dir,
    )
    write_failures = 0
    for result in run.results(not no_progress):
        if result.status == "changed" and result.after is not None:
            try:
                write_atomic(result.path, result.after)
            except OSError as exc:
                write_failures += 1
                run.summary.changed -= 1
                err.print(
                    f"{display_path(result.path)}: failed: cannot write: {exc.strerror or exc}",
                    markup=False,
                )
                continue
        for line in finding_lines(result, show_fixed=True):
            typer.echo(line)
        note = status_line(result)
        if note:
            err.print(note, markup=False)
    if not quiet:
        err.print(run.summary.line(run.seconds, changed_word="changed"), markup=False)
    raise typer.Exit(1 if write_failures or run.summary.failed else 0)


@app.command(name="list")
def list_codemods() -> None:
    """The codemods: id, fix safety and title."""
    _registry_guard()
    width = max(len(c.id) for c in all_codemods())
    for c in all_codemods():
        typer.echo(f"{c.id:<{width}}  {c.safety.value:<6}  {c.title}")


@app.command()
def explain(
    codemod_id: Annotated[
        str, typer.Argument(metavar="ID", help="A codemod id (see 'gomend list').")
    ],
) -> None:
    """Print a codemod's documentation: what it does, why, example, what to use instead, fix safety."""
    _registry_guard()
    try:
        codemod = get_codemod(codemod_id)
    except KeyError:
        if codemod_id in META_RULES:  # the findings about suppression comments
            title, doc = META_RULES[codemod_id]
            typer.echo(f"{codemod_id}: {title}\n\n{doc.strip()}")
            return
        raise fail_usage(f"unknown codemod id: {codemod_id} (see 'gomend list')") from None
    typer.echo(f"{codemod.id}: {codemod.title}\n")
    typer.echo(f"Fix safety: {codemod.safety.value}\n")
    typer.echo(codemod.doc.split("\n", 1)[1].strip() if "\n" in codemod.doc else codemod.doc)
    if codemod.settings:
        typer.echo("\n## Settings")
        for s in codemod.settings:
            typer.echo(f"- {s.name} ({s.kind}, default {s.default!r}): {s.help}")


# --- git branches and migrations ---------------------------------------------------------

if TYPE_CHECKING:
    from gomend.engine.git.branch import BranchOptions

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


def _given(*names: str) -> frozenset[str]:
    """Which of these options were typed on the command line (not left at their default)."""
    return frozenset(n for n in names if _typed(n))


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
        codemods = select_codemods(_split_ids(select) or None, _split_ids(ignore) or None)
    except KeyError as exc:
        raise fail_usage(f"unknown codemod id: {exc.args[0]} (see 'gomend list')") from None
    if config_file is not None:  # checked now, so a bad file stops before any repository
        try:
            resolve_config(["."], config_file, all_codemods())
        except ConfigError as exc:
            raise fail_usage(str(exc)) from None
    given = _given("unsafe_fixes", "include_generated")
    given |= {n for n, v in (("select", select), ("ignore", ignore)) if _split_ids(v)}
    return BranchOptions(
        codemod_ids=tuple(c.id for c in codemods),
        unsafe_fixes=unsafe_fixes,
        include_generated=include_generated,
        include_vendor=include_vendor,
        config_file=os.path.abspath(config_file) if config_file else None,
        given=frozenset(given),
        **kwargs,  # type: ignore[arg-type]
    )


@app.command()
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
) -> None:
    """Commit the fixes on a new branch (one commit per codemod), built in a temporary
    worktree: your working tree, index, stash and current branch are left alone."""
    from gomend.engine.git.branch import BranchError, build_branch

    _registry_guard()
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
    )
    try:
        result = build_branch(repo, options)
    except BranchError as exc:
        err.print(f"gomend: error: {exc}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    for problem in result.problems:
        err.print(problem, markup=False)
    for commit in result.commits:
        typer.echo(
            f"{commit.sha[:12]} {commit.codemod}: {len(commit.files)} file(s), "
            f"{commit.fixes} fix(es)"
        )
    if not quiet or result.error:
        err.print(result.summary(), markup=False)
    raise typer.Exit(1 if result.error else 0)


class Split(StrEnum):
    repository = "repository"
    module = "module"


class Executor(StrEnum):
    process = "process"
    dask = "dask"


@app.command()
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
) -> None:
    """Make fix branches across many repositories and every Go module in them, in parallel,
    with a report. Exit 1 when any repository failed."""
    from gomend.engine.git import migrate as mig

    _registry_guard()
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
    )
    try:
        if report:
            mig.report_kind(report)
        if executor is Executor.dask and not scheduler:
            raise mig.MigrateError("--executor dask needs --scheduler ADDRESS")
        all_targets = list(targets or []) + (mig.read_targets(repos) if repos else [])
        if not all_targets:
            raise mig.MigrateError("no repositories: give REPO... or --repos FILE")
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
        folder = workdir or os.path.join(cache, "gomend", "repos")
        settings = mig.MigrateOptions(
            options, os.path.abspath(os.path.expanduser(folder)), split is Split.module
        )
        workers = jobs or os.cpu_count() or 1
        show = not no_progress and err.is_terminal
        with contextlib.ExitStack() as stack:
            events = None
            on_done = None
            if show:
                display = stack.enter_context(mig.MigrationProgress(err.console, len(all_targets)))
                pooled = executor is Executor.process and workers > 1
                events = display.events() if pooled else display
                on_done = display.finished
            reports = mig.run_migration(
                all_targets,
                settings,
                jobs=workers,
                executor=executor.value,
                scheduler=scheduler,
                events=events,
                on_done=on_done,
            )
    except mig.MigrateError as exc:
        raise fail_usage(str(exc)) from None
    seconds = time.perf_counter() - started
    from rich.console import Console

    out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 1000)
    out.print(mig.report_table(reports))
    if report:
        try:
            mig.write_report(report, reports, seconds)
        except OSError as exc:
            err.print(f"gomend: error: cannot write {report}: {exc.strerror or exc}", markup=False)
            raise typer.Exit(1) from None
    for failed in (r for r in reports if r.failed):
        reason = failed.error or "; ".join(m.error for m in failed.modules if m.error)
        err.print(f"{failed.target}: failed: {reason}", markup=False)
    if not quiet:
        err.print(mig.summary_line(reports, seconds), markup=False)
    raise typer.Exit(1 if any(r.failed for r in reports) else 0)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gomend {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """gomend: codemods for Go's runtime APIs."""


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to run: for a known command, one that holds only it (typer builds the options
    of every command it holds on each run: 16 ms for all of them, a tenth of a warm scan);
    else the whole app (its help, a misspelt command)."""
    name = next((a for a in argv if not a.startswith("-")), None)
    chosen = [
        info
        for info in app.registered_commands
        if name is not None
        and (info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")))
        == name
    ]
    if not chosen:
        return app
    single = copy.copy(app)  # the same settings and --version, one command
    single.registered_commands = chosen
    return single


def run() -> None:
    """The console script: typer's app, with usage errors as one line and exit code 2."""
    try:
        code = _app_for(sys.argv[1:])(standalone_mode=False)
    except click.UsageError as exc:
        if not exc.format_message():  # "gomend" alone: the help was printed
            sys.exit(2)
        command = exc.ctx.command_path if exc.ctx is not None else "gomend"
        err.print(f"gomend: error: {exc.format_message()} (see '{command} --help')", markup=False)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        err.print("gomend: interrupted", markup=False)
        sys.exit(130)
    except click.ClickException as exc:
        err.print(f"gomend: error: {exc.format_message()}", markup=False)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
