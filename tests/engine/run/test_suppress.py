"""Suppression comments: //gomend:ignore and //nolint, on the line or the line above."""

from __future__ import annotations

import dataclasses
import re
import textwrap

import pytest

from gomend.engine.codemod import Finding, Fix, Safety
from gomend.engine.go.edits import Edit
from gomend.engine.go.parse import parse
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult
from gomend.engine.run.suppress import (
    MALFORMED,
    UNUSED,
    WITHOUT_REASON,
    find_suppressions,
    protect_comments,
)

LOST = "lost-cancel"


def go(body: str) -> bytes:
    """A complete Go file around a function body (tabs for indentation)."""
    head = 'package p\n\nimport "context"\n\nfunc f(parent context.Context) {\n'
    return (head + textwrap.indent(textwrap.dedent(body).strip("\n"), "\t") + "\n}\n").encode()


def run(raw: bytes, ids: tuple[str, ...] = (LOST,), unused: bool = False) -> FileResult:
    options = RunOptions(codemod_ids=ids, report_unused_suppressions=unused)
    return process_source("p.go", raw, options)


def rules(result: FileResult) -> list[tuple[int, str]]:
    return [(f.line, f.rule) for f in result.findings]


CALL = "ctx, _ := context.WithCancel(parent)"
LINE = 6  # the line of the first statement in go()


def test_unsuppressed_finding_is_reported_and_fixed() -> None:
    result = run(go(f"{CALL}\n_ = ctx"))
    assert rules(result) == [(LINE, LOST)]
    assert result.status == "changed"


@pytest.mark.parametrize(
    "body",
    [
        f"{CALL} //gomend:ignore lost-cancel the parent is cancelled right after",
        f"//gomend:ignore lost-cancel the parent is cancelled right after\n{CALL}",
        f"{CALL} //nolint:gomend",
        f"{CALL} //nolint:lost-cancel",
        f"{CALL} //nolint:errcheck,lost-cancel // the parent is cancelled right after",
        f"{CALL} //nolint:errcheck, lost-cancel",
        f"//nolint:lost-cancel // the parent is cancelled right after\n{CALL}",
        f"//nolint:gomend\n{CALL}",
    ],
)
def test_suppressed_finding_is_neither_reported_nor_fixed(body: str) -> None:
    raw = go(f"{body}\n_ = ctx")
    result = run(raw)
    assert result.findings == []
    assert result.status == "unchanged"
    assert result.after is None


@pytest.mark.parametrize(
    "body",
    [
        f"{CALL} // gomend:ignore lost-cancel a space makes it prose, as for Go directives",
        f"{CALL} //nolint:errcheck",
        f"{CALL} // nolint is what we avoid here: prose, not a directive",
        f"{CALL} //nolint:lost-cancelled",
        f"{CALL} //gomend:ignore gc-in-hot-path not this codemod",
        f"{CALL} /* //gomend:ignore lost-cancel a block comment */",
        f"_ = 1 //gomend:ignore lost-cancel covers its own line only\n{CALL}",
        f"//gomend:ignore lost-cancel two lines above\n\n{CALL}",
        'ctx, _ := context.WithCancel(context.WithValue(parent, k, "//gomend:ignore lost-cancel in a string"))',
    ],
)
def test_comment_that_does_not_suppress(body: str) -> None:
    result = run(go(f"{body}\n_ = ctx"))
    assert [r for r in rules(result) if r[1] == LOST], body
    assert result.status == "changed"


def test_suppression_without_reason_silences_and_is_reported() -> None:
    result = run(go(f"{CALL} //gomend:ignore lost-cancel\n_ = ctx"))
    assert rules(result) == [(LINE, WITHOUT_REASON)]
    (finding,) = result.findings
    assert finding.fix is None
    assert "lost-cancel" in finding.message and "reason" in finding.message
    assert result.status == "unchanged"


