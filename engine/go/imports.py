"""Imports: which local name each import path has in a file, shadowing and fresh names.

Codemods never edit import declarations. They ask for ``qualifier(path)`` to spell a call and
list the paths their fix needs (``Fix.add_imports``) or may leave unused
(``Fix.drop_imports``); ``gomend.engine.go.import_edits`` then adds and drops them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from gomend.engine.go.parse import Node, Tree
from gomend.engine.go.query import has_identifier, may_spell, node_text, walk
from gomend.engine.go.scope import FUNCTION_TYPES, declared_names, signature_declares
from gomend.engine.go.source import unquote


@functools.lru_cache(maxsize=4096)
def default_package_name(path: str) -> str:
    """The name a package is known by when imported without an alias (Go's convention)."""
    parts = [p for p in path.split("/") if p]
    last = parts[-1] if parts else path
    if len(parts) > 1 and last.startswith("v") and last[1:].isdigit():
        last = parts[-2]  # major-version suffix: example.com/mod/v2
    if "." in last:
        last = last.split(".")[0]  # gopkg.in/yaml.v3
    for prefix in ("go-",):
        if last.startswith(prefix) and len(last) > len(prefix):
            last = last[len(prefix) :]
    return last.replace("-", "_")


@dataclass(frozen=True)
class ImportSpec:
    path: str
    kind: str  # "default", "alias", "dot", "blank" or "cgo"
    local: str | None  # the name the file uses; None for dot, blank and cgo imports
    spec: Node
    decl: Node


@functools.lru_cache(maxsize=4096)
def _import_path(literal: bytes) -> str:
    """The path an import spec's string literal spells (files import the same few paths)."""
    return unquote(literal) or literal.decode("utf-8", "replace").strip('"`')


def _import_declarations(tree: Tree, source: bytes) -> Iterator[Node]:
    """The file's import declarations: the top-level ones up to the last ``import`` in
    the bytes (a declaration starts with the keyword; Go has them all at the top)."""
    last = source.rfind(b"import")
    cursor = tree.root_node.walk()
    more = cursor.goto_first_child()
    while more:
        node = cursor.node
        assert node is not None
        if node.start_byte > last:
            break
        if node.type == "import_declaration":
            yield node
        more = cursor.goto_next_sibling()


def _import_specs(decl: Node) -> Iterator[Node]:
    """The specs of an import declaration: its children or those of its list (anywhere
    under it where the parse has an error)."""
    if decl.has_error:
        yield from walk(decl, ("import_spec",))
        return
    for child in decl.named_children:
        if child.type == "import_spec":
            yield child
        elif child.type == "import_spec_list":
            yield from (spec for spec in child.named_children if spec.type == "import_spec")


class ImportTable:
    """The imports of one parsed file."""

    def __init__(self, tree: Tree, source: bytes) -> None:
        self.source = source
        self.specs: list[ImportSpec] = []
        self.decls: list[Node] = []
        for decl in _import_declarations(tree, source):
            self.decls.append(decl)
            for spec in _import_specs(decl):
                path_node = spec.child_by_field_name("path")
                if path_node is None:
                    continue
                path = _import_path(source[path_node.start_byte : path_node.end_byte])
                name_node = spec.child_by_field_name("name")
                if path == "C":
                    kind, local = "cgo", None
                elif name_node is None:
                    kind, local = "default", default_package_name(path)
                elif name_node.type == "dot":
                    kind, local = "dot", None
                elif name_node.type == "blank_identifier":
                    kind, local = "blank", None
                else:
                    kind, local = "alias", node_text(name_node, source)
                self.specs.append(ImportSpec(path, kind, local, spec, decl))

    def names_for(self, path: str) -> set[str]:
        return {s.local for s in self.specs if s.path == path and s.local}

    def is_dot_imported(self, path: str) -> bool:
        return any(s.path == path and s.kind == "dot" for s in self.specs)

    def imports(self, path: str) -> bool:
        return any(s.path == path and s.kind != "blank" for s in self.specs)

    def mentions(self, path: str) -> bool:
        """Whether any spec imports ``path``, a blank import (``_ "path"``) included."""
        return any(s.path == path for s in self.specs)

    def path_of(self, local: str) -> str | None:
        for s in self.specs:
            if s.local == local:
                return s.path
        return None

    def local_names(self) -> set[str]:
        return {s.local for s in self.specs if s.local}

    def qualifier(self, path: str) -> str:
        """How a fix spells a member of ``path``: ``"rt."``, ``""`` for a dot import, or the
        default name (the fix must then list the path in ``add_imports``)."""
        for s in self.specs:
            if s.path == path and s.local:
                return s.local + "."
        if self.is_dot_imported(path):
            return ""
        return default_package_name(path) + "."


# --- shadowing and fresh names ------------------------------------------------------------


def is_shadowed(name: str, node: Node, source: bytes) -> bool:
    """Whether ``name`` at ``node`` means a parameter, receiver, result or local of an
    enclosing function, rather than a package-level name or import."""
    ancestors = []  # up to the source file
    current = node.parent
    while current is not None:
        ancestors.append(current)
        if current.type == "source_file":
            break
        current = current.parent
    top_level = len(ancestors) > 1 and ancestors[-1].type == "source_file"
    if top_level and _only_selected(name, node, ancestors[:-1], source):
        return False
    child = node
    for at, parent in enumerate(ancestors):
        kind = parent.type
        if kind == "source_file":
            return False
        grandparent = ancestors[at + 1] if at + 1 < len(ancestors) else None
        is_function = kind in FUNCTION_TYPES
        if not is_function and grandparent is not None and grandparent.type == "source_file":
            return False  # earlier specs of a top-level group are package-level names
        # a declaration spells the name: the siblings before child (which end where it
        # starts) only if their bytes do, each only if its own bytes do
        before = child.start_byte
        if may_spell(source, name, parent.start_byte, before):
            for sibling in parent.named_children:
                if sibling.start_byte >= before:
                    break
                if may_spell(
                    source, name, sibling.start_byte, sibling.end_byte
                ) and name in declared_names(sibling, source):
                    return True
        if is_function and signature_declares(parent, name, source):
            return True
        child = parent
    return False


def _only_selected(name: str, node: Node, ancestors: list[Node], source: bytes) -> bool:
    """Whether each spelling of ``name`` where a declaration seen from ``node`` could be
    (in its top-level declaration, before ``node`` or in the signature of a function around
    it) is followed by a selector's dot (``name.x``): a declared name never is where the
    parse has no error, so ``name`` is declared by none of them."""
    top = ancestors[-1]
    if top.has_error or "\ufffd" in name:
        return False
    end = node.start_byte
    for func in ancestors:
        if func.type in FUNCTION_TYPES:  # its signature ends where its body starts
            body = func.child_by_field_name("body")
            end = max(end, func.end_byte if body is None else body.start_byte)
    word = name.encode()
    at = source.find(word, top.start_byte, end)
    while at >= 0:
        after = at + len(word)
        if source[after : after + 1] != b"." or source[after + 1 : after + 2] == b".":
            return False
        at = source.find(word, after, end)
    return True


def top_level_declaration(node: Node) -> Node:
    while node.parent is not None and node.parent.type != "source_file":
        node = node.parent
    return node


def package_level_names(tree: Tree, source: bytes) -> set[str]:
    names: set[str] = set()
    for decl in tree.root_node.named_children:
        if decl.type in ("function_declaration",):
            n = decl.child_by_field_name("name")
            if n is not None:
                names.add(node_text(n, source))
        elif decl.type in ("var_declaration", "const_declaration", "type_declaration"):
            names |= declared_names(decl, source)
    return names


def fresh_name(
    base: str, node: Node, source: bytes, package_names: AbstractSet[str], table: ImportTable
) -> str:
    """``base``, or ``base2``, ``base3``... : the first that no identifier of the enclosing
    top-level declaration, no package-level name (``package_names``) and no import of the
    file uses."""
    top = top_level_declaration(node)
    local = table.local_names()

    def taken(name: str) -> bool:
        return name in package_names or name in local or has_identifier(top, source, name)

    if not taken(base):
        return base
    n = 2
    while taken(f"{base}{n}"):
        n += 1
    return f"{base}{n}"
