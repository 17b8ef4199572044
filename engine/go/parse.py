"""Parsing: Go bytes in, a tree-sitter tree out, with every syntax error located.

This module and ``gomend.engine.go.query`` are the only places that touch the tree-sitter API.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import tree_sitter
import tree_sitter_go

Node = tree_sitter.Node
Tree = tree_sitter.Tree


@dataclass(frozen=True, order=True)
class SyntaxProblem:
    """An ERROR or MISSING node: where it is (1-based line and column) and what it is."""

    line: int
    column: int
    start_byte: int
    end_byte: int
    kind: str  # "error", "missing", or "go" (Go's own parser's message in ``detail``)
    detail: str = ""

    def what(self) -> str:
        """The problem without its position."""
        if self.kind == "go":
            return self.detail
        return f"missing {self.detail}" if self.kind == "missing" else "syntax error"

    def describe(self) -> str:
        if self.kind == "go":
            return f"syntax error at {self.line}:{self.column}: {self.detail}"
        what = f"missing {self.detail}" if self.kind == "missing" else "syntax error"
        return f"{what} at {self.line}:{self.column}"


@lru_cache(maxsize=1)
def go_language() -> tree_sitter.Language:
    return tree_sitter.Language(tree_sitter_go.language())


# One parser per thread: a tree-sitter parser is not safe to share between threads, and
# migrations may run repositories in threads (a Dask worker runs several tasks at once).
_local = threading.local()


def _get_parser() -> tree_sitter.Parser:
    parser: tree_sitter.Parser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = tree_sitter.Parser(go_language())
        _local.parser = parser
    return parser


def parse(source: bytes) -> Tree:
    return _get_parser().parse(source)


def syntax_problems(tree: Tree, limit: int = 50) -> list[SyntaxProblem]:
    """Every ERROR and MISSING node, outermost first, in source order (up to ``limit``)."""
    root = tree.root_node
    if not root.has_error:
        return []
    found: list[SyntaxProblem] = []
    stack = [root]
    while stack and len(found) < limit:
        node = stack.pop()
        if node.is_error or node.is_missing:
            row, col = node.start_point
            found.append(
                SyntaxProblem(
                    line=row + 1,
                    column=col + 1,
                    start_byte=node.start_byte,
                    end_byte=node.end_byte,
                    kind="missing" if node.is_missing else "error",
                    detail=node.type if node.is_missing else "",
                )
            )
            continue
        if node.has_error:
            stack.extend(reversed(node.children))
    if not found:  # an error the tree marks without an ERROR or MISSING node to show
        found.append(SyntaxProblem(1, 1, 0, root.end_byte, "error"))
    return sorted(found)


def problem_at(source: bytes, line: int, column: int, detail: str) -> SyntaxProblem:
    """The problem Go's parser reports at a 1-based line and byte column of ``source``."""
    start = 0
    for _ in range(line - 1):
        at = source.find(b"\n", start)
        if at < 0:
            break
        start = at + 1
    offset = min(len(source), start + max(0, column - 1))
    return SyntaxProblem(line, column, offset, min(len(source), offset + 1), "go", detail)


def problem_at_offset(source: bytes, offset: int, detail: str) -> SyntaxProblem:
    """The problem Go's scanner reports at a byte offset of ``source`` (a bad byte)."""
    line = source.count(b"\n", 0, offset) + 1
    column = offset - (source.rfind(b"\n", 0, offset) + 1) + 1
    return SyntaxProblem(line, column, offset, offset + 1, "go", detail)


def overlaps_problem(start: int, end: int, problems: list[SyntaxProblem]) -> bool:
    """Whether the byte range [start, end) touches any syntax problem."""
    return any(p.start_byte <= end and start <= p.end_byte for p in problems)
