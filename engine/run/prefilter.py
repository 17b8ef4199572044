"""The prefilter: which codemods could match a file, decided on its bytes before parsing.

A file no codemod can match is never parsed. The prefilter only drops a codemod when one of
the conditions that ``Codemod.run`` itself enforces is proven false on the bytes, so it can
never lose a finding:

- **Imports.** ``Codemod.run`` finds nothing unless the file imports one of the codemod's
  ``imports``. An import path is a string literal: ``"runtime"``, a raw ``\\`runtime\\```, or
  an interpreted literal with escapes (``"\\x72untime"``, which Go accepts). The header (the
  package clause and the import declarations that must follow it) is read with one regular
  expression that knows comments and both literal kinds, giving the exact paths and the
  names the file gives them. Text further down that could start another import
  declaration (tree-sitter still takes one as an import; Go source in a raw string looks
  like one) is read as a declaration too, which can only add paths. Where the bytes do not
  read that way (no header, an import-like text that is no declaration), the whole file is
  searched for the path in either quote, and a file holding a backslash (an escape) or,
  with a backquote, a carriage return (which raw literals drop) is kept.
- **Names.** A query's ``#eq?``, ``#any-eq?`` or ``#any-of?`` predicate on a capture that
  every match has (tree-sitter's own capture quantifier says so) compares that node's text,
  a substring of the file, with literals: a file holding none of them cannot match that
  pattern. When a literal is an identifier, the node is that one token, so only a whole
  word counts (``gomend.engine.go.source.has_token``: the byte after must not extend an identifier,
  the byte before must be able to end some token). A codemod's ``names`` are identifiers
  that ``Codemod.run`` checks with the same function.
- **Tests and packages.** A codemod with ``skip_test_files`` never runs on a ``_test.go``
  file, nor one with ``skip_packages`` on a file whose package clause names one of them.
- **Shapes.** A codemod's ``shape`` is a byte pattern that ``Codemod.run`` requires too.
- **Calls.** A codemod's ``calls`` are the ``(path, Name)`` calls every finding stands at
  or needs; ``Codemod.run`` requires one of them spelled with a name the file's imports give
  the path and followed by the call's bracket (``rt.GC(``, or ``GC(`` for a dot import).
  Where the imports were read, the prefilter knows those names and asks the same of the
  bytes (``gomend.engine.go.source.has_call``, ``selected_names``).

Everything is derived from the codemod records, so a new codemod gets the prefilter by
declaring ``imports`` (and, through its query or ``names``, the identifiers it needs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gomend.engine.codemod import Codemod
from gomend.engine.go.imports import default_package_name
from gomend.engine.go.query import Names, Word, query_names
from gomend.engine.go.source import (
    compile_call_patterns,
    has_call,
    has_token,
    selected_names,
    unquote,
)

# --- the header: package clause and import declarations -------------------------------------

_WS = rb"(?:\s++|//[^\n]*+|/\*[^*]*+\*++(?:[^/*][^*]*+\*++)*+/)*+"
_IDENT = rb"[A-Za-z_\x80-\xff][0-9A-Za-z_\x80-\xff]*+"
_STRING = rb'(?:"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"|`[^`]*+`)'
_SPEC = rb"(?:(?:" + _IDENT + rb"|\.)" + _WS + rb")?" + _STRING
# an import declaration: one spec, or a parenthesised group of them
_IMPORT = (
    rb"import\b"
    + _WS
    + rb"(?:"
    + _SPEC
    + rb"|\((?:"
    + _WS
    + _SPEC
    + rb"(?:"
    + _WS
    + rb";)?)*+"
    + _WS
    + rb"\))"
)
_HEADER_RE = re.compile(
    rb"(?:\xef\xbb\xbf)?"
    + _WS
    + rb"package\b"
    + _WS
    + rb"(?P<package>"
    + _IDENT
    + rb")(?:"
    + _WS
    + rb";)?(?:"
    + _WS
    + _IMPORT
    + rb"(?:"
    + _WS
    + rb";)?)*+"
    + _WS
)
# what may follow the imports: another top-level declaration, or the end of the file
_AFTER_HEADER_RE = re.compile(rb"(?:func|type|var|const)\b|\Z")
# the header as tokens: comments, string literals (group 1), and runs of anything else
_TOKEN_RE = re.compile(
    rb"//[^\n]*+|/\*[^*]*+\*++(?:[^/*][^*]*+\*++)*+/|(" + _STRING + rb')|[^/"`]++|/'
)


def _header_match(raw: bytes) -> int | None:
    """Where the header ends, when it reads cleanly and a declaration or the end follows."""
    return _header_end(raw, _HEADER_RE.match(raw))


def _header_end(raw: bytes, m: re.Match[bytes] | None) -> int | None:
    """``_header_match`` from the header pattern's match on ``raw``."""
    if m is None or _AFTER_HEADER_RE.match(raw, m.end()) is None:
        return None
    return m.end()


