"""engine/run/newlines.py and its use in the fixpoint: only the findings on changed lines
are reported and fixed, and the changed lines follow the text through each pass of fixes."""

from __future__ import annotations

import dataclasses

from gomend.engine.codemod import Finding
from gomend.engine.run.fixpoint import process_source
from gomend.engine.run.newlines import ChangedLines, carry_lines, changed_between, is_new
from gomend.engine.run.options import RunOptions

SOURCE = b"""package p

import (
\t"context"
\t"time"
)

func New(parent context.Context) error {
\tctx, _ := context.WithTimeout(parent, time.Second)
\treturn ctx.Err()
}

func Old(parent context.Context) error {
\tctx, _ := context.WithTimeout(parent, time.Second)
\treturn ctx.Err() // edited
}
"""
NEW_LINE, OLD_LINE, EDITED_LINE = 9, 14, 15
OPTIONS = RunOptions(codemod_ids=("lost-cancel",))


def _finding(line: int, end_line: int) -> Finding:
    return Finding("r", "m", 0, 1, line, 1, end_line, 2)


def test_a_finding_is_new_when_any_line_of_its_span_changed() -> None:
    assert is_new(_finding(3, 5), frozenset({5}))
    assert is_new(_finding(3, 5), None)
    assert not is_new(_finding(3, 5), frozenset({2, 6}))
    assert is_new(_finding(1, 10_000), frozenset({7_000}))


def test_carried_lines_follow_the_text_and_take_in_what_fixes_wrote() -> None:
    before = b"a\nb\nc\nd\ne\n"
    after = b"a\nB\nB2\nc\nd\ne\n"  # b rewritten as two lines
    assert carry_lines(before, after, frozenset({2, 4})) == {2, 3, 5}
    assert carry_lines(before, before, frozenset({4})) == {4}
    assert carry_lines(before, after, None) is None
    assert changed_between(before, after) == {2, 3}
    assert changed_between(b"a\nb", b"a\nb\n") == frozenset()  # the last newline alone


def test_only_the_new_finding_is_reported_and_fixed() -> None:
    whole = process_source("p/a.go", SOURCE, OPTIONS)
    assert [f.line for f in whole.findings] == [NEW_LINE, OLD_LINE]
    # the edited line after the old finding is changed: once the new finding's fix added a
    # line above, the old finding sits on that line number, and must still count as old
    result = process_source("p/a.go", SOURCE, OPTIONS, new_lines=frozenset({NEW_LINE, EDITED_LINE}))
    assert [(f.line, f.fixed) for f in result.findings] == [(NEW_LINE, True)]
    assert result.after is not None
    fixed = result.after.decode()
    assert fixed.count("defer cancel()") == 1
    assert fixed.index("defer cancel()") < fixed.index("func Old")
    assert result.fixed_by == {"lost-cancel": 1}


def test_no_changed_line_means_nothing_to_do() -> None:
    result = process_source("p/a.go", SOURCE, OPTIONS, new_lines=frozenset())
    assert result.findings == [] and result.after is None
    scan = dataclasses.replace(OPTIONS, settle=False)
    found = process_source("p/a.go", SOURCE, scan, new_lines=frozenset({OLD_LINE}))
    assert [f.line for f in found.findings] == [OLD_LINE] and found.status == "changed"


def test_a_syntax_error_counts_only_on_a_changed_line() -> None:
    broken = SOURCE.replace(b"return ctx.Err() // edited", b"return ctx.Err( // edited")
    assert any(f.rule == "syntax-error" for f in process_source("p/a.go", broken, OPTIONS).findings)
    result = process_source("p/a.go", broken, OPTIONS, new_lines=frozenset({NEW_LINE}))
    assert all(f.rule != "syntax-error" for f in result.findings)


def test_changed_lines_by_the_real_path_of_the_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.go").write_text("x")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "link.go").symlink_to(tmp_path / "real" / "a.go")
    where = str((tmp_path / "real").resolve() / "a.go")
    changed = ChangedLines("HEAD", {where: frozenset({2, 1})})
    assert changed.of(str(tmp_path / "linked" / "a.go")) == {1, 2}
    assert (
        changed.of(str(tmp_path / "real" / "link.go")) == frozenset()
    )  # a link is a file of its own, as in git
    assert changed.of(str(tmp_path / "real" / "other.go")) == frozenset()
    assert changed.key(str(tmp_path / "real" / "a.go")) == b"1,2"
