"""The codemod record and what it works with: the parsed file, a match, a finding, a fix.

A codemod is a small declarative ``Codemod`` record: a tree-sitter query, a ``rewrite``
function called once per match, the import paths a file must have for it to match (the
prefilter), its safety, its settings and its documentation. ``rewrite`` is pure: it reads the
``Match`` and returns ``Finding``s, each with an optional ``Fix`` of byte-range edits and
import requests. The runner does everything else.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from gomend.engine.go import consts, query, scope
from gomend.engine.go.edits import Edit
from gomend.engine.go.imports import (
    ImportTable,
    fresh_name,
    is_shadowed,
    package_level_names,
    top_level_declaration,
)
from gomend.engine.go.parse import Node, Tree, parse
from gomend.engine.go.source import has_call, has_token


class Safety(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Setting:
    """A per-codemod setting: ``[tool.gomend.<id>] <name> = ...``."""

    name: str
    kind: str  # "int", "bytes" (an int, or a string such as "256MiB"), "bool" or "str"
    default: Any
    help: str


@dataclass(frozen=True)
class Fix:
    """Byte-range edits and the imports they need or may leave unused.

    ``new_names`` are the names the fix declares in the top-level declaration starting at
    ``scope``; the runner applies only one fix per name and scope in a pass, so that two fixes
    never pick the same fresh name.
    """

    edits: tuple[Edit, ...]
    safety: Safety
    add_imports: tuple[str, ...] = ()
    drop_imports: tuple[str, ...] = ()
    new_names: tuple[str, ...] = ()
    scope: int = 0


@dataclass(frozen=True)
class Finding:
    rule: str
    message: str
    start_byte: int
    end_byte: int
    line: int  # 1-based
    column: int  # 1-based, in bytes as go/analysis does
    end_line: int
    end_column: int
    fix: Fix | None = None
    fixed: bool = False  # set by the runner when the fix was applied

    @property
    def safety(self) -> Safety:
        return self.fix.safety if self.fix is not None else Safety.NONE


@dataclass
class GoFile:
    """One parsed Go file, with the questions codemods ask about it."""

    path: str
    source: bytes  # without a BOM; byte offsets of the tree refer to this
    tree: Tree
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    _imports: ImportTable | None = None
    _package_names: set[str] | None = None
    _consts: dict[str, tuple[Node, GoFile]] | None = None
    _const_misses: set[str] = field(default_factory=set)
    _sibling_data: list[_Sibling] | None = None  # read once per file

    @classmethod
    def from_source(
        cls, path: str, source: bytes, settings: dict[str, dict[str, Any]] | None = None
    ) -> GoFile:
        return cls(path=path, source=source, tree=parse(source), settings=settings or {})

    @property
    def imports(self) -> ImportTable:
        if self._imports is None:
            self._imports = ImportTable(self.tree, self.source)
        return self._imports

    @property
    def package_name(self) -> str:
        for node in self.tree.root_node.named_children:
            if node.type == "package_clause":
                ident = node.named_children[0] if node.named_child_count else None
                return self.text(ident) if ident is not None else ""
        return ""

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
        return fresh_name(base, node, self.tree, self.source, self.imports)

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
            for sibling in _sibling_files(self, name.encode(), _CONST_DECL):
                for key, value in _consts_of(sibling):
                    self._consts.setdefault(key, value)
            found = self._consts.get(name)
        return found

    def sibling_files(self, needle: bytes, shape: re.Pattern[bytes] | None = None) -> list[GoFile]:
        """The other non-test files of this package in the same folder whose text contains
        ``needle`` (a cheap prefilter), parsed. An identifier needle must occur as a whole
        word (``gomend.engine.go.source.has_token``): callers compare node texts with it. ``shape``,
        when given, must also be found in the text: a pattern that every file the caller
        could use matches (e.g. a method declaration), so fewer files are parsed."""
        return [s for s in _sibling_files(self, needle, shape)]

    def package_files(
        self, needle: bytes, shape: re.Pattern[bytes] | None = None
    ) -> Iterator[GoFile]:
        """This file, then ``sibling_files(needle, shape)``, lazily: a caller that stops at
        this file reads no sibling."""
        yield self
        yield from _sibling_files(self, needle, shape)

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


# What a codemod read besides its own file, while a caller (the result cache) listens:
# ("listing", folder, names joined by NUL) and ("file", path, bytes read, or None).
other_reads: list[tuple[str, str, bytes | None]] | None = None
SIBLING_READ_LIMIT = 2_000_000


# Parsed siblings, shared by the files of a folder; bounded by their total size, so memory
# does not grow with the tree. Keyed by path and content: a changed file is parsed again.
_parsed_siblings: OrderedDict[tuple[str, bytes], GoFile] = OrderedDict()
SIBLING_MEMO_BYTES = 8_000_000


@dataclass(eq=False)
class _Sibling:
    """A sibling file as read, with the answers of the text searches made on it."""

    path: str
    data: bytes
    identity: tuple[int, ...] | None  # of the file when read; None: read it again next time
    found: dict[tuple[bytes, bytes | None], bool] = field(default_factory=dict)


# The siblings of the last folders read, reused by the next files of those folders (files
# arrive sorted by path, a folder's subfolders between its files) while each file's identity
# is unchanged: device, inode, size, change and modification times. A file whose change time
# is not SETTLED_NS older than the read is read again each time: a change within the clock's
# granularity might keep the same times. Bounded by total size, the newest folder kept.
_read_folders: OrderedDict[str, dict[str, _Sibling]] = OrderedDict()
SETTLED_NS = 2_000_000_000
READ_MEMO_BYTES = 32_000_000


def _read_siblings(file: GoFile) -> list[_Sibling]:
    """The other non-test ``.go`` files in the file's folder, each reported to
    ``other_reads`` with the bytes it has now, whether read now or reused."""
    folder = os.path.dirname(file.path) or "."
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        names = []
    if other_reads is not None:
        other_reads.append(("listing", folder, "\0".join(names).encode("utf-8", "replace")))
    with _memo_lock:
        known = _read_folders.pop(folder, {})
    memo: dict[str, _Sibling] = {}
    own = os.path.basename(file.path)
    found = []
    for name in names:
        if not name.endswith(".go") or name == own or name.endswith("_test.go"):
            continue
        path = os.path.join(folder, name)
        sibling = _read_sibling(path, known.get(path))
        if other_reads is not None:
            other_reads.append(("file", path, None if sibling is None else sibling.data))
        if sibling is not None:
            found.append(sibling)
            if sibling.identity is not None:
                memo[path] = sibling
    with _memo_lock:
        _read_folders[folder] = {**known, **memo}
        total = sum(len(s.data) for files in _read_folders.values() for s in files.values())
        while total > READ_MEMO_BYTES and len(_read_folders) > 1:
            _, old = _read_folders.popitem(last=False)
            total -= sum(len(s.data) for s in old.values())
    return found


def _read_sibling(path: str, known: _Sibling | None) -> _Sibling | None:
    """The file's bytes (None when unreadable): ``known``'s when its identity still holds."""
    started = time.time_ns()
    try:
        st = os.stat(path)
        identity: tuple[int, ...] | None = (
            st.st_dev, st.st_ino, st.st_size, st.st_ctime_ns, st.st_mtime_ns
        )  # fmt: skip
    except OSError:
        identity = None
    if known is not None and identity is not None and known.identity == identity:
        return known
    try:
        data = _read_head(path, identity[2] if identity is not None else 0)
    except OSError:
        return None
    if identity is not None and identity[3] > started - SETTLED_NS:
        identity = None
    return _Sibling(path, data, identity)


def _read_head(path: str, size: int) -> bytes:
    """The file's first ``SIBLING_READ_LIMIT`` bytes. The first read asks for the ``size``
    a stat gave and one byte more: a read of the limit's size costs a buffer that large."""
    fd = os.open(path, os.O_RDONLY)
    try:
        parts, got = [], 0
        while got < SIBLING_READ_LIMIT:
            want = max(size + 1 - got, 1 << 16)
            chunk = os.read(fd, min(SIBLING_READ_LIMIT - got, want))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def _parsed_sibling(path: str, data: bytes) -> GoFile:
    key = (path, data)
    with _memo_lock:
        sibling = _parsed_siblings.get(key)
        if sibling is not None:
            _parsed_siblings.move_to_end(key)
            return sibling
    sibling = GoFile.from_source(path, data)  # parsed outside the lock
    with _memo_lock:
        _parsed_siblings[key] = sibling
        total = sum(len(k[1]) for k in _parsed_siblings)
        while total > SIBLING_MEMO_BYTES and len(_parsed_siblings) > 1:
            (_, old), _ = _parsed_siblings.popitem(last=False)
            total -= len(old)
    return sibling


