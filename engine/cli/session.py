"""One command's run, shared by scan, diff and fix: the configuration merged with the
command line (paths, codemods, flags, cache), then each file's result as the walk goes on,
with skipped paths noted and a progress bar on a terminal; with ``--new-from-rev`` or
``--new-from-merge-base``, only the findings on lines changed since (``engine/git/changes.py``
asks git, the run keeps those findings and applies only their fixes)."""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from gomend.engine.cli.console import err
from gomend.engine.cli.options import fail_usage, flag_value, split_ids, was_typed
from gomend.engine.cli.report import Summary, display_path
from gomend.engine.codemod import Codemod
from gomend.engine.config import Config, ConfigError, Configs
from gomend.engine.registry import all_codemods
from gomend.engine.run.newlines import ChangedLines
from gomend.engine.run.options import RunOptions, options_from_config
from gomend.engine.run.result import FileResult
from gomend.engine.run.runner import run_paths
from gomend.engine.run.walk import Walker, WalkOptions

if TYPE_CHECKING:
    from gomend.engine.run.cache import ResultCache
    from gomend.engine.run.index import StatIndex


class Run:
    """One command's walk and run, shared by scan, diff and fix."""

    current: Run | None = None  # the run under way, for an interruption's summary

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
        stdin_filename: str | None = None,
        new_from_rev: str | None = None,
        new_from_merge_base: str | None = None,
    ) -> None:
        self.stdin_filename = stdin_filename
        self.stdin_text = b""  # what standard input held, once read
        if stdin_filename is not None:
            if paths:
                raise fail_usage("give paths or --stdin-filename, not both")
            if not stdin_filename.endswith(".go"):
                raise fail_usage(f"--stdin-filename needs a .go path: {stdin_filename}")
            no_cache = True  # the text is not the file's: nothing to keep
        self.paths = [_folder_of_pattern(path) for path in paths or [stdin_filename or "."]]
        for given, path in zip(paths or [], self.paths if paths else [], strict=True):
            if not os.path.exists(path):
                raise fail_usage(f"path does not exist: {path}")
            if not os.path.isdir(path) and not os.path.isfile(path):
                raise fail_usage(f"not a regular file or a folder: {path}")
            if os.path.isfile(path) and not path.endswith(".go"):
                raise fail_usage(f"not a Go file (no .go suffix): {path}")
            if given != path and not _holds_go(path):
                raise fail_usage(f"pattern {given} matched no Go files")
        try:  # each file's configuration, the command line overriding it key by key
            self.configs = Configs(config_file, all_codemods())
            self.config = self.configs.for_path(self.paths[0])
        except ConfigError as exc:
            raise fail_usage(str(exc)) from None
        self.flags = (split_ids(select), split_ids(ignore), unsafe_fixes, include_generated)
        self.report_unused_suppressions = report_unused_suppressions
        self.settle = settle
        # a file named on the command line (pre-commit's lists, an editor's file) is parsed
        # whatever it mentions, so that its syntax errors are reported
        self.check_syntax = stdin_filename is not None or all(
            os.path.isfile(path) for path in self.paths
        )
        if new_from_rev is not None and new_from_merge_base is not None:
            raise fail_usage("give --new-from-rev or --new-from-merge-base, not both")
        self.since = (new_from_rev, new_from_merge_base)
        self.changed: ChangedLines | None = None  # the lines changed since, by file
        if stdin_filename is None and any(since is not None for since in self.since):
            self.changed = self._changes()
        self.codemods: list[Codemod] = []  # every codemod some file's configuration selects
        self._by_config: dict[str | None, RunOptions] = {}
        self._of_folder: dict[str, RunOptions] = {}  # a walked folder's options, as walked
        self._stores: dict[int, tuple[ResultCache | None, StatIndex | None]] = {}  # by options
        self.no_cache, self.cache_dir = no_cache, cache_dir
        self.jobs = jobs or os.cpu_count() or 1
        self.walk_options = WalkOptions(
            include_vendor=include_vendor, exclusion=self.configs.exclusion
        )
        self.options = self.options_for(self.config)  # the first path's
        self.verify_configured = self.config.verify  # fix --verify, from the configuration
        self.summary = Summary(unsafe_fixes=self.options.unsafe_fixes)
        Run.current = self  # for the summary an interruption prints (engine/cli/app.py)
        self.warned: set[str] = set()
        self.max_annotations = 10  # --format github (engine/cli/output.py)
        self.temps: list[str] = []  # gomend's temporary files the walk met
        self.started = time.perf_counter()

    def results(self, show_progress: bool) -> Iterator[FileResult]:
        """Each file's result, in path order, while the walk goes on (a progress bar, which
        needs the number of files, waits for the walk); with ``--stdin-filename``, the one
        result of standard input's text as that file."""
        if self.stdin_filename is not None:
            from gomend.engine.run.fixpoint import process_source

            raw = self.stdin_text = sys.stdin.buffer.read()
            new_lines = None
            if any(since is not None for since in self.since):
                self.changed = self._changes(raw)
                new_lines = self.changed.of(self.stdin_filename)
            result = process_source(self.stdin_filename, raw, self.options, new_lines=new_lines)
            self._add(result)
            yield result
            return
        walker = Walker(self.paths, self.walk_options)
        self.temps = walker.temps
        progress_bar = show_progress and err.is_terminal
        # files named one by one are sorted before the first comes anyway: as a list, a few
        # of them are run in this process, without starting workers
        named = self.options.check_syntax
        files: Iterable[str] = list(walker) if progress_bar or named else walker
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

        if isinstance(files, list):  # the walk is over: its skips first, the files sized
            note_skipped()
        paths = files if isinstance(files, list) else walked()
        stream = self._stream(paths)
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
            # rich's own redirection of standard output would send a redirected stdout's
            # lines to the terminal: output.emit prints above the bar itself
            progress = Progress(
                *columns,
                console=err.console,
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            with progress:
                err.live = True
                try:
                    task = progress.add_task("gomend", total=len(files))
                    for result in stream:
                        progress.advance(task)
                        self._add(result)
                        yield result
                finally:
                    err.live = False
        else:
            for result in stream:
                self._add(result)
                yield result
        note_skipped()
        self._note_exclusions(walker.excluded)

    def config_lines(self) -> list[str]:
        """The configuration in force, a line per value and where it came from (the file, the
        command line, or gomend's default), for ``scan --show-config``."""
        path = self.config.path
        source = display_path(path) if path else "default"
        lines = [f"# configuration file: {display_path(path) if path else 'none found'}"]

        def line(key: str, value: object, given: object, *options: str) -> None:
            origin = source if given is not None else "default"
            if any(was_typed(option) for option in options):
                origin = "command line"
            lines.append(f"{key} = {json.dumps(value)}  # {origin}")

        chosen = self.config.select or self.config.ignore
        line("select", list(self.options.codemod_ids), chosen, "select", "ignore")
        line("unsafe_fixes", self.options.unsafe_fixes, self.config.unsafe_fixes, "unsafe_fixes")
        line(
            "include_generated",
            self.options.include_generated,
            self.config.include_generated,
            "include_generated",
        )
        line("verify", bool(self.config.verify), self.config.verify)
        line("exclude", list(self.config.exclude), self.config.exclude or None)
        for codemod, values in sorted(self.config.settings.items()):
            for name, value in sorted(values.items()):
                line(f"{codemod}.{name}", value, value)
        return lines

    def _note_exclusions(self, excluded: int) -> None:
        """Say so when the configuration's ``exclude`` hid every file given, or came from a
        folder above the repository: a run that scans nothing must not look like a clean one."""
        path = self.config.path
        if not excluded or path is None:
            return
        above = _above_repository(path, self.paths[0])
        if self.summary.files and not above:
            return
        where = " (found above the repository root)" if above else ""
        err.print(
            f"gomend: note: {display_path(path)}{where} excluded {excluded} "
            f"path{'s' if excluded != 1 else ''} by its exclude patterns",
            markup=False,
        )

    def _add(self, result: FileResult) -> None:
        """Count a result; print each of its warnings the first time it is given."""
        self.summary.add(result)
        for warning in result.warnings:
            if warning not in self.warned:
                self.warned.add(warning)
                err.print(f"gomend: warning: {warning}", markup=False)

    def options_for(self, config: Config) -> RunOptions:
        """The run's options for the files ``config`` applies to: the file's values, each
        overridden by the command line when it was given there (``--select`` starts afresh,
        ``--ignore`` alone replaces the file's ignore list)."""
        known = self._by_config.get(config.path)
        if known is not None:
            return known
        chosen_select, chosen_ignore, unsafe_fixes, include_generated = self.flags
        try:
            codemods, options = options_from_config(
                config,
                chosen_select,
                chosen_ignore,
                flag_value("unsafe_fixes", unsafe_fixes, config.unsafe_fixes),
                flag_value("include_generated", include_generated, config.include_generated),
                report_unused_suppressions=self.report_unused_suppressions,
                settle=self.settle,
                check_syntax=self.check_syntax,
            )
        except KeyError as exc:
            raise fail_usage(f"unknown codemod id: {exc.args[0]} (see 'gomend list')") from None
        self.codemods += [c for c in codemods if c not in self.codemods]
        cache: ResultCache | None = None
        index: StatIndex | None = None
        if not self.no_cache:
            from gomend.engine.run.cache import ResultCache, default_cache_dir
            from gomend.engine.run.index import StatIndex, supported

            walk = (self.paths, repr(self.walk_options))
            folder = self.cache_dir or default_cache_dir()
            cache = ResultCache(folder, options, codemods, walk, changed=self.changed)
            # the stat index keeps a key per unchanged file, which the changed lines are part
            # of, and they can change while the file does not (another REV): none then
            if supported() and self.changed is None:
                index = StatIndex(cache.root, *walk)
        self._by_config[config.path] = options
        self._stores[id(options)] = (cache, index)
        return options

    def options_of(self, path: str) -> RunOptions:
        """The options for one file of the walk."""
        folder = os.path.dirname(path) or os.curdir
        known = self._of_folder.get(folder)
        if known is None:
            known = self._of_folder[folder] = self.options_for(
                self.configs.for_folder(os.path.abspath(folder))
            )
        return known

    def _stream(self, paths: Iterable[str]) -> Iterator[FileResult]:
        """Each file's result in path order, run with its own configuration's options: the
        files are taken in runs of one configuration, so a tree with one file runs as one."""
        for options, group in itertools.groupby(paths, key=self.options_of):
            cache, index = self._stores[id(options)]
            yield from run_paths(
                group, options, jobs=self.jobs, cache=cache, index=index, changed=self.changed
            )

    def _changes(self, stdin_text: bytes | None = None) -> ChangedLines:
        """What git says the paths (or standard input's text) changed since the revision,
        or exit 2 with git's one line."""
        from gomend.engine.git import changes  # GitPython loads for these options only

        try:
            if stdin_text is not None and self.stdin_filename is not None:
                return changes.stdin_lines(self.stdin_filename, stdin_text, *self.since)
            return changes.changed_lines(self.paths, *self.since)
        except changes.ChangesError as exc:
            raise fail_usage(str(exc)) from None

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def _above_repository(config_path: str, first: str) -> bool:
    """Whether the configuration file lies above the git repository holding ``first``."""
    here = os.path.abspath(first if os.path.isdir(first) else os.path.dirname(first) or ".")
    while not os.path.exists(os.path.join(here, ".git")):
        parent = os.path.dirname(here)
        if parent == here:
            return False  # not in a repository
        here = parent
    config_folder = os.path.dirname(os.path.abspath(config_path))
    return os.path.commonpath([config_folder, here]) != here


def _folder_of_pattern(path: str) -> str:
    """The folder a go-command package pattern names: ``./...`` is ``.``, ``dir/...`` is
    ``dir`` (it and everything below it, which is how gomend walks a folder anyway); any
    other path is itself."""
    if path == "...":
        return "."
    if path.endswith(("/...", os.sep + "...")):
        return path[: -len("/...")] or "."
    return path


def _holds_go(folder: str) -> bool:
    """Whether a ``.go`` file lies in the folder or below it (a pattern that matches none is
    an error, as in the go command)."""
    if os.path.isfile(folder):
        return folder.endswith(".go")
    return any(any(n.endswith(".go") for n in names) for _, _, names in os.walk(folder))
