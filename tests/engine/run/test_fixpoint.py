"""engine/run/fixpoint.py: a fix pass hands its tree on, parsing a text only when a step
(edits, comment alignment, dropping and adding imports) changed it, and the tree it hands on
is the parse of the text it returns."""

from __future__ import annotations

import pytest

from gomend.engine.go import parse as parse_module
from gomend.engine.go.file import GoFile
from gomend.engine.registry import get_codemod
from gomend.engine.run import fixpoint
from gomend.engine.run.fixpoint import apply_fixes_parsed
from gomend.engine.run.options import RunOptions

HANDLER = b"""package web

import (
	"net/http"
	"runtime"
)

func handle(w http.ResponseWriter, r *http.Request) {
	runtime.GC()
	w.WriteHeader(http.StatusOK)
}
"""

KEEPS_IMPORT = HANDLER.replace(
    b"\tw.WriteHeader(http.StatusOK)\n", b"\tw.WriteHeader(runtime.NumCPU())\n"
)


def findings(source: bytes) -> list:
    file = GoFile.from_source("web/handler.go", source)
    found = get_codemod("gc-in-hot-path").run(file)
    assert found and all(f.fix is not None for f in found)
    return found


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    seen: list[bytes] = []
    real = parse_module.parse

    def counting(source: bytes):  # type: ignore[no-untyped-def]
        seen.append(source)
        return real(source)

    monkeypatch.setattr(fixpoint, "parse", counting)
    return seen


@pytest.mark.parametrize("source", [HANDLER, KEEPS_IMPORT], ids=["drops-import", "keeps-import"])
def test_the_tree_handed_on_is_the_parse_of_the_result(source: bytes) -> None:
    new, tree = apply_fixes_parsed(source, findings(source), crlf=False)
    assert b"runtime.GC()" not in new
    assert str(tree.root_node) == str(parse_module.parse(new).root_node)
    assert tree.root_node.end_byte == len(new)


def test_a_pass_whose_imports_and_comments_need_nothing_parses_once(parses: list[bytes]) -> None:
    chosen = findings(KEEPS_IMPORT)
    new, _ = apply_fixes_parsed(KEEPS_IMPORT, chosen, crlf=False)
    assert b'\t"runtime"\n' in new  # still used by NumCPU
    assert parses == [new]


def test_a_pass_that_drops_an_import_parses_again_after_it(parses: list[bytes]) -> None:
    new, _ = apply_fixes_parsed(HANDLER, findings(HANDLER), crlf=False)
    assert b'"runtime"' not in new
    assert len(parses) == 2 and parses[-1] == new


def test_a_whole_run_parses_each_changed_text_once(parses: list[bytes]) -> None:
    from gomend.engine.go.source import SourceText

    text = SourceText.from_bytes(KEEPS_IMPORT)
    codemods = [get_codemod("gc-in-hot-path")]
    options = RunOptions(codemod_ids=("gc-in-hot-path",), unsafe_fixes=True)
    result = fixpoint.process_text(
        "web/handler.go", KEEPS_IMPORT, options, codemods, text, codemods
    )
    assert result.after is not None
    # the file once, the fixed text once; the second pass finds nothing and parses nothing
    assert len(parses) == 2
    assert len(set(parses)) == 2
