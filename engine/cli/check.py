"""The commands that look at Go files: scan, diff and fix (over the walk), list and explain
(the codemods' documentation)."""

from __future__ import annotations

import os
import sys
from typing import Annotated, NoReturn

import typer

from gomend.engine.cli import colour
from gomend.engine.cli.colour import stdout_coloured
from gomend.engine.cli.console import err
from gomend.engine.cli.diff import unified_diff
from gomend.engine.cli.options import (
    CacheDirOpt,
    ConfigOpt,
    Format,
    FormatOpt,
    GeneratedOpt,
    IgnoreOpt,
    JobsOpt,
    MaxAnnotationsOpt,
    NewFromMergeBaseOpt,
    NewFromRevOpt,
    NoCacheOpt,
    NoProgressOpt,
    OutputOpt,
    PathsArg,
    QuietOpt,
    SelectOpt,
    ShowConfigOpt,
    StatisticsOpt,
    StdinFilenameOpt,
    UnsafeOpt,
    UnusedOpt,
    VendorOpt,
    VerifyOpt,
    fail_usage,
    flag_value,
    registry_guard,
    require_go,
)
from gomend.engine.cli.output import check_output, deliver, emit
from gomend.engine.cli.report import display_path, finding_lines, status_line
from gomend.engine.cli.session import Run
from gomend.engine.cli.statistics import statistics_for
from gomend.engine.registry import all_codemods, get_codemod
from gomend.engine.run.fixpoint import SYNTAX_ERROR
from gomend.engine.run.result import FileResult
from gomend.engine.run.suppress import META_RULES
from gomend.engine.run.verify import verify_fixes
from gomend.engine.run.writer import WriteRefused, remove_stale_temps, write_atomic


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
    max_annotations: MaxAnnotationsOpt = 10,
    report_unused_suppressions: UnusedOpt = False,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    stdin_filename: StdinFilenameOpt = None,
    new_from_rev: NewFromRevOpt = None,
    new_from_merge_base: NewFromMergeBaseOpt = None,
    statistics: StatisticsOpt = False,
    show_config: ShowConfigOpt = False,
) -> None:
    """Report findings and change nothing. Exit 1 when there are findings.

    //gomend:ignore ID reason (or //nolint:ID) on a finding's line or the line above silences it; one without a reason is reported as suppression-without-reason, and with --report-unused-suppressions one that silences nothing as unused-suppression (see 'gomend explain suppression-without-reason')."""
    registry_guard()
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
        stdin_filename=stdin_filename,
        new_from_rev=new_from_rev,
        new_from_merge_base=new_from_merge_base,
        settle=False,  # findings and whether fixes apply: no fixpoint to reach
    )
    run.max_annotations = max_annotations
    if show_config:
        for line in run.config_lines():
            typer.echo(line)
        raise typer.Exit(0)
    check_output(output)
    terminal = Format.text if output is not None else output_format
    stats = statistics_for(statistics, terminal)
    painted = stdout_coloured()
    collected = []
    for result in run.results(not no_progress):
        unsafe = run.options_of(result.path).unsafe_fixes
        if stats is not None:
            stats.add(result, unsafe)
        if terminal is Format.text:
            shown = finding_lines(result, unsafe_fixes=unsafe, colour=painted)
            for line in shown if stats is None else ():
                emit(line + "\n")
            note = status_line(result)
            if note:
                err.print(note, markup=False)
        if terminal is not Format.text or output is not None:
            collected.append(result)
    deliver(output_format, output, collected, run, "scan", stats)
    if not quiet:
        err.print(run.summary.line(run.seconds, changed_word=None), markup=False)
        hint = run.summary.hint()
        if hint:
            err.print(hint, markup=False)
    raise typer.Exit(1 if sum(run.summary.findings.values()) else 0)


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
    max_annotations: MaxAnnotationsOpt = 10,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
    stdin_filename: StdinFilenameOpt = None,
    new_from_rev: NewFromRevOpt = None,
    new_from_merge_base: NewFromMergeBaseOpt = None,
    statistics: StatisticsOpt = False,
) -> None:
    """Dry run: print a git-style diff of every fix. Exit 1 when something would change."""
    registry_guard()
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
        stdin_filename=stdin_filename,
        new_from_rev=new_from_rev,
        new_from_merge_base=new_from_merge_base,
    )
    run.max_annotations = max_annotations
    check_output(output)
    terminal = Format.text if output is not None else output_format
    stats = statistics_for(statistics, terminal, applied=True)
    painted = stdout_coloured()
    collected = []
    for result in run.results(not no_progress):
        note = status_line(result)
        if note:
            err.print(note, markup=False)
        if terminal is not Format.text or output is not None:
            collected.append(result)
        if stats is not None:
            stats.add(result, run.options_of(result.path).unsafe_fixes)
        elif (
            terminal is Format.text
            and result.status == "changed"
            and result.before is not None
            and result.after is not None
        ):
            patch = unified_diff(display_path(result.path), result.before, result.after)
            emit(colour.diff(patch) if painted else patch)
    deliver(output_format, output, collected, run, "diff", stats)
    if not quiet:
        err.print(run.summary.line(run.seconds, changed_word="would change"), markup=False)
    raise typer.Exit(1 if run.summary.changed or run.summary.findings.get(SYNTAX_ERROR) else 0)


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
    stdin_filename: StdinFilenameOpt = None,
    new_from_rev: NewFromRevOpt = None,
    new_from_merge_base: NewFromMergeBaseOpt = None,
    statistics: StatisticsOpt = False,
    verify: VerifyOpt = False,
) -> None:
    """Write the fixes in place (each file replaced atomically). Findings without an applied
    fix are listed. With --verify, Go builds and vets every package the fixes touch before
    and after, and a package that newly fails is restored."""
    registry_guard()
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
        stdin_filename=stdin_filename,
        new_from_rev=new_from_rev,
        new_from_merge_base=new_from_merge_base,
    )
    if stdin_filename is not None:
        _fix_stdin(run, quiet)
    verify = flag_value("verify", verify, run.verify_configured)
    if verify:
        require_go()
    write_failures = 0

    def write(path: str, data: bytes, expected: bytes | None = None) -> bool:
        nonlocal write_failures
        try:
            write_atomic(path, data, expected)
        except OSError as exc:
            write_failures += 1
            run.summary.changed -= 1
            reason = exc.strerror or str(exc)
            why = reason if isinstance(exc, WriteRefused) else f"cannot write: {reason}"
            err.print(f"{display_path(path)}: failed: {why}", markup=False)
            return False
        return True

    pending: dict[str, tuple[bytes, bytes]] = {}  # --verify: written after Go's first look
    verifying: list[tuple[FileResult, bool]] = []  # --statistics --verify: counted after it
    stats = statistics_for(statistics, Format.text, applied=True, heading="fixed")
    painted = stdout_coloured()
    for result in run.results(not no_progress):
        if result.status == "changed" and result.after is not None:
            if verify:
                assert result.before is not None
                pending[result.path] = (result.before, result.after)
            elif not write(result.path, result.after, result.before):
                continue
        unsafe = run.options_of(result.path).unsafe_fixes
        if stats is not None and result.path in pending:
            verifying.append((result, unsafe))  # counted once Go has said what is kept
        elif stats is not None:
            stats.add(result, unsafe)
        shown = finding_lines(result, True, unsafe, colour=painted)
        for line in shown if stats is None else ():
            emit(line + "\n")
        note = status_line(result)
        if note:
            err.print(note, markup=False)
    remove_stale_temps(run.temps)  # what killed runs left beside the files
    reverted = verify_fixes(pending, write) if pending else []
    if stats is not None:  # a reverted file's findings count, its fixes do not
        undone = {os.path.abspath(f) for package in reverted for f in package.files}
        for result, unsafe in verifying:
            stats.add(result, unsafe, kept=os.path.abspath(result.path) not in undone)
        emit("".join(line + "\n" for line in stats.table(painted)))
    for package in reverted:
        run.summary.changed -= len(package.files)
        err.print(f"fix reverted: {display_path(package.package)}: {package.error}", markup=False)
    if pending and not quiet:
        packages = len({os.path.dirname(os.path.abspath(p)) for p in pending})
        err.print(
            f"verified {packages} package{'s' if packages != 1 else ''} with go build and "
            f"go vet; {len(reverted)} reverted",
            markup=False,
        )
    if not quiet:
        err.print(run.summary.line(run.seconds, changed_word="changed"), markup=False)
        hint = run.summary.hint()
        if hint:
            err.print(hint, markup=False)
    broken = run.summary.findings.get(SYNTAX_ERROR)
    raise typer.Exit(1 if write_failures or run.summary.failed or broken or reverted else 0)


