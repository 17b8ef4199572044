"""Suppression comments: //gomend:ignore and //nolint, on the line or the line above."""

from __future__ import annotations

import textwrap

import pytest

from gomend.engine.codemod import Finding
from gomend.engine.go.parse import parse
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.options import RunOptions
from gomend.engine.run.result import FileResult
from gomend.engine.run.suppress import UNUSED, WITHOUT_REASON, find_suppressions

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
        f"{CALL} //nolint",  # golangci-lint's every-linter form is left to golangci-lint
        f"{CALL} //nolint:errcheck",
        f"{CALL} //nolint:lost-cancelled",
        f"{CALL} //gomend:ignore gc-in-handler not this codemod",
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


def test_unused_suppression_with_unknown_id() -> None:
    result = run(go("_ = 1 //gomend:ignore lost-cancle typo"), unused=True)
    assert rules(result) == [(LINE, UNUSED)]
    assert "'lost-cancle'" in result.findings[0].message


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
    found = find_suppressions(raw, parse(raw), {LOST, "a"})
    assert [(s.style, s.ids, s.reason, s.line, s.covers) for s in found] == [
        ("nolint", (LOST,), "reason here", LINE, LINE),
        ("gomend:ignore", ("a", "b"), "why", LINE + 1, LINE + 2),
    ]
    first = found[0]
    assert raw[first.start_byte : first.end_byte].startswith(b"//nolint:")
    finding = Finding(LOST, "m", 0, 1, LINE, 1, LINE, 2)
    assert first.silences(finding)
    assert not found[1].silences(finding)


@pytest.mark.parametrize("rule", [WITHOUT_REASON, UNUSED])
def test_explain_documents_the_suppression_rules(rule: str) -> None:
    from typer.testing import CliRunner

    from gomend.engine.cli.app import app

    result = CliRunner().invoke(app, ["explain", rule])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{rule}: ")
    for section in ("## What it does", "## Why is this bad?", "## Fix safety"):
        assert section in result.stdout
