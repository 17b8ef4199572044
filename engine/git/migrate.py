"""Migrations: fix branches across many repositories and every Go module inside each.

A target is a local repository or a clone URL; clones live in a work folder and are fetched,
not cloned again, on the next run. In each repository every ``go.mod`` is found; with
``split_modules`` each module gets its own branch (the root module keeps the plain name,
others add their folder: ``gomend/runtime-fixes-services-api``), otherwise the repository
gets one branch. Repositories run in a process pool or as tasks on a Dask cluster; one
repository failing never stops the others. The report has one row per module: findings per
codemod, files changed, branch, status, pushed, error; as a table, JSON or Markdown.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any, Protocol

import git
from gomend.engine import __version__
from gomend.engine.git.branch import (
    SAFE_GIT_OPTIONS,
    BranchError,
    BranchOptions,
    BranchResult,
    Part,
    build_branches,
    git_command,
    git_error,
    open_repository,
)
from gomend.engine.run.walk import SKIPPED_DIRS
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

SCP_LIKE_RE = re.compile(r"^[\w.+-]+@[\w.-]+:(?!//)")
MODULE_RE = re.compile(r"^\s*module\s+(\"[^\"]*\"|\S+)", re.MULTILINE)


class MigrateError(Exception):
    """A problem with the migration as a whole (exit 2): bad targets file, no scheduler."""


@dataclass(frozen=True)
class MigrateOptions:
    branch: BranchOptions
    workdir: str
    split_modules: bool = False


@dataclass(frozen=True)
class Module:
    folder: str  # relative to the repository root, "/"-separated; "." for the root
    path: str  # the module path its go.mod declares


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


class Events(Protocol):
    def put(self, item: tuple[str, str]) -> None: ...


# --- one repository ----------------------------------------------------------------------


def is_url(target: str) -> bool:
    return "://" in target or bool(SCP_LIKE_RE.match(target))


def repository_name(target: str) -> str:
    """A short name for a target: the last part of its path, without ``.git``."""
    tail = re.split(r"[/:\\]", target.rstrip("/\\"))[-1]
    return tail.removesuffix(".git") or target


def clone_folder(workdir: str, url: str) -> str:
    digest = hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()[:10]
    return os.path.join(workdir, f"{repository_name(url)}-{digest}")


def fetch_or_clone(url: str, workdir: str) -> str:
    """The clone of ``url`` in ``workdir``: fetched when it is already there."""
    dest = clone_folder(workdir, url)
    runner = git.Git()
    runner.set_persistent_git_options(c=list(SAFE_GIT_OPTIONS))
    if os.path.isdir(os.path.join(dest, ".git")):
        try:
            repo = git.Repo(dest)
            same = any(r.name == "origin" and r.url == url for r in repo.remotes)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            same = False
        if same:
            try:
                git_command(repo).fetch("--prune", "--quiet", "origin")
            except git.GitCommandError as exc:
                raise BranchError(f"cannot fetch {url}: {git_error(exc)}") from None
            return dest
        shutil.rmtree(dest, ignore_errors=True)  # a broken or foreign clone: start again
    os.makedirs(workdir, exist_ok=True)
    partial = f"{dest}.partial-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    try:
        runner.clone("--no-checkout", "--quiet", "--", url, partial)
        os.replace(partial, dest)
    except git.GitCommandError as exc:
        raise BranchError(f"cannot clone {url}: {git_error(exc)}") from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return dest


def find_modules(repo: git.Repo, rev: str) -> list[Module]:
    """Every Go module committed at ``rev``, root first (vendor/, testdata/ and hidden or
    ``_`` folders are passed over, as the walk does)."""
    runner = git_command(repo)
    listing = str(runner.ls_tree("-r", "--name-only", "-z", rev))
    modules: list[Module] = []
    for name in listing.split("\0"):
        if name != "go.mod" and not name.endswith("/go.mod"):
            continue
        parts = name.split("/")[:-1]
        if any(p in SKIPPED_DIRS or p.startswith((".", "_")) for p in parts):
            continue
        try:
            text = str(runner.cat_file("blob", f"{rev}:{name}"))
        except git.GitCommandError:
            text = ""
        match = MODULE_RE.search(text)
        declared = match.group(1).strip('"') if match else ""
        modules.append(Module("/".join(parts) or ".", declared))
    modules.sort(key=lambda m: (m.folder != ".", m.folder))
    return modules


def module_branch(name: str, folder: str) -> str:
    return name if folder == "." else f"{name}-{folder.replace('/', '-')}"


def parts_for(modules: Sequence[Module], name: str, split: bool) -> list[Part]:
    if not split or not modules:
        return [Part(name)]
    parts = []
    for module in modules:
        inner = tuple(
            m.folder
            for m in modules
            if m.folder != module.folder
            and (module.folder == "." or m.folder.startswith(module.folder + "/"))
        )
        parts.append(Part(module_branch(name, module.folder), module.folder, inner))
    return parts


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
    )


def migrate_one(target: str, options: MigrateOptions, events: Events | None = None) -> RepoReport:
    """Clone or fetch, find the modules, build the branches: never raises."""
    started = time.perf_counter()
    report = RepoReport(target)
    sink = events if events is not None else _worker_events

    def say(stage: str) -> None:
        if sink is not None:
            sink.put((target, stage))

    try:
        branch_options = dataclasses.replace(options.branch, keep_current=True)
        if is_url(target):
            say("fetching" if os.path.isdir(clone_folder(options.workdir, target)) else "cloning")
            report.path = fetch_or_clone(target, options.workdir)
            repo = git.Repo(report.path)
            if branch_options.base is None and _has_ref(repo, "refs/remotes/origin/HEAD"):
                branch_options = dataclasses.replace(
                    branch_options, base="refs/remotes/origin/HEAD"
                )
        else:
            report.path = os.path.abspath(os.path.expanduser(target))
            repo = _repository_root(report.path)
        say("finding modules")
        base = branch_options.base or "HEAD"
        try:
            modules = find_modules(repo, base)
        except git.GitCommandError:
            modules = []  # an unknown base: build_branches says so
        parts = parts_for(modules, branch_options.name, options.split_modules)
        results = build_branches(report.path, parts, branch_options, progress=say)
        report.modules = module_rows(modules, results)
    except BranchError as exc:
        report.error = str(exc)
    except Exception as exc:  # a bug or an odd repository must not stop the others
        report.error = f"internal error: {type(exc).__name__}: {exc}"
    report.seconds = time.perf_counter() - started
    say("failed" if report.failed else "done")
    return report


def _repository_root(path: str) -> git.Repo:
    """The repository whose root is ``path``: a folder inside another repository is not one."""
    repo = open_repository(path)
    root = repo.working_tree_dir
    if root is None or os.path.realpath(root) != os.path.realpath(path):
        raise BranchError(f"not a git repository: {path}")
    return repo


def _has_ref(repo: git.Repo, ref: str) -> bool:
    try:
        git_command(repo).rev_parse("--verify", "--quiet", ref)
    except git.GitCommandError:
        return False
    return True


# --- many repositories -------------------------------------------------------------------

_worker_events: Events | None = None


def _init_worker(events: Events | None) -> None:
    global _worker_events
    _worker_events = events


def read_targets(path: str) -> list[str]:
    """A targets file: one repository a line; blank lines and ``#`` comments ignored."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as exc:
        raise MigrateError(f"cannot read {path}: {exc.strerror or exc}") from None
    targets = []
    for line in lines:
        text = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if text:
            targets.append(text)
    return targets


