"""The migration report's facts: one row per module, a summary line, and the line that says
how each repository ended.

Each row holds the module's findings per codemod, files changed, branch, base commit, new
commit, status (see ``records``), whether it was pushed, the files passed over and why, and
the whole error; a repository that failed as a whole has one row saying so, and one that a
stop cut short says ``interrupted``. With one branch for a repository that holds several
modules, the branch's findings and files are shared out by the module holding them, and a
module with no file changed says ``nothing to fix``; the files outside every module have a
row of their own (``-``). The table, the JSON and the Markdown (``reportforms``) are made
from the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gomend.engine.git.records import (
    FAILED,
    INTERRUPTED,
    NOTHING_TO_FIX,
    BranchResult,
    plural,
)
from gomend.engine.git.targets import Module, repository_name


@dataclass
class ModuleReport:
    folder: str
    module: str
    findings: dict[str, int] = field(default_factory=dict)  # codemod -> findings
    files_changed: int = 0
    lines_added: int = 0  # the diff stat of the files changed
    lines_removed: int = 0
    branch: str = ""
    status: str = ""  # a BranchResult status
    pushed: bool = False
    error: str = ""
    reverted: list[str] = field(default_factory=list)  # --verify: packages Go turned down
    base: str = ""  # the commit the branch starts from
    commit: str = ""  # the branch's commit (none when there is no branch)
    files: list[str] = field(default_factory=list)  # the files changed
    problems: list[str] = field(default_factory=list)  # "path: skipped: why"


@dataclass
class RepoReport:
    target: str
    path: str = ""  # the local repository (the clone for a URL)
    modules: list[ModuleReport] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0
    interrupted: bool = False  # stopped before it finished
    log: str = ""  # the repository's log of git commands (``gitlog``)
    retries: int = 0  # times run again because a Dask worker holding it was lost

    @property
    def failed(self) -> bool:
        return not self.interrupted and (bool(self.error) or any(m.error for m in self.modules))

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
    """One row per module: with one branch per module, each from its own result (and a row
    ``-`` for the files outside every module, when it found something); with one branch
    for the repository, findings and files shared out by the module holding them."""
    names = {m.folder: m.path for m in modules}
    by_folder = {r.folder: r for r in results}
    if len(results) > 1 or (results and results[0].folder != "."):
        rows = [_row(m.folder, m.path, by_folder[m.folder]) for m in modules]
        rest = by_folder.get(".") if "." not in names else None
        if rest is not None and (rest.findings or rest.commits or rest.error):
            rows.append(_row("-", "", rest))
        return rows
    result = results[0]
    folders = [m.folder for m in modules]
    rows_by = {folder: _row(folder, names[folder], result, counts=False) for folder in folders}
    for path in sorted({*result.findings, *result.files_changed, *_problem_paths(result)}):
        folder = owner(path, folders)
        if folder is None:
            folder = "-"
            rows_by.setdefault(folder, _row(folder, "", result, counts=False))
        row = rows_by[folder]
        for codemod, n in result.findings.get(path, {}).items():
            row.findings[codemod] = row.findings.get(codemod, 0) + n
        if path in result.files_changed:
            row.files.append(path)
            added, removed = result.lines.get(path, (0, 0))
            row.lines_added += added
            row.lines_removed += removed
        row.problems.extend(p for p in result.problems if p.startswith(path + ": "))
    if not rows_by:
        rows_by["."] = _row(".", "", result)
    for row in rows_by.values():
        row.findings = dict(sorted(row.findings.items()))
        row.files_changed = len(row.files)
        if not row.files and row.status not in (FAILED, INTERRUPTED) and not row.error:
            _nothing(row)
    return list(rows_by.values())


def _problem_paths(result: BranchResult) -> set[str]:
    return {p.split(": ", 1)[0] for p in result.problems}


def _nothing(row: ModuleReport) -> None:
    """A module the repository's branch changed nothing in: no branch of its own to show."""
    row.status, row.branch, row.commit, row.pushed = NOTHING_TO_FIX, "", "", False


