"""Tree-sitter queries and walks: compiled queries, their matches, and the nodes a text spells.

All tree-sitter query calls live here, with the walks and byte searches that find nodes,
and which names every match of a query needs (for the prefilter and ``Codemod.run``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import tree_sitter

from gomend.engine.go.parse import Node, go_language


@lru_cache(maxsize=256)
def compile_query(text: str) -> tree_sitter.Query:
    return tree_sitter.Query(go_language(), text)


def query_patterns(text: str) -> list[tuple[str, dict[str, str]]]:
    """Each pattern of a query: its own text (predicates included) and, for each capture it
    has, tree-sitter's quantifier: ``""`` one node in every match, ``"+"`` one or more,
    ``"?"`` or ``"*"`` maybe none (for the prefilter, engine/run/prefilter.py)."""
    compiled = compile_query(text)
    encoded = text.encode("utf-8")
    names = [compiled.capture_name(i) for i in range(compiled.capture_count)]
    out = []
    for index in range(compiled.pattern_count):
        start, end = compiled.start_byte_for_pattern(index), compiled.end_byte_for_pattern(index)
        quantifiers: dict[str, str] = {}
        for capture, name in enumerate(names):
            try:
                quantifiers[name] = compiled.capture_quantifier(index, capture)
            except SystemError:  # the binding's "zero": the pattern lacks the capture
                continue
        out.append((encoded[start:end].decode("utf-8"), quantifiers))
    return out


def matches(
    query_text: str, node: Node, byte_ranges: Iterable[tuple[int, int]] | None = None
) -> list[dict[str, Node]]:
    """Each match of the query under ``node``: capture name to its first node, in order of
    its first node (ties in tree-sitter's order). With ``byte_ranges`` (in source order),
    only the matches that intersect one of them (some node of the match overlaps it), each
    once: tree-sitter then skips the subtrees outside the range it runs on."""
    cursor = tree_sitter.QueryCursor(compile_query(query_text))
    found: dict[tuple[tuple[str, Node], ...], dict[str, Node]] = {}
    for byte_range in [None] if byte_ranges is None else byte_ranges:
        if byte_range is not None:
            cursor.set_byte_range(*byte_range)
        for _, caps in cursor.matches(node):
            match = {name: nodes[0] for name, nodes in caps.items() if nodes}
            found.setdefault(tuple(match.items()), match)  # a match in two ranges once
    out = list(found.values())
    out.sort(key=lambda m: min(n.start_byte for n in m.values()))
    return out


def walk(node: Node, types: Iterable[str] | None = None) -> Iterator[Node]:
    """Every descendant of ``node`` (itself included) in source order, optionally by type."""
    wanted = set(types) if types is not None else None
    cursor = node.walk()  # a cursor: three times faster than lists of children
    depth = 0
    while True:
        current = cursor.node
        assert current is not None
        if wanted is None or current.type in wanted:
            yield current
        if cursor.goto_first_child():
            depth += 1
            continue
        while not cursor.goto_next_sibling():
            if depth <= 1 or not cursor.goto_parent():
                return
            depth -= 1


def spelled(node: Node, source: bytes, text: str) -> Iterator[Node]:
    """The named nodes under ``node`` whose text is exactly ``text`` (of nodes with the same
    span, the innermost), in source order, found by searching the bytes: for a word that is
    rare in a big tree, much cheaper than a walk testing every identifier."""
    word = text.encode()
    at = source.find(word, node.start_byte, node.end_byte) if word else -1
    while at >= 0:
        found = node.named_descendant_for_byte_range(at, at + len(word))
        if found is not None and (found.start_byte, found.end_byte) == (at, at + len(word)):
            yield found
        at = source.find(word, at + 1, node.end_byte)


def spans_spelled(node: Node, source: bytes, word: bytes) -> Iterator[tuple[int, int]]:
    """The spans of the occurrences of ``word`` in ``node``'s bytes that some node (named
    or not) spans exactly: the nodes holding a span nest, so the innermost tells."""
    at = source.find(word, node.start_byte, node.end_byte) if word else -1
    while at >= 0:
        found = node.descendant_for_byte_range(at, at + len(word))
        if found is not None and (found.start_byte, found.end_byte) == (at, at + len(word)):
            yield at, at + len(word)
        at = source.find(word, at + 1, node.end_byte)


def node_text(node: Node, source: bytes) -> str:
    return source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def may_spell(source: bytes, text: str, start: int, end: int) -> bool:
    """False when no node within ``source[start:end]`` can have ``text`` as its
    ``node_text``: the bytes hold no encoding of it (a text with U+FFFD, which stands for
    any undecodable byte, always may)."""
    return "\ufffd" in text or source.find(text.encode(), start, end) >= 0


_IDENTIFIERS = ("identifier", "field_identifier", "type_identifier", "package_identifier")


def identifiers_in(node: Node, source: bytes) -> set[str]:
    return {node_text(n, source) for n in walk(node, _IDENTIFIERS)}


def has_identifier(node: Node, source: bytes, name: str) -> bool:
    """``name in identifiers_in(node, source)``, found from the spellings of ``name`` (an
    identifier is a leaf: the innermost node of its span) rather than by a walk."""
    if not name or "\ufffd" in name:  # a missing or undecodable identifier's text
        return name in identifiers_in(node, source)
    return any(n.type in _IDENTIFIERS for n in spelled(node, source, name))


def unparen(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        child = node.named_children[0]
        node = child
    return node


# --- names a query needs ------------------------------------------------------------------

_QUERY_TOKEN_RE = re.compile(r'"(?:[^"\\]|\\.)*"|;[^\n]*|[^";]+', re.S)
_PREDICATE_RE = re.compile(
    r'\(\s*#(?:eq|any-eq|any-of)\?\s+@([\w.-]+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)'
)
_QUERY_STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')

# Any one pattern; in it, every group; of a group, any one text, with whether that text is a
# whole token of the file (a node's text) or may be part of a longer one.
Word = tuple[bytes, bool]
Names = tuple[tuple[frozenset[Word], ...], ...]
_IDENTIFIER_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@lru_cache(maxsize=256)
def query_names(query_text: str) -> Names | None:
    """For each pattern of the query, the groups of texts its predicates require: a match
    has, for each group, a node whose text is one of the group's. None when some pattern
    requires no text, so that the query could match whatever names a file holds."""
    patterns: list[tuple[frozenset[Word], ...]] = []
    try:
        described = query_patterns(query_text)
    except AttributeError:  # a tree-sitter binding without pattern offsets or quantifiers
        return None
    for text, quantifiers in described:
        # comments out, strings kept whole: a ';' inside a string starts no comment
        text = "".join(t for t in _QUERY_TOKEN_RE.findall(text) if not t.startswith(";"))
        groups: list[frozenset[Word]] = []
        for m in _PREDICATE_RE.finditer(text):
            if quantifiers.get(m.group(1)) not in ("", "+"):
                continue  # a match may lack the node: the predicate then holds vacuously
            literals = _QUERY_STRING_RE.findall(m.group(2))
            if all(s and "\\" not in s for s in literals):
                groups.append(
                    frozenset((s.encode(), bool(_IDENTIFIER_RE.fullmatch(s))) for s in literals)
                )
        if not groups:
            return None
        patterns.append(tuple(groups))
    return tuple(patterns) if patterns else None


def call_query(*names: str) -> str:
    """A query for calls to any of ``names``, spelled ``pkg.Name(...)`` or (dot import)
    ``Name(...)``; captures ``@call``. It matches by name alone: which package a call
    resolves to is asked of the tree (``engine.go.calls.is_call``)."""
    quoted = " ".join(f'"{n}"' for n in sorted(set(names)))
    return f"""
(call_expression
   function: [(selector_expression field: (field_identifier) @name)
              (identifier) @name]
   (#any-of? @name {quoted})) @call
"""