# The memos above are shared by the threads of a process (a migration may run repositories
# in threads): each change to them holds this lock.
_memo_lock = threading.Lock()


def _sibling_files(
    file: GoFile, needle: bytes = b"const", shape: re.Pattern[bytes] | None = None
) -> Iterable[GoFile]:
    if file.package_name.endswith("_test"):
        return  # an external test package lives in _test.go files only: no sibling is read
    if file._sibling_data is None:
        file._sibling_data = _read_siblings(file)
    word = needle.isascii() and needle.decode().isidentifier()
    key = (needle, None if shape is None else shape.pattern)
    for candidate in file._sibling_data:
        holds = candidate.found.get(key)
        if holds is None:
            data = candidate.data
            holds = candidate.found[key] = (
                has_token(data, needle) if word else needle in data
            ) and (shape is None or shape.search(data) is not None)
        if not holds:
            continue
        sibling = _parsed_sibling(candidate.path, candidate.data)
        if sibling.package_name == file.package_name:
            yield sibling


_CONST_DECL = re.compile(rb"const(?<!\wconst)\b")  # \bconst\b, searched for the word first


@dataclass
class Match:
    """One match of a codemod's query in one file."""

    file: GoFile
    captures: dict[str, Node]
    codemod: Codemod

    def __getitem__(self, name: str) -> Node:
        return self.captures[name]

    def get(self, name: str) -> Node | None:
        return self.captures.get(name)

    def setting(self, name: str) -> Any:
        for s in self.codemod.settings:
            if s.name == name:
                return self.file.setting(self.codemod.id, name, s.default)
        raise KeyError(name)

    def fix(
        self,
        edits: Iterable[Edit],
        safety: Safety,
        *,
        add_imports: Iterable[str] = (),
        drop_imports: Iterable[str] = (),
        new_names: Iterable[str] = (),
    ) -> Fix:
        anchor = next(iter(self.captures.values()))
        return Fix(
            tuple(edits),
            safety,
            tuple(add_imports),
            tuple(drop_imports),
            tuple(new_names),
            top_level_declaration(anchor).start_byte,
        )

    def report(self, node: Node, message: str, fix: Fix | None = None) -> Finding:
        (sl, sc), (el, ec) = node.start_point, node.end_point
        return Finding(
            rule=self.codemod.id,
            message=message,
            start_byte=node.start_byte,
            end_byte=node.end_byte,
            line=sl + 1,
            column=sc + 1,
            end_line=el + 1,
            end_column=ec + 1,
            fix=fix,
        )