_LAST_WORD_RE = re.compile(rb"(" + _IDENT + rb"|\.)\s*+\Z")


_COMMENT_RE = re.compile(rb"//[^\n]*+|/\*[^*]*+\*++(?:[^/*][^*]*+\*++)*+/")


def header_locals(
    raw: bytes, end: int, wanted: frozenset[str] | None = None, start: int = 0
) -> dict[str, set[str]] | None:
    """For the import specs in ``raw[start:end]`` (a header, or a later import declaration
    read whole): each import path (of ``wanted``, when given) and the names the file gives
    it (``.`` for a dot import, ``_`` for a blank one). Literals may be raw or hold escapes;
    None when one does not read as a Go string."""
    found: dict[str, set[str]] = {}
    since = start  # where the text since the last literal starts
    for m in _TOKEN_RE.finditer(raw, start, end):
        literal = m.group(1)
        if literal is None:
            continue
        if literal[0] == 0x22 and b"\\" not in literal:  # "path": the usual spelling
            path = literal[1:-1].decode("utf-8", "replace")
        else:
            unquoted = unquote(literal)
            if unquoted is None:
                return None
            path = unquoted
        if wanted is None or path in wanted:
            before = raw[since : m.start()]
            if b"/" in before:
                before = _COMMENT_RE.sub(b" ", before)
            word = _LAST_WORD_RE.search(before)
            alias = word.group(1) if word is not None else b"import"
            local = default_package_name(path) if alias == b"import" else alias.decode()
            found.setdefault(path, set()).add(local)
        since = m.end()
    return found


# an import declaration's start: the keyword, then "(" or a literal, perhaps after a name
_IMPORT_DECL_RE = re.compile(
    rb"\bimport\b" + _WS + rb"(?:\(|(?:(?:" + _IDENT + rb"|\.)" + _WS + rb")?[\"`])"
)
# a whole import declaration, as the header pattern reads one
_IMPORT_WHOLE_RE = re.compile(_IMPORT)
_ESCAPE_RE = re.compile(rb"\\.")


def _in_line_comment_or_string(raw: bytes, at: int) -> bool:
    """Whether ``at`` lies in a ``//`` comment or an interpreted string of its own line,
    judged from that line alone (escapes removed): a ``//`` before it outside strings, or
    an odd number of quotes before it. Anything less plain (a backquote, ``/*`` or ``*/``,
    a rune) counts as code, which only keeps more files: a line may start inside a raw
    string or a general comment that an earlier line opened."""
    start = raw.rfind(b"\n", 0, at) + 1
    before = _ESCAPE_RE.sub(b"", raw[start:at])
    if b"`" in before or b"/*" in before or b"*/" in before or b"'" in before:
        return False
    quotes = 0
    for i, byte in enumerate(before):
        if byte == 0x22:  # "
            quotes += 1
        elif byte == 0x2F and before[i : i + 2] == b"//" and quotes % 2 == 0:
            return True
    return quotes % 2 == 1


def import_names(raw: bytes, wanted: frozenset[str] | None = None) -> dict[str, set[str]] | None:
    """Each import path of the file (of ``wanted``, when given) and the names it is given,
    when the bytes settle it; else None. The header is read whole; text further down that
    could start another import declaration (the word ``import`` in prose, ``import
    cycle``, does not; Go source in a raw string does) is read as one too, which can only
    add paths and names."""
    end = _header_match(raw)
    return None if end is None else _import_names(raw, end, wanted)


def _import_names(
    raw: bytes, end: int, wanted: frozenset[str] | None
) -> dict[str, set[str]] | None:
    names = header_locals(raw, end, wanted)
    if names is None:
        return None
    for at in _later_imports(raw, end):
        m = _IMPORT_WHOLE_RE.match(raw, at)
        more = header_locals(raw, m.end(), wanted, at) if m is not None else None
        if more is None:
            return None  # something import-like that does not read as a declaration
        for path, locals_ in more.items():
            names.setdefault(path, set()).update(locals_)
    return names


def _later_imports(raw: bytes, end: int) -> Iterator[int]:
    """Where text after the header could start another import declaration."""
    at = raw.find(b"import", end)  # a plain search first: most files never say it again
    while at != -1:
        if _IMPORT_DECL_RE.match(raw, at) and not _in_line_comment_or_string(raw, at):
            yield at
        at = raw.find(b"import", at + 6)


