"""One package under ``go vet`` or ``go fix``: gomend's analysis of the files the go command
names, and what goes back to it: vet's JSON tree of diagnostics (each with its fix as byte
edits), the zip archive of fixed files that ``go fix`` writes, or a unified diff.

The files are the package's as this build sees them (``GoFiles``: build tags, ``GOOS`` and
``GOARCH`` applied), so a file for another platform is not read, as ``go vet`` reads none.
Each file is analysed as ``gomend scan`` and ``gomend fix`` would: the configuration found
from its folder (or ``-config``), its suppressions, the safety tier allowed.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from typing import Any

from gomend.engine.cli.diff import unified_diff
from gomend.engine.codemod import Finding
from gomend.engine.go.source import BOM
from gomend.engine.run.fixpoint import GENERATED, apply_fix, process_source
from gomend.engine.run.options import RunOptions, exclusion, options_for
from gomend.engine.run.reading import read_source
from gomend.engine.run.result import FileResult, FileStatus
from gomend.engine.run.walk import excluded_file
from gomend.engine.vet.protocol import Args, Unit

ANALYZER = "gomend"


@dataclass
class Analysed:
    """A file of the package: its bytes as read and gomend's result."""

    path: str
    raw: bytes
    result: FileResult


def config_file(args: Args) -> str | None:
    config = args.flags.get("config")
    return config if isinstance(config, str) else None


def options(unit: Unit, args: Args) -> RunOptions:
    """The run's options for the package: every file of a package shares its folder, and
    so its configuration. Raises ``ConfigError`` or ``KeyError`` (an unknown id)."""
    unsafe = args.flags.get("unsafe-fixes")
    return options_for(
        unit.go_files[0],
        config_file(args),
        select=args.ids("select"),
        ignore=args.ids("ignore"),
        unsafe_fixes=unsafe if isinstance(unsafe, bool) else None,
        settle=args.on("fix"),
        check_syntax=False,  # the go command compiled the package: its syntax is Go's
    )


def analyse(unit: Unit, run_options: RunOptions, config_file: str | None) -> list[Analysed]:
    """The package's own files, in path order, but those the configuration's ``exclude``
    drops. A file outside the package's folder (cgo's generated sources live in the build's
    temporary folder) is neither read nor fixed."""
    folder = os.path.abspath(unit.dir) + os.sep if unit.dir else ""
    found = []
    dropping = exclusion(config_file)  # the configurations read once for the package
    for path in sorted(unit.go_files):
        if folder and not os.path.abspath(path).startswith(folder):
            continue
        if excluded_file(path, dropping):
            continue
        raw = read_source(path)
        if isinstance(raw, FileResult):
            found.append(Analysed(path, b"", raw))
            continue
        found.append(Analysed(path, raw, process_source(path, raw, run_options)))
    return found


def problems(files: list[Analysed]) -> list[str]:
    """Lines for standard error: files gomend could not analyse or whose fixes failed, and
    why (a generated file is left out on purpose, as vet's own analyzers leave it: no line)."""
    return [
        f"{f.path}: {f.result.reason}"
        for f in files
        if f.result.status in (FileStatus.SKIPPED, FileStatus.FAILED)
        and f.result.reason not in ("", GENERATED)
    ]


def message(finding: Finding) -> str:
    """A finding in vet's words: the go command prints ``file:line:col: `` and this."""
    return f"gomend/{finding.rule}: {finding.message}"


def json_tree(unit: Unit, files: list[Analysed], run_options: RunOptions) -> dict[str, Any]:
    """The unitchecker's JSON: package id -> analyzer -> its diagnostics, each with the fix
    ``gomend fix`` would apply for it, when allowed, as byte edits. One analyzer, ``gomend``,
    holds every finding in file and line order (its category is the codemod id): the go
    command prints each analyzer's list in order, but the analyzers in any order."""
    diagnostics = []
    for file in files:
        for finding in file.result.findings:
            diagnostic: dict[str, Any] = {
                "category": finding.rule,
                "posn": f"{file.path}:{finding.line}:{finding.column}",
                "end": f"{file.path}:{finding.end_line}:{finding.end_column}",
                "message": message(finding),
            }
            fix = _suggested(file, finding, run_options)
            if fix is not None:
                diagnostic["suggested_fixes"] = [fix]
            diagnostics.append(diagnostic)
    return {unit.id: {ANALYZER: diagnostics}} if diagnostics else {}


def _suggested(file: Analysed, finding: Finding, run_options: RunOptions) -> dict[str, Any] | None:
    fix = finding.fix
    if fix is None or not run_options.allows(fix.safety) or file.result.syntax_error:
        return None
    shift = len(BOM) if file.raw.startswith(BOM) else 0
    body = file.raw[shift:]
    new = apply_fix(body, finding, b"\r\n" in body)
    if new == body:
        return None
    start = 0
    limit = min(len(body), len(new))
    while start < limit and body[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and body[-1 - end] == new[-1 - end]:
        end += 1
    return {
        "message": f"{fix.safety} fix: {finding.rule}",
        "edits": [
            {
                "filename": file.path,
                "start": shift + start,
                "end": shift + len(body) - end,
                "new": new[start : len(new) - end].decode("utf-8", "surrogateescape"),
            }
        ],
    }


def changed(files: list[Analysed]) -> list[Analysed]:
    return [
        f
        for f in files
        if f.result.status == FileStatus.CHANGED and f.result.after not in (None, f.raw)
    ]


def fix_archive(unit: Unit, files: list[Analysed]) -> bytes:
    """The zip ``go fix`` reads back: each changed file under its own path, whole; the go
    command writes them once every package is done."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.comment = unit.id.encode()
        for file in changed(files):
            assert file.result.after is not None
            archive.writestr(file.path, file.result.after)
    return buffer.getvalue()


def diffs(unit: Unit, files: list[Analysed]) -> str:
    """The fixes as git-style diffs, paths relative to the module's root (``git apply``
    there takes them)."""
    root = unit.module_dir or unit.dir
    out = []
    for file in changed(files):
        assert file.result.after is not None
        rel = os.path.relpath(file.path, root) if root else file.path
        out.append(unified_diff(rel.replace(os.sep, "/"), file.raw, file.result.after))
    return "".join(out)