def test_suppression_without_reason_on_line_above() -> None:
    result = run(go(f"//gomend:ignore lost-cancel\n{CALL}\n_ = ctx"))
    assert rules(result) == [(LINE, WITHOUT_REASON)]
    assert result.findings[0].column == 2  # after the tab


def test_suppression_naming_nothing_is_reported() -> None:
    result = run(go(f"//gomend:ignore\n{CALL}\n_ = ctx"))
    assert rules(result) == [(LINE, WITHOUT_REASON), (LINE + 1, LOST)]


def test_nolint_without_reason_is_not_reported() -> None:
    result = run(go(f"{CALL} //nolint:lost-cancel\n_ = ctx"))
    assert result.findings == []


def test_reason_after_slashes_counts() -> None:
    result = run(go(f"{CALL} //gomend:ignore lost-cancel // kept on purpose\n_ = ctx"))
    assert result.findings == []


def test_missing_reason_reported_even_where_the_prefilter_would_skip() -> None:
    raw = b"package p\n\n//gomend:ignore lost-cancel\nfunc f() {}\n"
    assert rules(run(raw)) == [(3, WITHOUT_REASON)]


def test_missing_reason_not_reported_when_its_codemod_did_not_run() -> None:
    raw = go(f"{CALL} //gomend:ignore lost-cancel\n_ = ctx")
    assert run(raw, ids=()).findings == []


def test_one_of_two_findings_suppressed_only_that_one_is_fixed() -> None:
    body = f"{CALL} //gomend:ignore lost-cancel handled by the caller\n_ = ctx\n"
    body += "ctx2, _ := context.WithTimeout(parent, 1)\n_ = ctx2"
    result = run(go(body))
    assert rules(result) == [(LINE + 2, LOST)]
    assert result.after is not None
    after = result.after.decode()
    assert f"{CALL} //gomend:ignore lost-cancel handled by the caller" in after
    assert "ctx2, cancel := context.WithTimeout(parent, 1)\n\tdefer cancel()" in after


def test_crlf_file() -> None:
    raw = go(f"//gomend:ignore lost-cancel kept\n{CALL}\n_ = ctx").replace(b"\n", b"\r\n")
    assert run(raw).findings == []


# --- unused suppressions ----------------------------------------------------------------------


def test_unused_suppressions_are_listed_only_when_asked() -> None:
    body = f"{CALL} //gomend:ignore lost-cancel kept\n_ = ctx //gomend:ignore lost-cancel stale"
    body += "\n_ = 2 //nolint:errcheck,lost-cancel\n_ = 3 //nolint:errcheck"
    raw = go(body)
    assert run(raw).findings == []
    listed = run(raw, unused=True).findings
    assert [(f.line, f.rule) for f in listed] == [(LINE + 1, UNUSED), (LINE + 2, UNUSED)]
    assert "silences nothing" in listed[0].message


def test_a_misspelt_id_is_malformed_and_silences_nothing() -> None:
    for unused in (False, True):
        result = run(go(f"{CALL} //gomend:ignore lost-cancle typo\n_ = ctx"), unused=unused)
        assert rules(result) == [(LINE, LOST), (LINE, MALFORMED)]
        assert "'lost-cancle'" in result.findings[1].message


def test_a_space_after_the_slashes_is_malformed_and_the_fix_keeps_the_comment() -> None:
    result = run(go(f"{CALL} // gomend:ignore lost-cancel reviewed\n_ = ctx"))
    assert rules(result) == [(LINE, LOST), (LINE, MALFORMED)]
    assert "a space after //" in result.findings[1].message
    assert result.after is not None
    assert b"// gomend:ignore lost-cancel reviewed" in result.after  # the fix kept it


@pytest.mark.parametrize(
    "comment", ["//nolint", "//nolint // every linter", "//nolint:govet", "// nolint: lostcancel"]
)
def test_golangci_lint_spellings_silence_lost_cancel(comment: str) -> None:
    result = run(go(f"{CALL} {comment}\n_ = ctx"))
    assert result.findings == [] and result.status == "unchanged", comment


