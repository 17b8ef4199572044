"""The codemod record and what it works with: a match, a finding, a fix, a setting.

A codemod is a small declarative ``Codemod`` record: a tree-sitter query, a ``rewrite``
function called once per match, the import paths a file must have for it to match (the
prefilter), its safety, its settings and its documentation. ``rewrite`` is pure: it reads the
``Match`` and returns ``Finding``s, each with an optional ``Fix`` of byte-range edits and
import requests. The runner does everything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from gomend.engine.go import calls as go_calls
from gomend.engine.go import deletion, query, scope
from gomend.engine.go.edits import Edit
from gomend.engine.go.file import GoFile
from gomend.engine.go.imports import top_level_declaration
from gomend.engine.go.parse import Node, Tree
from gomend.engine.go.source import has_call, has_token


class Safety(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"

    def __str__(self) -> str:
        return self.value


def allowed(safety: Safety, unsafe_fixes: bool) -> bool:
    """Whether a fix of this safety is applied: safe ones always, unsafe ones when asked."""
    return safety == Safety.SAFE or (safety == Safety.UNSAFE and unsafe_fixes)


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

    def fixable(self, unsafe_fixes: bool) -> bool:
        """Whether ``gomend fix`` fixes it: a safe fix, or an unsafe one with ``--unsafe-fixes``."""
        return allowed(self.safety, unsafe_fixes)


@dataclass
class Match:
    """One match of a codemod's query in one file. ``target`` is the call of the codemod's
    ``calls`` that the ``@call`` capture resolves to, when the engine derived the query."""

    file: GoFile
    captures: dict[str, Node]
    codemod: Codemod
    target: Call | None = None

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

    def fix_deleting(
        self, call: Node, safety: Safety, *, drop_imports: Iterable[str] = ()
    ) -> Fix | None:
        """A fix deleting the statement that is the call ``call`` (``engine.go.deletion``:
        an ``if`` it leaves empty goes too), dropping ``drop_imports`` when they have no use
        left; None when the call is not a statement of its own line."""
        if not scope.is_expression_statement(call):
            return None
        statement = call.parent
        assert statement is not None
        edit = deletion.delete_cleanly(statement, self.file)
        if edit is None:
            return None
        return self.fix([edit], safety, drop_imports=drop_imports)

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


class Call(NamedTuple):
    """A function a codemod is about: its import path and name, ``Call("runtime", "GC")``."""

    path: str
    name: str


@dataclass(frozen=True)
class Codemod:
    """One codemod: the record a module in ``codemods/`` exports as ``CODEMOD``.

    A codemod about calls names them once, in ``calls``; the engine derives from them the
    query (``@call`` on each call spelled with one of the names), the import condition, the
    prefilter's names, and hands ``rewrite`` only the calls that resolve to one of them
    (``Match.target``). A codemod that needs a structural query gives ``query`` (and
    ``imports``) itself; ``calls`` is then a prefilter condition only.
    """

    id: str
    title: str
    doc: str
    safety: Safety  # the tier of its usual fix; each Fix carries its own
    rewrite: Callable[[Match], RewriteResult]
    # Calls of which every file with a finding has one, spelled with the file's name for
    # the package and followed by a bracket (``rt.GC(``, ``(rt.GC)``); ``run`` enforces it,
    # so the prefilter may drop a file.
    calls: tuple[Call, ...] = ()
    query: str = ""  # derived from ``calls`` when empty
    imports: tuple[str, ...] = ()  # a file that imports none of these cannot match; derived
    settings: tuple[Setting, ...] = ()
    skip_test_files: bool = False
    # identifiers: a file that has none of them as a whole word cannot match (empty: no such
    # condition); enforced here, so the prefilter may rely on it (engine/run/prefilter.py)
    names: tuple[str, ...] = ()
    # A run of Go tokens every finding's own text spells, declared with
    # ``engine.go.shape.shape(...)``, which compiles it (white space and comments allowed
    # between tokens). ``run`` enforces it, so the prefilter may drop a file on it.
    shape: re.Pattern[bytes] | None = None
    # Package names the codemod never applies to (``main`` for a rule about libraries);
    # ``run`` enforces it, so the prefilter may drop a file on its package clause.
    skip_packages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.query and not self.calls:
            raise ValueError(f"codemod {self.id!r} names neither calls nor a query")

    @cached_property
    def match_query(self) -> str:
        """The query run on each file: the codemod's own, or the one its calls derive."""
        return self.query or query.call_query(*(c.name for c in self.calls))

    @cached_property
    def import_paths(self) -> tuple[str, ...]:
        """The import paths of which a file with a finding imports one."""
        return self.imports or tuple(dict.fromkeys(c.path for c in self.calls))

    def _target(self, file: GoFile, caps: dict[str, Node]) -> Call | None:
        node = caps.get("call")
        if node is None:
            return None
        for c in self.calls:
            if go_calls.is_call(node, file, c.path, c.name):
                return c
        return None

    def _spells_a_call(self, file: GoFile) -> bool:
        spellings = []
        for path, name in self.calls:
            for spec in file.imports.specs:
                if spec.path == path and (spec.local or spec.kind == "dot"):
                    spellings.append((spec.local or ".", name))
        return has_call(file.source, tuple(sorted(spellings)))

    def run(self, file: GoFile) -> list[Finding]:
        if not any(file.imports.mentions(p) for p in self.import_paths):
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
        spans = _anchor_spans(self.match_query, file.tree, file.source)
        if spans == []:
            return []
        findings: list[Finding] = []
        derived = not self.query
        for caps in query.matches(self.match_query, file.tree.root_node, spans):
            target = self._target(file, caps) if derived else None
            if derived and target is None:
                continue  # the name of a call, resolved to another package
            result = self.rewrite(Match(file, caps, self, target))
            if result is None:
                continue
            if isinstance(result, Finding):
                findings.append(result)
            else:
                findings.extend(result)
        return findings
