"""The Go layer's byte shortcuts answer exactly as a walk of the tree does.

``spelled``, ``spans_spelled``, ``has_identifier`` and ``may_spell`` search the bytes
instead of visiting every node. Each is held against a plain walk on the golden cases, a
sample of the Go standard library, generated files (``tests/gogen.py``) and arbitrary bytes
(a broken parse has the same nodes to answer about).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gomend.engine.go.parse import Node, Tree, parse
from gomend.engine.go.query import (
    has_identifier,
    identifiers_in,
    may_spell,
    node_text,
    spans_spelled,
    spelled,
)
from tests.gogen import go_files
from tests.gotools import goroot

ROOT = Path(__file__).resolve().parents[3]
WORDS = ("runtime", "GC", "SetFinalizer", "ctx", "cancel", "x", "err", "nil", "Stack", "(", ".")


def _all_nodes(node: Node) -> Iterator[Node]:
    cursor = node.walk()
    while True:
        yield cursor.node  # type: ignore[misc]
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def walked_spelled(root: Node, source: bytes, text: str) -> list[tuple[int, int, str]]:
    """The innermost named node of each span whose text is ``text``, by a walk."""
    inner: dict[tuple[int, int], Node] = {}
    for n in _all_nodes(root):
        if n.is_named and node_text(n, source) == text:
            inner[(n.start_byte, n.end_byte)] = n  # a later node of the same span is inside
    return sorted((s, e, n.type) for (s, e), n in inner.items())


def walked_spans(root: Node, source: bytes, word: bytes) -> list[tuple[int, int]]:
    return sorted(
        {
            (n.start_byte, n.end_byte)
            for n in _all_nodes(root)
            if source[n.start_byte : n.end_byte] == word
        }
    )


def check(source: bytes, tree: Tree) -> None:
    root = tree.root_node
    idents = identifiers_in(root, source)
    for text in WORDS:
        got = sorted((n.start_byte, n.end_byte, n.type) for n in spelled(root, source, text))
        assert got == walked_spelled(root, source, text), text
        assert sorted(spans_spelled(root, source, text.encode())) == walked_spans(
            root, source, text.encode()
        ), text
        assert has_identifier(root, source, text) == (text in idents), text
        for child in root.named_children[:20]:
            if not may_spell(source, text, child.start_byte, child.end_byte):
                assert walked_spelled(child, source, text) == [], text


@lru_cache(maxsize=1)
def corpus() -> tuple[Path, ...]:
    golden = sorted((ROOT / "golden").rglob("*.go"))
    std = sorted((goroot() / "src").rglob("*.go"))
    return (*golden, *std[::60])


@pytest.mark.parametrize("index", range(8))
def test_on_the_golden_cases_and_the_standard_library(index: int) -> None:
    files = corpus()[index::8]
    assert files
    for path in files:
        source = path.read_bytes()[:200_000]
        check(source, parse(source))


@settings(max_examples=60, deadline=None)
@given(go_files())
def test_on_generated_files(file) -> None:  # type: ignore[no-untyped-def]
    source = file.text.encode()
    check(source, parse(source))


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=300)
    | st.text(alphabet='runtime.GC(){}ctx, _:=\n\t/*x"`', max_size=200).map(str.encode)
)
def test_on_arbitrary_bytes(source: bytes) -> None:
    check(source, parse(source))
