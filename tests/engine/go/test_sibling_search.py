"""A package's sibling files are chosen by byte searches before any is parsed; those
searches never drop a file that the tree says holds what the caller looks for.

On folders of the Go standard library (the ones with several files of one package): every
sibling that spells a name as an identifier node is among ``sibling_files(name)``, and every
sibling with a ``const`` declaration matches the pattern that constant lookups search with.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from gomend.engine.go import file as go_file
from gomend.engine.go.package import package_file
from gomend.engine.go.parse import Node, parse
from gomend.engine.go.query import node_text, walk
from tests.gotools import goroot

IDENTS = ("identifier", "field_identifier", "type_identifier")


@lru_cache(maxsize=1)
def folders() -> list[list[Path]]:
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for path in sorted((goroot() / "src").rglob("*.go")):
        if not path.name.endswith("_test.go") and "testdata" not in path.parts:
            by_folder[path.parent].append(path)
    chosen = [files for files in by_folder.values() if 3 <= len(files) <= 12]
    return chosen[::25]


def package_of(root: Node, data: bytes) -> str | None:
    clause = next((n for n in root.named_children if n.type == "package_clause"), None)
    return (
        node_text(clause.named_children[0], data) if clause and clause.named_child_count else None
    )


@pytest.mark.parametrize("index", range(4))
def test_sibling_search_drops_no_file_the_tree_would_keep(index: int) -> None:
    for files in folders()[index::4]:
        first = files[0]
        source = first.read_bytes()
        gofile = package_file(str(first), source)
        names: set[str] = set()
        for n in walk(gofile.tree.root_node, IDENTS):
            names.add(node_text(n, gofile.source))
        for name in sorted(names)[::4][:20]:
            found = {s.path for s in gofile.sibling_files(name.encode())}
            for other in files[1:]:
                data = other.read_bytes()
                tree = parse(data)
                same_package = package_of(tree.root_node, data) == gofile.package_name
                spelled = any(node_text(n, data) == name for n in walk(tree.root_node, IDENTS))
                if same_package and spelled:
                    assert str(other) in found, (name, str(other))


def test_the_const_pattern_matches_every_file_with_a_const_declaration() -> None:
    seen = 0
    for files in folders():
        for path in files:
            data = path.read_bytes()
            tree = parse(data)
            if any(d.type == "const_declaration" for d in tree.root_node.named_children):
                seen += 1
                assert go_file._CONST_DECL.search(data) is not None, str(path)
    assert seen > 10