def test_no_fix_takes_a_line_that_holds_a_suppression_comment() -> None:
    findings = [
        Finding(LOST, "m", 0, 1, LINE, 1, LINE, 2, fix=Fix((Edit(10, 30, b""),), Safety.SAFE)),
        Finding(LOST, "m", 0, 1, LINE, 1, LINE, 2, fix=Fix((Edit(40, 40, b"x"),), Safety.SAFE)),
    ]
    raw = go(f"{CALL} //gomend:ignore gc-in-hot-path kept\n_ = ctx")
    (comment,) = find_suppressions(raw, parse(raw), {LOST, "gc-in-hot-path"})
    spanning = dataclasses.replace(comment, start_byte=20, end_byte=25)
    kept = protect_comments(findings, [spanning])
    assert kept[0].fix is None  # deletes the comment's bytes
    assert kept[1].fix is not None  # an insertion elsewhere


def test_unused_suppression_not_judged_for_codemods_that_did_not_run() -> None:
    raw = go("_ = 1 //gomend:ignore lost-cancel stale\n_ = 2 //nolint:gomend")
    assert run(raw, ids=(), unused=True).findings == []
    assert rules(run(raw, unused=True)) == [(LINE, UNUSED)]  # nolint:gomend: not all ran


def test_unused_reported_where_the_prefilter_would_skip() -> None:
    raw = b"package p\n\nfunc f() {\n\t_ = 1 //nolint:lost-cancel\n}\n"
    assert rules(run(raw, unused=True)) == [(4, UNUSED)]


# --- the parser itself ------------------------------------------------------------------------


def test_find_suppressions_fields() -> None:
    raw = go(f"{CALL} //nolint:errcheck,lost-cancel // reason here\n//gomend:ignore a,b why\n_ = 1")
    found = find_suppressions(raw, parse(raw), {LOST, "a", "b"})
    assert [(s.style, s.ids, s.reason, s.line, s.covers) for s in found] == [
        ("nolint", (LOST,), "reason here", LINE, LINE),
        ("gomend:ignore", ("a", "b"), "why", LINE + 1, LINE + 2),
    ]
    first = found[0]
    assert raw[first.start_byte : first.end_byte].startswith(b"//nolint:")
    finding = Finding(LOST, "m", 0, 1, LINE, 1, LINE, 2)
    assert first.silences(finding)
    assert not found[1].silences(finding)


@pytest.mark.parametrize("rule", [WITHOUT_REASON, UNUSED, MALFORMED])
def test_explain_documents_the_suppression_rules(rule: str) -> None:
    from typer.testing import CliRunner

    from gomend.engine.cli.app import app

    result = CliRunner().invoke(app, ["explain", rule])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{rule}: ")
    for section in ("## What it does", "## Why is this bad?", "## Fix safety"):
        assert section in result.stdout


def test_every_id_the_documentation_names_exists() -> None:
    """Each id after //gomend:ignore, //nolint: or `gomend explain` in the README, the
    catalogue, the codemods' own documentation and the explain pages is a real one."""
    from pathlib import Path

    from gomend.engine.registry import all_codemods, codemod_ids
    from gomend.engine.run.suppress import ALIASES, META_RULES, WILDCARD

    root = Path(__file__).resolve().parents[3]
    texts = [(root / "README.md").read_text(), (root / "docs" / "codemods.md").read_text()]
    texts += [c.doc for c in all_codemods()] + [doc for _, doc in META_RULES.values()]
    others = {"errcheck"}  # other linters a //nolint list may name beside gomend's
    known = set(codemod_ids()) | set(META_RULES) | set(ALIASES) | others | {WILDCARD, "ID"}
    pattern = re.compile(r"(?://gomend:ignore |//nolint:|gomend explain )([a-z][\w,-]*)")
    named = {i for text in texts for m in pattern.finditer(text) for i in m.group(1).split(",")}
    assert named, "the pattern found nothing: the test would pass on any text"
    assert sorted(named - known) == []
