"""gomend.engine.go.source: ``has_call`` and ``selected_names``, the fast call searches of the
prefilter and of ``Codemod.run``, answer exactly as ``call_pattern``, their readable
definition, on any bytes; a call is the name followed by its brackets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gomend.engine.go.source import call_pattern, has_call, selected_names

LOCALS = ["runtime", "rt", ".", "_", "ñrt", "r2"]
NAMES = ["GC", "Gosched", "SetFinalizer"]
# pieces that make near misses: a word character glued on either side, a comment or a line
# break around the dot, a longer name, a non-ASCII byte, a selector on something else
PIECES = [
    "runtime",
    "rt",
    "ñrt",
    "r2",
    ".",
    " . ",
    "/* c */",
    "//x\n",
    "\n",
    "GC",
    "GCPercent",
    "Gosched",
    "SetFinalizer",
    "x",
    "_",
    "9",
    "é",
    "(",
    " ",
    "a.",
]


def expected(raw: bytes, spellings: tuple[tuple[str, str], ...]) -> bool:
    pattern = call_pattern(spellings)
    return pattern is not None and pattern.search(raw) is not None


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=12),
    st.lists(st.tuples(st.sampled_from(LOCALS), st.sampled_from(NAMES)), min_size=1, max_size=3),
)
def test_has_call_answers_as_call_pattern(
    pieces: list[str], spellings: list[tuple[str, str]]
) -> None:
    raw = "".join(pieces).encode()
    spelled = tuple(sorted(set(spellings)))
    assert has_call(raw, spelled) == expected(raw, spelled)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=12),
    st.sampled_from([x for x in LOCALS if x not in (".", "_")]),
    st.sampled_from(NAMES),
)
def test_selected_names_answer_as_call_pattern(pieces: list[str], local: str, name: str) -> None:
    raw = "".join(pieces).encode()
    assert (name in set(selected_names(raw, local))) == expected(raw, ((local, name),))


def test_has_call_examples() -> None:
    assert has_call(b"\truntime.GC()\n", (("runtime", "GC"),))
    assert has_call(b"runtime . /* why */ GC()", (("runtime", "GC"),))
    assert not has_call(b"xruntime.GC()", (("runtime", "GC"),))
    assert not has_call(b"runtime.GCPercent()", (("runtime", "GC"),))
    assert has_call(b"GC()", ((".", "GC"),))
    assert not has_call(b"runtime.GC()", (("_", "GC"),))
    assert has_call(b"runtime.GOMAXPROCS[int](4)", (("runtime", "GOMAXPROCS"),))
    assert has_call(b"(context.WithCancel)(ctx)", (("context", "WithCancel"),))
    assert has_call(b"runtime.GC // why\n\t()", (("runtime", "GC"),))
    assert not has_call(b"// see runtime.GC.\n", (("runtime", "GC"),))  # a mention, no call
    source = (
        "runtime.GC(); runtime . Gosched (); xruntime.Stack(); runtime.GCé(); runtime.KeepAlive"
    )
    assert sorted(selected_names(source.encode(), "runtime")) == ["GC", "Gosched"]  # GCé: a word