RewriteResult = Finding | Iterable[Finding] | None


@lru_cache(maxsize=256)
def _query_anchors(query_text: str) -> tuple[bytes, ...]:
    """Texts of which every match of the query has a node's text: for each pattern, those
    of its first group of required names; () when some pattern requires none."""
    names = query.query_names(query_text)
    return () if names is None else tuple(sorted({w for p in names for w, _ in p[0]}))


def _anchor_spans(query_text: str, tree: Tree, source: bytes) -> list[tuple[int, int]] | None:
    """The spans of the nodes spelled one of the query's anchors, in source order: every
    match overlaps one (none: nothing can match); None: the whole file. Occurrences in
    comments, strings or longer words are no node's whole text."""
    anchors = _query_anchors(query_text)
    if not anchors:
        return None
    return sorted(span for a in anchors for span in query.spans_spelled(tree.root_node, source, a))


@dataclass(frozen=True)
class Codemod:
    """One codemod: the record a module in ``codemods/`` exports as ``CODEMOD``."""

    id: str
    title: str
    doc: str
    safety: Safety  # the tier of its usual fix; each Fix carries its own
    query: str
    rewrite: Callable[[Match], RewriteResult]
    imports: tuple[str, ...]  # a file that imports none of these paths cannot match
    settings: tuple[Setting, ...] = ()
    skip_test_files: bool = False
    # identifiers: a file that has none of them as a whole word cannot match (empty: no such
    # condition); enforced here, so the prefilter may rely on it (engine/run/prefilter.py)
    names: tuple[str, ...] = ()
    # A shape every file with a finding has: a byte pattern that each match's own text
    # satisfies (``gomend.engine.go.source.GO_SPACE`` stands for Go's white space and comments between
    # tokens). ``run`` enforces it, so the prefilter may drop a file on it.
    shape: re.Pattern[bytes] | None = None
    # Calls ``(import path, Name)`` of which every file with a finding has one, spelled with
    # the file's name for the package and followed by a bracket (``rt.GC(``, ``(rt.GC)``);
    # ``run`` enforces it, so the prefilter may drop a file.
    calls: tuple[tuple[str, str], ...] = ()
    # Package names the codemod never applies to (``main`` for a rule about libraries);
    # ``run`` enforces it, so the prefilter may drop a file on its package clause.
    skip_packages: tuple[str, ...] = ()

    def _spells_a_call(self, file: GoFile) -> bool:
        spellings = []
        for path, name in self.calls:
            for spec in file.imports.specs:
                if spec.path == path and (spec.local or spec.kind == "dot"):
                    spellings.append((spec.local or ".", name))
        return has_call(file.source, tuple(sorted(spellings)))

    def run(self, file: GoFile) -> list[Finding]:
        if not any(file.imports.imports(p) for p in self.imports):
            return []
        if self.skip_test_files and file.is_test_file:
            return []
        if self.skip_packages and file.package_name in self.skip_packages:
            return []
        if self.names and not any(has_token(file.source, n.encode()) for n in self.names):
            return []
        if self.shape is not None and self.shape.search(file.source) is None:
            return []
        if self.calls and not self._spells_a_call(file):
            return []
        # the query runs on each anchor's node alone: tree-sitter then skips the rest of the
        # tree (run once on the bytes from the first to the last, it visited every node there)
        spans = _anchor_spans(self.query, file.tree, file.source)
        if spans == []:
            return []
        findings: list[Finding] = []
        for caps in query.matches(self.query, file.tree.root_node, spans):
            result = self.rewrite(Match(file, caps, self))
            if result is None:
                continue
            if isinstance(result, Finding):
                findings.append(result)
            else:
                findings.extend(result)
        return findings