def _fix_stdin(run: Run, quiet: bool) -> NoReturn:
    """``fix --stdin-filename``: the fixed source (or the text as it came) on standard
    output, for an editor to put in its buffer; findings and the summary on stderr."""
    (result,) = run.results(False)
    for line in finding_lines(
        result, show_fixed=True, unsafe_fixes=run.options_of(result.path).unsafe_fixes
    ):
        err.print(line, markup=False)
    note = status_line(result)
    if note:
        err.print(note, markup=False)
    changed = result.status == "changed" and result.after is not None
    sys.stdout.buffer.write(result.after if changed and result.after else run.stdin_text)
    sys.stdout.flush()
    if not quiet:
        err.print(run.summary.line(run.seconds, changed_word="changed"), markup=False)
    failed = run.summary.failed or run.summary.findings.get(SYNTAX_ERROR)
    raise typer.Exit(1 if failed else 0)


def list_codemods() -> None:
    """The codemods: id, fix safety and title."""
    registry_guard()
    width = max(len(c.id) for c in all_codemods())
    for c in all_codemods():
        safety = "report only" if c.safety.value == "none" else c.safety.value
        typer.echo(f"{c.id:<{width}}  {safety:<11}  {c.title}")


def explain(
    codemod_id: Annotated[
        str, typer.Argument(metavar="ID", help="A codemod id (see 'gomend list').")
    ],
) -> None:
    """Print a codemod's documentation: what it does, why, example, what to use instead, fix safety."""
    registry_guard()
    text = explanation(codemod_id)
    if text is None:
        raise fail_usage(f"unknown codemod id: {codemod_id} (see 'gomend list')")
    typer.echo(text, nl=False)


def explanation(rule: str) -> str | None:
    """``gomend explain RULE``'s text (the language server's hover too); ``None`` for an
    unknown id."""
    try:
        codemod = get_codemod(rule)
    except KeyError:
        if rule not in META_RULES:
            return None
        title, doc = META_RULES[rule]  # the findings about suppression comments
        return f"{rule}: {title}\n\n{doc.strip()}\n"
    doc = codemod.doc.split("\n", 1)[1].strip() if "\n" in codemod.doc else codemod.doc
    text = f"{codemod.id}: {codemod.title}\n\nFix safety: {codemod.safety.value}\n\n{doc}\n"
    if codemod.settings:
        text += "\n## Settings\n" + "".join(
            f"- {s.name} ({s.kind}, default {s.default!r}): {s.help}\n" for s in codemod.settings
        )
    return text