def _row(folder: str, module: str, result: BranchResult, counts: bool = True) -> ModuleReport:
    row = ModuleReport(
        folder=folder,
        module=module,
        findings=result.findings_by_codemod() if counts else {},
        files_changed=len(result.files_changed) if counts else 0,
        branch=result.branch,
        status=FAILED if result.error and result.status != INTERRUPTED else result.status,
        pushed=result.pushed,
        error=result.error,
        reverted=[p for p in result.problems if " fix reverted: " in p],
        base=result.base,
        commit=result.sha,
        files=list(result.files_changed) if counts else [],
        problems=list(result.problems) if counts else [],
    )
    if counts:
        row.lines_added = sum(added for added, _ in result.lines.values())
        row.lines_removed = sum(removed for _, removed in result.lines.values())
    if result.status == NOTHING_TO_FIX and not result.error:
        _nothing(row)
    return row


REPORT_COLUMNS = (
    "repository",
    "module",
    "findings",
    "files changed",
    "files skipped",
    "branch",
    "base",
    "commit",
    "status",
    "pushed",
    "error",
)


def findings_text(findings: dict[str, int]) -> str:
    return ", ".join(f"{codemod} {n}" for codemod, n in findings.items()) or "-"


def files_text(m: ModuleReport) -> str:
    """Files changed, with the diff stat when there is one: ``2 (+7 -3)``."""
    if not (m.lines_added or m.lines_removed):
        return str(m.files_changed)
    return f"{m.files_changed} (+{m.lines_added} -{m.lines_removed})"


def short(sha: str) -> str:
    return sha[:12] or "-"


def report_columns(reports: Sequence[RepoReport]) -> tuple[str, ...]:
    """The report's columns: ``retries`` (before the error) only when a run had some."""
    if any(r.retries for r in reports):
        return (*REPORT_COLUMNS[:-1], "retries", REPORT_COLUMNS[-1])
    return REPORT_COLUMNS


def report_rows(reports: Sequence[RepoReport]) -> list[tuple[str, ...]]:
    """The report's rows, each fact as text: what the table and the Markdown show, in the
    order of ``report_columns``."""
    retries = "retries" in report_columns(reports)
    rows: list[tuple[str, ...]] = []
    for report in reports:
        tries = (str(report.retries),) if retries else ()
        if report.error or not report.modules:
            status = INTERRUPTED if report.interrupted else FAILED
            rows.append((report.target, *("-",) * 7, status, "no", *tries, report.error))
            continue
        for m in report.modules:
            module = m.module or "-"
            if m.folder not in (".", "-"):
                module = f"{m.folder} ({m.module or '-'})"
            elif m.folder == "-":
                module = "- (outside every module)"
            rows.append(
                (
                    report.target,
                    module,
                    findings_text(m.findings),
                    files_text(m),
                    str(len(m.problems)),
                    m.branch or "-",
                    short(m.base),
                    short(m.commit),
                    m.status,
                    "yes" if m.pushed else "no",
                    *tries,
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
        "interrupted": sum(1 for r in reports if r.interrupted),
        "retries": sum(r.retries for r in reports),
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
    if counts["interrupted"]:
        text += f"; {counts['interrupted']} interrupted"
    if counts["retries"]:
        retried = sum(1 for r in reports if r.retries)
        tries = counts["retries"]
        text += f"; {retried} run again after a lost worker ({tries} retr{'y' if tries == 1 else 'ies'})"
    if counts["findings"]:
        text += f"; findings: {findings_text(counts['findings'])}"
    return text + f" in {seconds:.2f}s"


def finished_line(report: RepoReport) -> str:
    """The line that says a repository is done, as it finishes: its branches' statuses and
    files changed, or why it failed or stopped, and its retries on Dask."""
    if report.interrupted:
        text = f"{report.name}: {INTERRUPTED} ({report.error or 'stopped'})"
    elif report.failed:
        reason = report.error or "; ".join(m.error for m in report.modules if m.error)
        text = f"{report.name}: {FAILED}: {reason.strip().splitlines()[0] if reason else ''}"
    else:
        statuses: dict[str, int] = {}
        for m in report.modules:
            statuses[m.status] = statuses.get(m.status, 0) + 1
        files = sum(m.files_changed for m in report.modules)
        done = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
        text = f"{report.name}: {done or NOTHING_TO_FIX}; {plural(files, 'file')} changed"
        text += f" in {report.seconds:.1f}s"
    if report.retries:
        text += f" (run again {plural(report.retries, 'time')} after a lost worker)"
    return text
