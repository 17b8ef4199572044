"""The engine's layers, read from the code's own imports: each module imports only its own
layer and the layers below it (ARCHITECTURE.md), no module imports itself back through
others (an import inside a function or under ``TYPE_CHECKING`` counts: a deferred import
that dodges a circle is still a circle), and no module is over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bottom to top; a module's layer is the first prefix that names it
LAYERS = (
    ("gomend.engine.go",),
    ("gomend.engine.codemod",),
    ("gomend.engine.registry", "gomend.engine.config"),
    ("gomend.engine.catalogue", "gomend.engine.run"),
    ("gomend.engine.git",),
    ("gomend.engine.cli", "gomend.engine.lsp", "gomend.engine.vet"),
    ("gomend.codemods",),
)
MAX_LINES = 400


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = ["gomend", *rel.parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found = {}
    for folder in ("engine", "codemods"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            found[module_name(path)] = path
    return found


def layer(name: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(name == p or name.startswith(p + ".") for p in prefixes):
            return rank
    return -1  # the package's own __init__ (gomend.engine): below everything


def imports_of(path: Path, known: set[str]) -> list[tuple[str, int, bool]]:
    """(module imported, line, inside a function) for each import of gomend's own modules;
    ``from package import module`` counts as importing the module."""
    tree = ast.parse(path.read_text(), str(path))
    found = []
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    inner = {id(n) for f in functions for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [
                f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                for a in node.names
            ]
        for target in targets:
            if target in known:
                found.append((target, node.lineno, id(node) in inner))
    return found


def test_every_import_runs_down_or_across() -> None:
    known = modules()
    problems = []
    for name, path in known.items():
        for target, line, _ in imports_of(path, set(known)):
            where = f"{path.relative_to(ROOT)}:{line} imports {target}"
            if layer(target) > layer(name):
                problems.append(f"{where}: an upward import")
    assert problems == []


def test_no_module_imports_itself_back() -> None:
    known = modules()
    graph = {name: {t for t, _, _ in imports_of(path, set(known))} for name, path in known.items()}
    for start in graph:
        seen, stack = set(), [start]
        while stack:
            for nxt in graph[stack.pop()]:
                assert nxt != start, f"{start} imports itself back through {nxt}"
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)


def test_no_module_is_over_the_limit() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in modules().values()
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