OnDone = Callable[[RepoReport], None]


def run_migration(
    targets: Sequence[str],
    options: MigrateOptions,
    jobs: int = 1,
    executor: str = "process",
    scheduler: str | None = None,
    events: Events | None = None,
    on_done: OnDone | None = None,
) -> list[RepoReport]:
    """Every target's report, in the order given."""
    if executor == "dask":
        reports = _run_dask(targets, options, scheduler, on_done)
    elif jobs <= 1 or len(targets) <= 1:
        reports = []
        for target in targets:
            report = migrate_one(target, options, events)
            if on_done:
                on_done(report)
            reports.append(report)
    else:
        reports = _run_pool(targets, options, jobs, events, on_done)
    return reports


def _run_pool(
    targets: Sequence[str],
    options: MigrateOptions,
    jobs: int,
    events: Events | None,
    on_done: OnDone | None,
) -> list[RepoReport]:
    found: dict[int, RepoReport] = {}
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(targets)), initializer=_init_worker, initargs=(events,)
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


def _run_dask(
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


# --- reports -----------------------------------------------------------------------------

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


# --- progress ----------------------------------------------------------------------------


class MigrationProgress:
    """A live display: one line per repository at work (its stage) and an overall bar.

    ``put`` takes the ``(target, stage)`` events that ``migrate_one`` sends; ``events()``
    gives a queue that worker processes can send them through.
    """

    def __init__(self, console: Console, total: int) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[stage]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.overall = self.progress.add_task("repositories", total=total, stage="")
        self.tasks: dict[str, TaskID] = {}
        self.lock = threading.Lock()
        self.queue: Any = None
        self.reader: threading.Thread | None = None

    def __enter__(self) -> MigrationProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.queue is not None:
            self.queue.put(None)
            if self.reader is not None:
                self.reader.join(timeout=5)
        self.progress.stop()

    def put(self, item: tuple[str, str]) -> None:
        target, stage = item
        with self.lock:
            task = self.tasks.get(target)
            if stage in ("done", "failed"):
                if task is not None:
                    self.progress.remove_task(task)
                    del self.tasks[target]
                return
            if task is None:
                self.tasks[target] = self.progress.add_task(
                    repository_name(target), total=None, stage=stage
                )
            else:
                self.progress.update(task, stage=stage)

    def finished(self, report: RepoReport) -> None:
        self.put((report.target, "failed" if report.failed else "done"))
        with self.lock:
            self.progress.advance(self.overall)

    def events(self) -> Events:
        """A queue for worker processes; a thread here feeds it to the display."""
        if self.queue is None:
            self.queue = multiprocessing.get_context().Queue()
            self.reader = threading.Thread(target=self._read, daemon=True)
            self.reader.start()
        queue: Events = self.queue
        return queue

    def _read(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            self.put(item)
