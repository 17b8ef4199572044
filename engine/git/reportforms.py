"""The migration report's forms, all made from the same rows (``report``): the terminal's
table, or one block per module where the table would not fit the terminal (rich would cut
its cells); JSON and Markdown, written with ``--report FILE``; and ``failed_targets``, which
reads back from a JSON report the repositories to run again.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gomend.engine import __version__
from gomend.engine.git.report import (
    RepoReport,
    report_columns,
    report_rows,
    summary_counts,
    summary_line,
)
from gomend.engine.git.targets import MigrateError, is_url


def report_json(
    reports: Sequence[RepoReport], seconds: float, duplicates: Sequence[str] = ()
) -> str:
    doc = {
        "version": __version__,
        "repositories": [
            {
                "target": r.target,
                "path": r.path,
                "failed": r.failed,
                "error": r.error,
                "interrupted": r.interrupted,
                "seconds": round(r.seconds, 3),
                "retries": r.retries,
                "log": r.log,
                "modules": [dataclasses.asdict(m) for m in r.modules],
            }
            for r in reports
        ],
        "summary": {**summary_counts(reports), "seconds": round(seconds, 3)},
        "duplicates": list(duplicates),  # targets given again, run once
    }
    return json.dumps(doc, indent=2) + "\n"


def report_markdown(
    reports: Sequence[RepoReport], seconds: float, duplicates: Sequence[str] = ()
) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ") or " "

    columns = report_columns(reports)
    lines = [
        "# gomend migration report",
        "",
        summary_line(reports, seconds),
        "",
        *([f"Given more than once, run once: {', '.join(duplicates)}", ""] if duplicates else []),
        "| " + " | ".join(c.capitalize() for c in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in report_rows(reports))
    return "\n".join(lines) + "\n"


def write_report(
    path: str, reports: Sequence[RepoReport], seconds: float, duplicates: Sequence[str] = ()
) -> None:
    if report_kind(path) == "json":
        text = report_json(reports, seconds, duplicates)
    else:
        text = report_markdown(reports, seconds, duplicates)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def report_kind(path: str) -> str:
    """``json`` or ``markdown`` by the file's extension; ``MigrateError`` otherwise."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        return "json"
    if ext in (".md", ".markdown"):
        return "markdown"
    raise MigrateError(f"--report must end in .json, .md or .markdown: {path}")


def failed_targets(path: str) -> list[str]:
    """The repositories that failed or were interrupted in a JSON report, in its order (a
    local one by its absolute path); ``MigrateError`` for a file that is not one."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        repos = doc["repositories"]
        chosen = [r for r in repos if r.get("failed") or r.get("interrupted")]
        return [
            r["path"] if r.get("path") and not is_url(r["target"]) else r["target"] for r in chosen
        ]
    except OSError as exc:
        raise MigrateError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError):
        raise MigrateError(f"not a gomend migration report in JSON: {path}") from None


def print_report(console: Console, reports: Sequence[RepoReport]) -> None:
    """The report on ``console``: the table when it fits the console's width, else one
    block per module, so that no fact is cut short."""
    table = report_table(reports)
    natural = console.measure(table, options=console.options.update_width(1_000_000))
    if natural.maximum <= console.width:
        console.print(table)
    else:
        console.print(report_blocks(reports), markup=False, highlight=False, soft_wrap=True)


def report_blocks(reports: Sequence[RepoReport]) -> str:
    """The report as text, one block per module: the same facts as the table's row."""
    columns = report_columns(reports)
    blocks = []
    for row in report_rows(reports):
        fact = dict(zip(columns, row, strict=True))
        pushed = "pushed" if fact["pushed"] == "yes" else "not pushed"
        lines = [f"{fact['repository']}  {fact['module']}: {fact['status']}, {pushed}"]
        lines.append(f"    findings: {fact['findings']}")
        lines.append(
            f"    files changed: {fact['files changed']}; files skipped: {fact['files skipped']}"
        )
        lines.append(
            f"    branch: {fact['branch']}; base: {fact['base']}; commit: {fact['commit']}"
        )
        if "retries" in fact:
            lines.append(f"    retries: {fact['retries']}")
        if fact["error"]:
            lines.append(f"    error: {fact['error']}")
        blocks.append("\n".join(lines))
    return "gomend migration\n\n" + "\n\n".join(blocks)


def report_table(reports: Sequence[RepoReport]) -> Table:
    table = Table(*(c.capitalize() for c in report_columns(reports)), title="gomend migration")
    for row in report_rows(reports):  # Text: "[rejected]" is git's, not markup
        table.add_row(*(Text(cell) for cell in row), style="red" if row[-1] else None)
    return table
