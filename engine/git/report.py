"""The migration report: one row per module, as a table, JSON or Markdown, and a summary line.

Each row holds the module's findings per codemod, files changed, branch, status, whether it
was pushed, and the error; a repository that failed as a whole has one row saying so. With
one branch for a repository that holds several modules, the branch's findings and files are
shared out by the module holding them.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table

from gomend.engine import __version__
from gomend.engine.git.records import BranchResult
from gomend.engine.git.targets import MigrateError, Module, repository_name


@dataclass
class ModuleReport:
    folder: str
    module: str
    findings: dict[str, int] = field(default_factory=dict)  # codemod -> findings
    files_changed: int = 0
    branch: str = ""
    status: str = ""  # a BranchResult status, or "failed"
    pushed: bool = False
    error: str = ""
    reverted: list[str] = field(default_factory=list)  # --verify: packages Go turned down


@dataclass
class RepoReport:
    target: str
    path: str = ""  # the local repository (the clone for a URL)
    modules: list[ModuleReport] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.error) or any(m.error for m in self.modules)

    @property
    def name(self) -> str:
        return repository_name(self.target)


def owner(path: str, folders: Sequence[str]) -> str | None:
    """The innermost module folder holding ``path``."""
    best: str | None = None
    for folder in folders:
        if folder == "." or path.startswith(folder + "/"):
            if best is None or best == "." or len(folder) > len(best):
                best = folder
    return best


def module_rows(modules: Sequence[Module], results: Sequence[BranchResult]) -> list[ModuleReport]:
    """One row per module: with one branch per module, each from its own result; with one
    branch for the repository, findings and files shared out by the module holding them."""
    names = {m.folder: m.path for m in modules}
    by_folder = {r.folder: r for r in results}
    if len(results) > 1 or (results and results[0].folder != "."):
        return [_row(m.folder, m.path, by_folder[m.folder]) for m in modules]
    result = results[0]
    folders = [m.folder for m in modules]
    rows = {folder: _row(folder, names[folder], result, counts=False) for folder in folders}
    for path in sorted({*result.findings, *result.files_changed}):
        folder = owner(path, folders)
        if folder is None:
            folder = "-"
            rows.setdefault(folder, _row(folder, "", result, counts=False))
        row = rows[folder]
        for codemod, n in result.findings.get(path, {}).items():
            row.findings[codemod] = row.findings.get(codemod, 0) + n
        if path in result.files_changed:
            row.files_changed += 1
    if not rows:
        rows["."] = _row(".", "", result)
    for row in rows.values():
        row.findings = dict(sorted(row.findings.items()))
    return list(rows.values())


def _row(folder: str, module: str, result: BranchResult, counts: bool = True) -> ModuleReport:
    return ModuleReport(
        folder=folder,
        module=module,
        findings=result.findings_by_codemod() if counts else {},
        files_changed=len(result.files_changed) if counts else 0,
        branch=result.branch if result.status not in ("nothing to fix",) else "",
        status=result.status,
        pushed=result.pushed,
        error=result.error,
        reverted=[p for p in result.problems if " fix reverted: " in p],
    )


REPORT_COLUMNS = (
    "repository",
    "module",
    "findings",
    "files changed",
    "branch",
    "status",
    "pushed",
    "error",
)


def findings_text(findings: dict[str, int]) -> str:
    return ", ".join(f"{codemod} {n}" for codemod, n in findings.items()) or "-"


def report_rows(reports: Iterable[RepoReport]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for report in reports:
        if report.error or not report.modules:
            rows.append((report.target, "-", "-", "-", "-", "failed", "no", report.error))
            continue
        for m in report.modules:
            module = m.module or "-"
            if m.folder not in (".", "-"):
                module = f"{m.folder} ({m.module or '-'})"
            rows.append(
                (
                    report.target,
                    module,
                    findings_text(m.findings),
                    str(m.files_changed),
                    m.branch or "-",
                    m.status,
                    "yes" if m.pushed else "no",
                    m.error,
                )
            )
    return rows


def summary_counts(reports: Sequence[RepoReport]) -> dict[str, Any]:
    statuses: dict[str, int] = {}
    findings: dict[str, int] = {}
    modules = 0
    for report in reports:
        modules += len(report.modules)
        seen: set[str] = set()
        for m in report.modules:
            if m.branch and m.branch not in seen:
                seen.add(m.branch)
                statuses[m.status] = statuses.get(m.status, 0) + 1
            for codemod, n in m.findings.items():
                findings[codemod] = findings.get(codemod, 0) + n
    return {
        "repositories": len(reports),
        "failed": sum(1 for r in reports if r.failed),
        "modules": modules,
        "branches": dict(sorted(statuses.items())),
        "findings": dict(sorted(findings.items())),
    }


def summary_line(reports: Sequence[RepoReport], seconds: float) -> str:
    counts = summary_counts(reports)
    branches = ", ".join(f"{n} {status}" for status, n in counts["branches"].items())
    text = (
        f"{counts['repositories']} repositories, {counts['modules']} modules; "
        f"branches: {branches or 'none'}; {counts['failed']} failed"
    )
    if counts["findings"]:
        text += f"; findings: {findings_text(counts['findings'])}"
    return text + f" in {seconds:.2f}s"


def report_json(reports: Sequence[RepoReport], seconds: float) -> str:
    doc = {
        "version": __version__,
        "repositories": [
            {
                "target": r.target,
                "path": r.path,
                "failed": r.failed,
                "error": r.error,
                "seconds": round(r.seconds, 3),
                "modules": [dataclasses.asdict(m) for m in r.modules],
            }
            for r in reports
        ],
        "summary": {**summary_counts(reports), "seconds": round(seconds, 3)},
    }
    return json.dumps(doc, indent=2) + "\n"


def report_markdown(reports: Sequence[RepoReport], seconds: float) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ") or " "

    lines = [
        "# gomend migration report",
        "",
        summary_line(reports, seconds),
        "",
        "| " + " | ".join(c.capitalize() for c in REPORT_COLUMNS) + " |",
        "|" + "---|" * len(REPORT_COLUMNS),
    ]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in report_rows(reports))
    return "\n".join(lines) + "\n"


def write_report(path: str, reports: Sequence[RepoReport], seconds: float) -> None:
    text = (
        report_json(reports, seconds)
        if report_kind(path) == "json"
        else report_markdown(reports, seconds)
    )
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


def report_table(reports: Sequence[RepoReport]) -> Table:
    table = Table(*(c.capitalize() for c in REPORT_COLUMNS), title="gomend migration")
    for row in report_rows(reports):
        table.add_row(*row, style="red" if row[-1] else None)
    return table
