"""``gomend-vet`` and ``gomend-fix``: gomend as ``go vet -vettool`` and ``go fix -fixtool``.

One entry point under two names; what it does comes from the flags the go command passes
(``go fix`` and ``go vet -fix`` add ``-fix``; ``go vet`` adds ``-json`` and prints the
diagnostics itself as ``file:line:col: gomend/<id>: message``). Per package it writes the
empty facts file the go command caches the call by (gomend keeps no facts across packages),
then reports, fixes (the zip archive ``go fix`` applies) or prints a diff (``-diff``).

Exit codes: 0 when the call did its job (the go command decides its own from the output);
1 when run by hand without ``-json`` and there are findings, or when the analysis failed; 2
for a usage error, with one line.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, TextIO

from gomend.engine.vet.protocol import (
    Args,
    Unit,
    UsageError,
    flags_json,
    parse_args,
    read_unit,
    tool_id,
)

if TYPE_CHECKING:
    from gomend.engine.vet.unit import Analysed

USAGE = """\
{name}: gomend's codemods inside the go command

  go vet -vettool=$(command -v gomend-vet) ./...        report, in vet's format
  go fix -fixtool=$(command -v gomend-fix) -diff ./...  the safe fixes as a diff (exit 1 if any)
  go fix -fixtool=$(command -v gomend-fix) ./...        apply them

The go command runs {name} once per package (and caches the result). Flags, passed after
the tool flag: -unsafe-fixes, -select=ID,..., -ignore=ID,..., -config=/ABSOLUTE/FILE; the nearest
gomend.toml or pyproject.toml [tool.gomend] applies otherwise, as for gomend scan.
"""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    name = os.path.basename(sys.argv[0]) or "gomend-vet"
    if not argv or argv[0] in ("-h", "-help", "--help", "help"):
        (sys.stdout if argv else sys.stderr).write(USAGE.format(name=name))
        return 0 if argv else 2
    if argv[0] in ("-flags", "--flags"):
        print(flags_json())
        return 0
    if argv[0].startswith(("-V", "--V")):
        print(tool_id(name) if argv[0].endswith("=full") else f"{name} version gomend")
        return 0
    try:
        args = parse_args(argv)
        unit = read_unit(args.unit)
    except UsageError as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return 2
    if unit.vetx_only:
        _cache_the_call(unit)
        return 0
    out = (  # a diff holds the file's bytes as they are: surrogateescape gives them back
        open(unit.stdout, "w", encoding="utf-8", errors="surrogateescape", newline="")  # noqa: SIM115
        if unit.stdout
        else sys.stdout
    )
    try:
        code, cacheable = _run(name, args, unit, out)
    finally:
        if out is not sys.stdout:
            out.close()
    if code == 0 and cacheable:
        _cache_the_call(unit)
    return code


def _cache_the_call(unit: Unit) -> None:
    """Write the empty facts file (gomend has no facts): the go command caches the call's
    output only once that file exists, so it is written last, and only for a call whose
    output is whole (no error, no line on standard error that a cached run would lose)."""
    if unit.vetx_output:
        with open(unit.vetx_output, "wb"):
            pass


def _run(name: str, args: Args, unit: Unit, out: TextIO) -> tuple[int, bool]:
    """The call's exit code, and whether its output may be cached."""
    from gomend.engine.config import ConfigError  # the engine, only for a package's own call
    from gomend.engine.registry import RegistryError
    from gomend.engine.vet import unit as package

    try:
        run_options = package.options(unit, args)
    except (ConfigError, RegistryError, KeyError) as exc:
        problem = f"unknown codemod id: {exc.args[0]}" if isinstance(exc, KeyError) else exc
        print(f"{name}: {problem}", file=sys.stderr)
        return 1, False
    files = package.analyse(unit, run_options, package.config_file(args))
    said = package.problems(files)
    for line in said:
        print(f"{name}: {line}", file=sys.stderr)
    if args.on("json"):
        out.write(json.dumps(package.json_tree(unit, files, run_options), indent="\t") + "\n")
        return 0, not said
    if args.on("fix"):
        if args.on("diff"):
            out.write(package.diffs(unit, files))
        elif unit.fix_archive:
            with open(unit.fix_archive, "wb") as archive:
                archive.write(package.fix_archive(unit, files))
        else:
            return _write_in_place(name, package.changed(files)), False
        return 0, not said
    findings = [(f.path, x) for f in files for x in f.result.findings]
    for path, finding in findings:
        print(
            f"{path}:{finding.line}:{finding.column}: {package.message(finding)}", file=sys.stderr
        )
    return (1 if findings else 0), not said


def _write_in_place(name: str, files: list[Analysed]) -> int:
    """``-fix`` without an archive (by hand): each file atomically, never over an edit made
    since it was read; 1 when one could not be written (a line each)."""
    from gomend.engine.run.writer import write_atomic

    code = 0
    for file in files:
        if file.result.after is None:
            continue
        try:
            write_atomic(file.path, file.result.after, file.raw)
        except OSError as exc:
            print(f"{name}: {file.path}: not written: {exc.strerror or exc}", file=sys.stderr)
            code = 1
    return code


def run() -> None:
    """The console scripts' entry point."""
    sys.exit(main())
