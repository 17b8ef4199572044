"""One parsed Go file and the questions asked about it: imports, names, text, constants.

The other files of its package come from its ``package`` (``gomend.engine.go.package``
builds files with one); a file without one reads no other file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from gomend.engine.go import consts, query, scope, version
from gomend.engine.go.imports import ImportTable, fresh_name, is_shadowed, package_level_names
from gomend.engine.go.parse import Node, Tree, parse


class PackageFiles(Protocol):
    """The other files of a file's package, as ``GoFile`` asks for them."""

    def siblings(
        self, file: GoFile, needle: bytes, shape: re.Pattern[bytes] | None = None
    ) -> Iterator[GoFile]: ...

    def module_version(self, file: GoFile) -> version.Version | None: ...


@dataclass
class GoFile:
    """One parsed Go file, with the questions codemods ask about it."""

    path: str
    source: bytes  # without a BOM; byte offsets of the tree refer to this
    tree: Tree
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    package: PackageFiles | None = None  # the other files of its package; None: none read
    _imports: ImportTable | None = None
    _package_names: set[str] | None = None
    _package_name: str | None = None
    _consts: dict[str, tuple[Node, GoFile]] | None = None
    _const_misses: set[str] = field(default_factory=set)

    @classmethod
    def from_source(
        cls,
        path: str,
        source: bytes,
        settings: dict[str, dict[str, Any]] | None = None,
        package: PackageFiles | None = None,
    ) -> GoFile:
        return cls(
            path=path, source=source, tree=parse(source), settings=settings or {}, package=package
        )

    @property
    def imports(self) -> ImportTable:
        if self._imports is None:
            self._imports = ImportTable(self.tree, self.source)
        return self._imports

    @property
    def package_name(self) -> str:
        if self._package_name is None:  # once: the root's children are many in a big file
            self._package_name = ""
            for node in self.tree.root_node.named_children:
                if node.type == "package_clause":
                    ident = node.named_children[0] if node.named_child_count else None
                    self._package_name = self.text(ident) if ident is not None else ""
                    break
        return self._package_name

    @property
    def is_test_file(self) -> bool:
        return self.path.endswith("_test.go")

    @property
    def package_names(self) -> set[str]:
        if self._package_names is None:
            self._package_names = package_level_names(self.tree, self.source)
        return self._package_names

    def text(self, node: Node) -> str:
        return query.node_text(node, self.source)

    def is_shadowed(self, name: str, node: Node) -> bool:
        return is_shadowed(name, node, self.source)

    def qualifier(self, path: str) -> str:
        return self.imports.qualifier(path)

    def fresh_name(self, base: str, node: Node) -> str:
        return fresh_name(base, node, self.source, self.package_names, self.imports)

    def setting(self, codemod_id: str, name: str, default: Any) -> Any:
        return self.settings.get(codemod_id, {}).get(name, default)

    # constants -------------------------------------------------------------------------

    def package_const(self, name: str) -> tuple[Node, GoFile] | None:
        """The expression of a package-level ``const name = expr``, in this file or in a
        sibling file of the same package."""
        if self._consts is None:
            self._consts = dict(_consts_of(self))
        found = self._consts.get(name)
        if found is None and name not in self._const_misses:
            self._const_misses.add(name)  # siblings that never spell the name cannot define it
            for sibling in self._siblings(name.encode(), _CONST_DECL):
                for key, value in _consts_of(sibling):
                    self._consts.setdefault(key, value)
            found = self._consts.get(name)
        return found

    @property
    def go_version(self) -> version.Version | None:
        """The file's Go language version (``engine/go/version.py``): None for the newest Go,
        as for a file read without its package or outside any module."""
        module = self.package.module_version(self) if self.package is not None else None
        return version.file_version(module, self.source)

    def sibling_files(self, needle: bytes) -> list[GoFile]:
        """The other non-test files of this package in the same folder whose text contains
        ``needle`` (a cheap prefilter), parsed. An identifier needle must occur as a whole
        word (``gomend.engine.go.source.has_token``): callers compare node texts with it."""
        return list(self._siblings(needle))

    def package_files(self, needle: bytes) -> Iterator[GoFile]:
        """This file, then ``sibling_files(needle)``, lazily: a caller that stops at this
        file reads no sibling."""
        yield self
        yield from self._siblings(needle)

    def _siblings(self, needle: bytes, shape: re.Pattern[bytes] | None = None) -> Iterator[GoFile]:
        """``shape``: a pattern every file holding what is looked for matches (the const
        lookup's ``_CONST_DECL``; tests/engine/go/test_sibling_search.py holds it to that)."""
        if self.package is not None:
            yield from self.package.siblings(self, needle, shape)

    def local_const(self, name: str, at: Node) -> Node | None:
        func = scope.enclosing_function(at)
        while func is not None:
            for decl in query.walk(func, ("const_declaration",)):
                if decl.start_byte > at.start_byte:
                    continue
                for spec in query.walk(decl, ("const_spec",)):
                    expr = _spec_value(spec, name, self)
                    if expr is not None:
                        return expr
            func = scope.enclosing_function(func)
        return None

    def const_value(self, node: Node) -> int | None:
        return consts.const_value(node, self)


def _spec_value(spec: Node, name: str, file: GoFile) -> Node | None:
    names = [file.text(n) for n in spec.children_by_field_name("name")]
    value = spec.child_by_field_name("value")
    if name in names and value is not None and value.named_child_count == len(names):
        return value.named_children[names.index(name)]
    return None


def _consts_of(file: GoFile) -> Iterable[tuple[str, tuple[Node, GoFile]]]:
    for decl in file.tree.root_node.named_children:
        if decl.type != "const_declaration":
            continue
        for spec in query.walk(decl, ("const_spec",)):
            for n in spec.children_by_field_name("name"):
                expr = _spec_value(spec, file.text(n), file)
                if expr is not None:
                    yield file.text(n), (expr, file)


_CONST_DECL = re.compile(rb"const(?<!\wconst)\b")  # \bconst\b, searched for the word first
