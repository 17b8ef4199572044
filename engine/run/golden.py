"""The golden harness: before/after cases per codemod, checked by gomend and by Go itself.

A case of one file is ``golden/<codemod-id>/<case>.before.go``, with ``<case>.after.go`` for a
rewrite; ``<case>.before.go`` alone (every ``ok-*`` case, and report-only cases) must stay
unchanged. It runs under a path of its own (``GoldenCase.isolated_path``), so the other cases
of its folder are not read as files of its package.

A case of a package is a folder ``golden/<codemod-id>/<case>/`` of ``.go`` files (``a.go``,
``b.go``...), with ``<name>.after.go`` beside each file the codemod rewrites; a file without
one must stay unchanged. The package's files are copied into a folder of their own and the
codemod runs over that folder as gomend runs over a tree, so each file sees the others as
its siblings (a constant or a method declared in another file).

A package case may hold a ``go.mod``: gomend then reads the files' Go version from it (a
module on ``go 1.23``, where fixes that need Go 1.24 are not offered); Go's check builds the
case in the shared module all the same.

A ``// want "rule-id"`` comment on a line states a finding expected on that line, as in
go/analysis tests. Only the case's codemod runs, with unsafe fixes on. Go then checks the
results (``gomend.engine.go.toolchain.check_with_go``): every file gofmt-clean (line endings
aside), every package builds, and every package with a rewritten file passes ``go vet``.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gomend.engine.go.toolchain import GoCheckInput
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult
from gomend.engine.run.runner import run_paths
from gomend.engine.run.walk import walk_paths

WANT_RE = re.compile(r'//\s*want((?:\s+"[^"]+")+)')
AFTER = ".after.go"


@dataclass(frozen=True)
class GoldenCase:
    """A case of one file."""

    codemod: str
    name: str
    before: Path
    after: Path | None

    @property
    def id(self) -> str:
        return f"{self.codemod}/{self.name}"

    @property
    def isolated_path(self) -> str:
        """The path a case runs under: its own name in a folder that does not exist, so no
        other case of the golden folder passes for a file of the same package."""
        return f"golden-case-{self.codemod}/{self.name}.go"

    @property
    def expected_output(self) -> bytes:
        return (self.after or self.before).read_bytes()

    def go_check(self) -> GoCheckInput:
        """What Go checks: the expected output, alone in a package."""
        filename = self.name.replace("-", "_") + ".go"
        return GoCheckInput(self.id, ((filename, self.expected_output),), self.after is not None)


@dataclass(frozen=True)
class PackageFile:
    """One file of a package case: ``a.go``, and ``a.after.go`` when it is rewritten."""

    name: str
    before: Path
    after: Path | None

    @property
    def expected_output(self) -> bytes:
        return (self.after or self.before).read_bytes()


@dataclass(frozen=True)
class PackageCase:
    """A case of a package: a folder of files that the codemod sees together."""

    codemod: str
    name: str
    folder: Path
    files: tuple[PackageFile, ...]

    @property
    def id(self) -> str:
        return f"{self.codemod}/{self.name}"

    @property
    def go_mod(self) -> bytes | None:
        """The case's own ``go.mod``, when it has one: gomend reads its ``go`` line (the
        files' Go version); Go's check builds every case in one module all the same."""
        path = self.folder / "go.mod"
        return path.read_bytes() if path.is_file() else None

    def sources(self) -> dict[str, bytes]:
        return {f.name: f.before.read_bytes() for f in self.files}

    def expected_outputs(self) -> dict[str, bytes]:
        return {f.name: f.expected_output for f in self.files}

    def go_check(self) -> GoCheckInput:
        """What Go checks: the expected output of every file, as one package."""
        files = tuple((name, data) for name, data in self.expected_outputs().items())
        return GoCheckInput(self.id, files, any(f.after is not None for f in self.files))


def discover_cases(root: Path) -> list[GoldenCase]:
    """The cases of one file, sorted by codemod and name."""
    cases = []
    for folder in _codemod_folders(root):
        for before in sorted(folder.glob("*.before.go")):
            name = before.name[: -len(".before.go")]
            after = folder / f"{name}.after.go"
            cases.append(GoldenCase(folder.name, name, before, after if after.exists() else None))
    return cases


def discover_package_cases(root: Path) -> list[PackageCase]:
    """The cases of a package (the folders inside a codemod's folder), sorted by codemod
    and name; raises ``ValueError`` for an ``.after.go`` file without its file."""
    cases = []
    for folder in _codemod_folders(root):
        for case in sorted(p for p in folder.iterdir() if p.is_dir()):
            names = {p.name for p in case.glob("*.go")}
            files = []
            for name in sorted(n for n in names if not n.endswith(AFTER)):
                after = name[: -len(".go")] + AFTER
                files.append(
                    PackageFile(name, case / name, case / after if after in names else None)
                )
            orphans = sorted(n for n in names if n.endswith(AFTER) and _before_name(n) not in names)
            if orphans:
                raise ValueError(f"{case}: {', '.join(orphans)} without the file it rewrites")
            cases.append(PackageCase(folder.name, case.name, case, tuple(files)))
    return cases


def _codemod_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


def _before_name(after: str) -> str:
    return after[: -len(AFTER)] + ".go"


def expected_findings(source: bytes) -> list[tuple[int, str]]:
    """``(line, rule)`` for every ``// want "rule"`` comment."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(source.decode("utf-8", "replace").splitlines(), start=1):
        match = WANT_RE.search(line)
        if match:
            found.extend((number, rule) for rule in re.findall(r'"([^"]+)"', match.group(1)))
    return sorted(found)


def run_codemod(codemod_id: str, path: str, source: bytes) -> FileResult:
    return process_source(path, source, _options(codemod_id))


def run_package(
    codemod_id: str, name: str, sources: Mapping[str, bytes], go_mod: bytes | None = None
) -> dict[str, FileResult]:
    """The codemod's result for each file of a package (file name -> result): the files are
    written into a folder ``name`` of their own (with ``go_mod`` as its ``go.mod``, when
    given), which is walked and run as gomend runs a tree (no cache, one process), every
    file seeing the others as they were written."""
    with tempfile.TemporaryDirectory(prefix="gomend-golden-") as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        if go_mod is not None:
            (folder / "go.mod").write_bytes(go_mod)
        for filename, data in sources.items():
            (folder / filename).write_bytes(data)
        paths = walk_paths([str(folder)]).files
        results = run_paths(paths, _options(codemod_id))
        return {os.path.basename(r.path): r for r in results}


def _options(codemod_id: str) -> RunOptions:
    return RunOptions(codemod_ids=(codemod_id,), unsafe_fixes=True)


def output_of(result: FileResult, source: bytes) -> bytes:
    return result.after if result.after is not None else source
