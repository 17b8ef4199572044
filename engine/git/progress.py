"""The migration's live display: one line per repository at work (its stage), a line for each
one as it finishes, and an overall bar.

A repository at work sends ``(target, stage)`` events ("cloning", "fixing services/api",
"pushing ...", then "done" or "failed") to anything with a ``put`` (``Events``): the display
itself in this process, or a queue that worker processes send them through.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
import threading
from typing import Any, Protocol

from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from gomend.engine.git.report import RepoReport, finished_line
from gomend.engine.git.targets import repository_name


class Events(Protocol):
    def put(self, item: tuple[str, str]) -> None: ...


class OverallOnly(ProgressColumn):
    """A column shown on the overall line only: a repository at work has no bar or count of
    its own, only its stage."""

    def __init__(self, column: ProgressColumn) -> None:
        super().__init__()
        self.column = column

    def render(self, task: Task) -> RenderableType:
        return self.column.render(task) if task.total is not None else Text("")


class MigrationProgress:
    """A live display: one line per repository at work (its stage) and an overall bar.

    ``put`` takes the ``(target, stage)`` events that ``migrate_one`` sends; ``events()``
    gives a queue that worker processes can send them through.
    """

    def __init__(self, console: Console, total: int, lines: bool = True) -> None:
        self.lines = lines  # a line for each repository as it finishes
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            OverallOnly(BarColumn()),
            OverallOnly(MofNCompleteColumn()),
            TextColumn("{task.fields[stage]}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.overall = self.progress.add_task("repositories", total=total, stage="")
        self.tasks: dict[str, TaskID] = {}
        self.ended: set[str] = set()  # the repositories reported: their lines are gone
        self.lock = threading.Lock()
        self.queue: Any = None
        self.reader: threading.Thread | None = None
        self.closing = threading.Event()

    def __enter__(self) -> MigrationProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        # The reader is told here, not through the queue: a worker ended by a stop may have
        # died holding the queue's lock, and this process must never wait for it.
        self.closing.set()
        if self.reader is not None:
            self.reader.join(timeout=1)
        self.progress.stop()

    def put(self, item: tuple[str, str]) -> None:
        target, stage = item
        with self.lock:
            if target in self.ended:  # a worker's last events, read after its report
                return
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
        """A repository is done: its line at work goes, a line saying how it ended is
        printed above the display, and the bar moves on."""
        self.put((report.target, "failed" if report.failed else "done"))
        with self.lock:
            self.ended.add(report.target)
            if self.lines:
                self.progress.console.print(finished_line(report), markup=False, highlight=False)
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
        while not self.closing.is_set():
            try:
                item = self.queue.get(timeout=0.1)
            except queues.Empty:
                continue
            except Exception:  # the queue is gone, or a killed worker's half message
                return
            self.put(item)
