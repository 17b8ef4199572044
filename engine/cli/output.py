"""A scan's or diff's report in the --format asked for, and where it goes: stdout (formats
other than text, which the command streams) or the --output file."""

from __future__ import annotations

import contextlib
import os
import sys

from gomend.engine.cli.colour import stdout_coloured
from gomend.engine.cli.console import err
from gomend.engine.cli.diff import unified_diff
from gomend.engine.cli.options import Format, fail_usage
from gomend.engine.cli.report import (
    MAX_ANNOTATIONS,
    display_path,
    finding_lines,
    github_annotations,
    github_summary,
    json_report,
)
from gomend.engine.cli.session import Run
from gomend.engine.cli.statistics import Statistics
from gomend.engine.run.result import FileResult

_stdout_closed = [False]


def emit(text: str) -> None:
    """Write to standard output; once the reader has gone (``gomend scan | head``), the rest
    is dropped instead of ending the run, so that ``--output`` still gets its report."""
    if _stdout_closed[0] or err.above_bar(text):
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_closed[0] = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush fails no more


def check_output(output: str | None) -> None:
    """Fail before the run (exit 2, one line) when ``--output`` cannot be written."""
    if output is None:
        return
    try:
        with open(output, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise fail_usage(f"cannot write --output {output}: {exc.strerror or exc}") from None


def report(output_format: Format, results: list[FileResult], run: Run, command: str) -> str:
    """The report of a scan or diff in one format (text: the lines or diffs of the terminal)."""
    fixes_written = command != "scan"
    if output_format is Format.json:
        return json_report(
            results, run.summary, run.seconds, fixes_written=fixes_written, command=command
        )
    if output_format is Format.sarif:
        from gomend.engine.cli.sarif import sarif_report  # only this format needs it

        return sarif_report(results, run.codemods, fixes_written=fixes_written)
    if output_format is Format.github:
        lines, omitted = github_annotations(results, run.max_annotations)
        if omitted:  # a log line, not an annotation: GitHub would drop it past the limit
            lines.append(
                f"gomend: {omitted} more finding{'s' if omitted != 1 else ''} not annotated "
                f"(GitHub shows {MAX_ANNOTATIONS} per step; --max-annotations to change): "
                "see the job summary or the text output"
            )
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with contextlib.suppress(OSError), open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(github_summary(results, command))
        return "".join(line + "\n" for line in lines)
    if command == "diff":
        return "".join(
            unified_diff(display_path(r.path), r.before, r.after)
            for r in results
            if r.status == "changed" and r.before is not None and r.after is not None
        )
    return "".join(line + "\n" for r in results for line in finding_lines(r))


def deliver(
    output_format: Format,
    output: str | None,
    results: list[FileResult],
    run: Run,
    command: str,
    stats: Statistics | None = None,
) -> None:
    """The report to stdout (formats other than text, which was streamed) or to --output;
    with ``--statistics`` (``stats``), its table on stdout instead (JSON rows for ``--format
    json``), the report still going to --output."""
    if stats is not None:
        as_json = output is None and output_format is Format.json
        rows = [stats.json()] if as_json else stats.table(stdout_coloured())
        emit("".join(line + "\n" for line in rows))
        if output is None:
            return
    if output is None:
        if output_format is not Format.text:
            text = report(output_format, results, run, command)
            emit(text if not text or text.endswith("\n") else text + "\n")
        return
    text = report(output_format, results, run, command)
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text if not text or text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise fail_usage(f"cannot write --output {output}: {exc.strerror or exc}") from None