def may_import(raw: bytes, path: str) -> bool:
    """Whether any literal in the file could spell the import path ``path``."""
    p = path.encode("utf-8")
    return (
        b"\\" in raw
        or b'"' + p + b'"' in raw
        or b"`" + p + b"`" in raw
        or (b"\r" in raw and b"`" in raw)
    )


def codemod_names(codemod: Codemod) -> Names | None:
    """What a file must contain for the codemod to match: its query's names and its own."""
    names = query_names(codemod.match_query)
    if not codemod.names:
        return names
    own = frozenset((n.encode("utf-8"), True) for n in codemod.names)
    return ((own,),) if names is None else tuple((*p, own) for p in names)


def has_names(raw: bytes, names: Names, seen: dict[Word, bool] | None = None) -> bool:
    """Whether the file holds what some pattern needs (``seen``: answers already known for
    this file, shared by the codemods asked about it)."""
    seen = {} if seen is None else seen

    def holds(word: Word) -> bool:
        known = seen.get(word)
        if known is None:
            known = seen[word] = has_token(raw, word[0]) if word[1] else word[0] in raw
        return known

    return any(all(any(holds(w) for w in group) for group in g) for g in names)


# --- the prefilter --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Need:
    codemod: Codemod
    paths: frozenset[str]
    names: Names | None  # None: no name is required
    skip: frozenset[str]  # package names it never applies to


class Prefilter:
    """Built once for a selection of codemods; asked once per file."""

    def __init__(self, codemods: Sequence[Codemod]) -> None:
        self._needs = tuple(
            _Need(c, frozenset(c.import_paths), codemod_names(c), frozenset(c.skip_packages))
            for c in codemods
        )
        self._paths = tuple(sorted({p for n in self._needs for p in n.paths}))
        # what a header that spells some path "path" holds: the quote and the first element
        self._heads = tuple(sorted({b'"' + p.encode("utf-8").split(b"/")[0] for p in self._paths}))
        self._wanted = frozenset(self._paths)
        for codemod in codemods:  # compiled here, before workers fork, not in each of them
            for import_path, name in codemod.calls:
                compile_call_patterns(default_package_name(import_path), name)

    def codemods_for(self, path: str, raw: bytes) -> list[Codemod]:
        """The codemods that could match the file; the others cannot (see the module doc)."""
        if not self._paths:
            return []
        m = _HEADER_RE.match(raw)
        end = _header_end(raw, m)
        names = None  # the asked-for paths the file imports and their names, when known
        if end is None:
            present = {p for p in self._paths if may_import(raw, p)}
        elif (
            raw.find(b"\\", 0, end) == -1
            and raw.find(b"`", 0, end) == -1
            and not any(raw.find(head, 0, end) != -1 for head in self._heads)
            and next(_later_imports(raw, end), None) is None
        ):
            return []  # a plain header without the paths, and nothing imports further down
        else:
            names = _import_names(raw, end, self._wanted)
            if names is None:
                present = {p for p in self._paths if may_import(raw, p)}
            else:
                present = set(names)
        if not present:
            return []
        package = None  # the package clause's name, when the header reads cleanly
        if end is not None and m is not None:
            package = m.group("package").decode("utf-8", "replace")
        test_file = path.endswith("_test.go")
        seen: dict[Word, bool] = {}
        calls = None if names is None else _Calls(raw, names)
        return [
            n.codemod
            for n in self._needs
            if not (test_file and n.codemod.skip_test_files)
            and not (package is not None and package in n.skip)
            and not n.paths.isdisjoint(present)
            and (calls is None or calls.any_of(n.codemod.calls))
            and (n.names is None or has_names(raw, n.names, seen))
            and (n.codemod.shape is None or n.codemod.shape.search(raw) is not None)
        ]


class _Calls:
    """The ``package.Name(`` calls a file spells with the names its imports give the
    packages (``rt.GC(``, or ``GC(`` for a dot import), found once per package name: a
    codemod's ``calls`` need one of them (``Codemod.run`` asks the same, through
    ``gomend.engine.go.source.has_call``)."""

    def __init__(self, raw: bytes, locals_: dict[str, set[str]]) -> None:
        self.raw = raw
        self.locals = locals_
        self.spelled: dict[str, frozenset[str]] = {}  # package name -> Names called

    def any_of(self, calls: tuple[tuple[str, str], ...]) -> bool:
        if not calls:
            return True
        for path, name in calls:
            for local in self.locals.get(path, ()):
                if local == ".":
                    if has_call(self.raw, ((local, name),)):
                        return True
                elif local != "_" and name in self._names_after(local):
                    return True
        return False

    def _names_after(self, local: str) -> frozenset[str]:
        known = self.spelled.get(local)
        if known is None:
            known = self.spelled[local] = frozenset(selected_names(self.raw, local))
        return known
