"""Docstrings and comments cite only files that exist in the repository.

A citation is a Markdown file's name (``ARCHITECTURE.md``, ``docs/codemods.md``) or a module
path under ``engine/``, ``codemods/``, ``tests/`` or ``bench/`` (``engine/run/runner.py``),
(also spelled ``gomend/engine/...``), read from the repository's root. Code and string
literals are not citations.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("engine", "codemods", "tests", "bench")

CITATION = re.compile(
    r"(?<![\w./-])(?:"
    r"(?:[\w-]+/)*[\w-]+\.md"
    r"|(?:gomend/)?(?:engine|codemods|tests|bench)/(?:[\w-]+/)*[\w-]+\.py"
    r")(?![\w/-])"
)

# Citations that stay for now, each as (file, cited name). An entry that no longer occurs
# fails the test, so the list only shrinks.
KNOWN: frozenset[tuple[str, str]] = frozenset()


def commentary(source: str) -> Iterator[tuple[int, str]]:
    """The docstrings and comments of a Python module: (first line, text)."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(
            node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
        ) and (doc := ast.get_docstring(node, clean=False)):
            first = node.body[0]
            yield first.lineno, doc
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            yield tok.start[0], tok.string


def citations(source: str) -> Iterator[tuple[int, str]]:
    for line, text in commentary(source):
        for m in CITATION.finditer(text):
            yield line + text.count("\n", 0, m.start()), m.group(0)


def missing_citations(root: Path) -> list[tuple[str, int, str]]:
    """Every (file, line, cited name) whose cited file does not exist under ``root``."""
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            for line, cited in citations(path.read_text(encoding="utf-8")):
                if not (root / cited).exists():
                    found.append((rel, line, cited))
    return found


def test_docstrings_and_comments_cite_files_that_exist() -> None:
    missing = missing_citations(ROOT)
    unexpected = [m for m in missing if (m[0], m[2]) not in KNOWN]
    assert not unexpected, "cited files missing from the repository:\n" + "\n".join(
        f"{path}:{line}: {cited}" for path, line, cited in unexpected
    )
    gone = KNOWN - {(path, cited) for path, _, cited in missing}
    assert not gone, f"no longer cited, drop from KNOWN: {sorted(gone)}"


def test_citations_are_read_from_docstrings_and_comments_only() -> None:
    source = (
        '"""Module.\n\nSee ARCHITECTURE.md and\nengine/run/runner.py."""\n'
        "import os  # as in notes.md\n"
        "def f():\n"
        '    """Like engine/model.py, not gomend/engine/model.py."""\n'
        '    return "rules.md", ".md", "engine/gone.py"\n'
        "class C:\n"
        "    # tests/engine/test_gone.py and docs/codemods.md, bench/scan.py\n"
        "    pass\n"
    )
    assert list(citations(source)) == [
        (3, "ARCHITECTURE.md"),
        (4, "engine/run/runner.py"),
        (7, "engine/model.py"),
        (7, "gomend/engine/model.py"),
        (5, "notes.md"),
        (10, "tests/engine/test_gone.py"),
        (10, "docs/codemods.md"),
        (10, "bench/scan.py"),
    ]


def test_missing_citations_names_file_line_and_citation(tmp_path: Path) -> None:
    (tmp_path / "engine").mkdir()
    (tmp_path / "README.md").write_text("")
    (tmp_path / "engine" / "a.py").write_text(
        '"""Owns a (README.md, cli.md)."""\n\n# moved: engine/a.py, engine/query.py\n'
    )
    assert missing_citations(tmp_path) == [
        ("engine/a.py", 1, "cli.md"),
        ("engine/a.py", 3, "engine/query.py"),
    ]
